package dev.tradepulse.trading.status;

import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.api.status.StatusEventSource;
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
import dev.tradepulse.trading.risk.Hold;
import dev.tradepulse.trading.risk.RiskState;
import dev.tradepulse.trading.risk.TradingState;
import dev.tradepulse.trading.risk.Transition;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Status-page sections: per-strategy KPIs and the recent audit trail. Stateless; safe from any thread. */
public final class TradingSections {

    private TradingSections() {
    }

    /** A strategy to show: its tracker and, if it has one, its kill switch. Immutable and thread-safe. */
    public record Strategy(PerformanceTracker tracker, KillSwitch killSwitch) {

        /** Checks the values; the kill switch may be null. */
        public Strategy {
            Objects.requireNonNull(tracker, "tracker must not be null");
        }
    }

    /**
     * A card per strategy: running, REDUCING (its kill switch's {@link RiskState} is held down
     * short of a halt) or HALTED, then (with details) equity, P&amp;L today, drawdown,
     * win rate, Sharpe, open positions and the equity curve. Its {@link StatusSection#events()}
     * are the trackers' and kill switches' events, a kill switch's under its strategy's name.
     *
     * @param strategies the strategies, in display order
     * @return the section, with id {@code strategies}
     */
    public static StatusSection strategies(List<Strategy> strategies) {
        List<Strategy> copy = List.copyOf(Objects.requireNonNull(strategies, "strategies must not be null"));
        return StatusSection.of("strategies", "Strategies", details -> copy.isEmpty()
                ? StatusView.note("No strategies.")
                : StatusView.cards(copy.stream().map(s -> card(s, details)).toList()), events(copy));
    }

    /** Each tracker's and kill switch's events, a kill switch's under its strategy's name (its card's title). */
    private static StatusEventSource events(List<Strategy> strategies) {
        List<StatusEventSource> sources = new ArrayList<>();
        for (Strategy s : strategies) {
            sources.add(s.tracker().statusEvents());
            if (s.killSwitch() != null) {
                String name = s.tracker().strategy();
                StatusEventSource halts = s.killSwitch().statusEvents();
                sources.add(listener -> halts.subscribe(e -> listener.onEvent(new StatusEvent(e.kind(), e.section(),
                        name, e.tone(), e.state(), e.labels(), e.details(), e.at()))));
            }
        }
        return StatusEventSource.all(sources);
    }

    private static StatusView.Card card(Strategy s, boolean details) {
        PerformanceTracker t = s.tracker();
        boolean halted = s.killSwitch() != null && s.killSwitch().isHalted();
        boolean reducing = !halted && s.killSwitch() != null
                && s.killSwitch().riskState().current() != TradingState.ACTIVE;
        Tone tone = halted ? Tone.CRITICAL : reducing ? Tone.WARN : Tone.OK;
        String state = halted ? "HALTED" : reducing ? s.killSwitch().riskState().current().name() : "running";
        if (!details) {
            return StatusView.Card.of(t.strategy(), tone, state);
        }
        PerformanceSnapshot p = t.snapshot();
        Exposure e = t.exposure();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("equity", money(p.equity()));
        f.put("P&L today", signed(p.pnlToday()));
        f.put("P&L total", signed(p.tradeStats().realizedPnl() + e.unrealizedPnl()));
        f.put("drawdown", pct(p.risk().currentDrawdown()) + " (max " + pct(p.risk().maxDrawdown()) + ")");
        f.put("win rate", p.tradeStats().trades() == 0 ? "n/a" : pct(p.tradeStats().winRate()) + " of " + p.tradeStats().trades());
        f.put("Sharpe", Double.isNaN(p.returns().sharpe()) ? "n/a" : String.format(Locale.ROOT, "%.2f", p.returns().sharpe()));
        f.put("open positions", Integer.toString(e.openPositions()));
        if (halted) {
            f.put("halted by", s.killSwitch().halt().map(h -> h.rule() + ": " + h.reason()).orElse(""));
        }
        // The chart's last point is the equity the card shows: both from one read, so a snapshot taken
        // while the trading thread records cannot show two different equities side by side.
        List<Double> curve = new ArrayList<>(t.equityCurve());
        if (!curve.isEmpty()) {
            curve.set(curve.size() - 1, p.equity());
        }
        return new StatusView.Card(t.strategy(), tone, state, f, curve);
    }

    /**
     * A card per trading state (a strategy or an account): its effective state ({@code ACTIVE},
     * {@code REDUCING}, {@code HALTED}) with an OK, WARN or CRITICAL tone, for every viewer; with
     * details, its own state, its account, each hold (cause, level, since, reason) and the last
     * transition. Its {@link StatusSection#events()} are the states' transition events.
     *
     * @param states the states, in display order
     * @return the section, with id {@code trading-states}
     * @throws NullPointerException if {@code states} or an element is null
     */
    public static StatusSection tradingStates(List<RiskState> states) {
        List<RiskState> copy = List.copyOf(Objects.requireNonNull(states, "states must not be null"));
        return StatusSection.of("trading-states", "Trading states", details -> copy.isEmpty()
                ? StatusView.note("No trading states.")
                : StatusView.cards(copy.stream().map(s -> stateCard(s, details)).toList()),
                StatusEventSource.all(copy.stream().map(RiskState::statusEvents).toList()));
    }

    private static StatusView.Card stateCard(RiskState s, boolean details) {
        TradingState now = s.current();
        Tone tone = switch (now) {
            case ACTIVE -> Tone.OK;
            case REDUCING -> Tone.WARN;
            case HALTED -> Tone.CRITICAL;
        };
        if (!details) {
            return StatusView.Card.of(s.scope(), tone, now.name());
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("own state", s.own().name());
        s.account().ifPresent(a -> f.put("account", a.scope() + ": " + a.current()));
        List<Hold> holds = s.holds();
        if (holds.isEmpty()) {
            f.put("held by", "nothing");
        }
        for (Hold h : holds) {
            f.put("held by " + h.cause().id(), h.level() + " since " + h.since().truncatedTo(ChronoUnit.SECONDS) + ": "
                    + h.reason() + (h.cause().recovers() ? " (lifts itself)" : " (an operator lifts it)"));
        }
        s.lastTransition().ifPresent(t -> f.put("last transition", describe(t)));
        return new StatusView.Card(s.scope(), tone, now.name(), f, List.of());
    }

    private static String describe(Transition t) {
        return "#" + t.sequence() + " " + t.type().name().toLowerCase(Locale.ROOT) + " " + t.from() + " -> " + t.to()
                + " by " + t.cause().id() + " at " + t.at().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The latest audit events, newest first (needs {@code keepRecent} on the logger), with the
     * instrument, quantity and price of the events that name them. Without details it shows only
     * how many are kept: actors and actions are user data. It lists past events, so its tones do
     * not change the page's headline ({@link StatusSection#history}).
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
        return StatusSection.history("audit", "Recent audit events", details -> auditView(audit.recentEvents(),
                rows, details));
    }

    private static StatusView auditView(List<AuditSummary> recent, int rows, boolean details) {
        if (recent.isEmpty()) {
            return StatusView.note("No audit events yet.");
        }
        if (!details) {
            return StatusView.note(recent.size() + " recent events; details need the token.");
        }
        List<AuditSummary> shown = recent.stream().limit(rows).toList();
        boolean instruments = shown.stream().anyMatch(a -> a.symbol() != null || !Double.isNaN(a.quantity())
                || !Double.isNaN(a.price()));
        List<String> columns = instruments
                ? List.of("Time (UTC)", "Type", "Actor", "Action", "Symbol", "Quantity", "Price")
                : List.of("Time (UTC)", "Type", "Actor", "Action");
        return StatusView.table(columns, shown.stream().map(a -> new StatusView.Row(tone(a.level()),
                auditCells(a, instruments))).toList());
    }

    private static List<String> auditCells(AuditSummary a, boolean instruments) {
        String at = a.at().truncatedTo(ChronoUnit.MILLIS).toString();
        if (!instruments) {
            return List.of(at, a.type(), a.actor(), a.action());
        }
        return List.of(at, a.type(), a.actor(), a.action(), a.symbol() == null ? "" : a.symbol(),
                plain(a.quantity()), price(a.price()));
    }

    /** A quantity as written, without an exponent or trailing zeros; empty when absent. */
    static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "";
    }

    /** A price: grouped to cents from 1 up, every significant digit below; empty when absent. */
    static String price(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%,.2f", v) : plain(v);
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
