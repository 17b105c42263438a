package dev.tradepulse.trading.status;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.compliance.AuditLevel;
import dev.tradepulse.compliance.AuditSummary;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.trading.Exposure;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceSnapshot;
import dev.tradepulse.trading.PerformanceTracker;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Status-page sections: per-strategy KPIs and the recent audit trail. */
public final class TradingSections {

    private TradingSections() {
    }

    /** A strategy to show: its tracker and, if it has one, its kill switch. */
    public record Strategy(PerformanceTracker tracker, @Nullable KillSwitch killSwitch) {

        /** Checks the values; the kill switch may be null. */
        public Strategy {
            Objects.requireNonNull(tracker, "tracker must not be null");
        }
    }

    /**
     * A card per strategy: running or halted, then (with details) equity, P&amp;L today, drawdown,
     * win rate, Sharpe, open positions and the equity curve.
     *
     * @param strategies the strategies, in display order
     * @return the section, with id {@code strategies}
     */
    public static StatusSection strategies(List<Strategy> strategies) {
        List<Strategy> copy = List.copyOf(Objects.requireNonNull(strategies, "strategies must not be null"));
        return StatusSection.of("strategies", "Strategies", details -> copy.isEmpty()
                ? StatusView.note("No strategies.")
                : StatusView.cards(copy.stream().map(s -> card(s, details)).toList()));
    }

    private static StatusView.Card card(Strategy s, boolean details) {
        PerformanceTracker t = s.tracker();
        KillSwitch ks = s.killSwitch();
        boolean halted = ks != null && ks.isHalted();
        Tone tone = halted ? Tone.CRITICAL : Tone.OK;
        String state = halted ? "HALTED" : "running";
        if (!details) {
            return StatusView.Card.of(t.strategy(), tone, state);
        }
        PerformanceSnapshot p = t.snapshot();
        Exposure e = t.exposure();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("equity", money(p.equity()));
        f.put("P&L today", signed(p.pnlToday()));
        f.put("P&L total", signed(p.realizedPnl() + e.unrealizedPnl()));
        f.put("drawdown", pct(p.currentDrawdown()) + " (max " + pct(p.maxDrawdown()) + ")");
        f.put("win rate", p.trades() == 0 ? "n/a" : pct(p.winRate()) + " of " + p.trades());
        f.put("Sharpe", Double.isNaN(p.sharpe()) ? "n/a" : String.format(Locale.ROOT, "%.2f", p.sharpe()));
        f.put("open positions", Integer.toString(e.openPositions()));
        if (halted && ks != null) {
            f.put("halted by", ks.halt().map(h -> h.rule() + ": " + h.reason()).orElse(""));
        }
        return new StatusView.Card(t.strategy(), tone, state, f, t.equityCurve());
    }

    /**
     * The latest audit events, newest first (needs {@code keepRecent} on the logger). Without
     * details it shows only how many are kept: actors and actions are user data.
     *
     * @param audit the compliance logger
     * @param rows at most this many rows
     * @return the section, with id {@code audit}
     */
    public static StatusSection auditTrail(ComplianceLogger audit, int rows) {
        Objects.requireNonNull(audit, "audit must not be null");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        return StatusSection.of("audit", "Recent audit events", details -> auditView(audit.recentEvents(), rows,
                details));
    }

    private static StatusView auditView(List<AuditSummary> recent, int rows, boolean details) {
        if (recent.isEmpty()) {
            return StatusView.note("No audit events yet.");
        }
        if (!details) {
            return StatusView.note(recent.size() + " recent events; details need the token.");
        }
        return StatusView.table(List.of("Time (UTC)", "Type", "Actor", "Action"), recent.stream().limit(rows)
                .map(a -> new StatusView.Row(tone(a.level()), List.of(
                        a.at().truncatedTo(ChronoUnit.MILLIS).toString(), a.type(), a.actor(), a.action())))
                .toList());
    }

    private static Tone tone(AuditLevel level) {
        return switch (level) {
            case CRITICAL, ERROR -> Tone.CRITICAL;
            case WARNING -> Tone.WARN;
            default -> Tone.NEUTRAL;
        };
    }

    static String money(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.2f", v);
    }

    static String signed(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+,.2f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
