package dev.tradepulse.runtime.chat;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.chat.Invocation;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.compliance.AuditSummary;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.health.HealthReport;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.trading.Exposure;
import dev.tradepulse.trading.PerformanceSnapshot;
import dev.tradepulse.trading.PeriodStats;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.risk.TradingLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reading commands: built from the same data as the status page. Thread-safe (stateless over the runtime). */
final class Readings {

    private static final int MAX_LINES = 40;

    private final TradePulse tp;
    private final Clock clock;

    Readings(TradePulse tp, Clock clock) {
        this.tp = tp;
        this.clock = clock;
    }

    List<Strategy> strategies(Invocation inv, int argIndex) {
        if (inv.args().size() <= argIndex || inv.args().get(argIndex).equalsIgnoreCase("all")) {
            return tp.strategies().stream().map(tp::strategy).toList();
        }
        return List.of(TradePulseCommands.strategy(tp, inv.args().get(argIndex)));
    }

    Reply status(Invocation inv) {
        Instant now = clock.instant();
        StringBuilder b = new StringBuilder();
        for (Strategy s : strategies(inv, 0)) {
            PerformanceSnapshot snap = s.tracker().snapshot();
            Exposure e = s.tracker().exposure();
            Instant decided = s.tracker().lastDecision();
            line(b, s.name() + ": " + s.state()
                    + " | P&L today " + Text.money(snap.pnlToday()) + " (account currency)"
                    + " | drawdown " + Text.percent(snap.risk().currentDrawdown())
                    + " | open positions " + e.openPositions()
                    + " | last decision " + (decided == null ? "none yet" : Text.ago(decided, now)));
            s.riskState().lastTransition().ifPresent(t -> line(b, "  last change: " + t.from() + " -> " + t.to()
                    + " by " + Text.safe(t.cause().id(), 64) + ", " + Text.ago(t.at(), now) + ": " + Text.safe(t.reason(), 120)));
        }
        return Reply.text(b.isEmpty() ? "No strategies are declared." : b.toString());
    }

    Reply health(Invocation inv) {
        HealthReport r = tp.health().check();
        StringBuilder b = new StringBuilder("Health: " + r.status());
        for (Map.Entry<String, HealthReport.Component> c : r.components().entrySet()) {
            HealthResult res = c.getValue().result();
            if (res.status() != HealthStatus.HEALTHY || r.components().size() <= 12) {
                line(b, Text.safe(c.getKey(), 48) + ": " + res.status()
                        + res.message().map(m -> " - " + Text.safe(m, 120)).orElse(""));
            }
        }
        return Reply.text(b.toString());
    }

    Reply profit(Invocation inv) {
        int days = Text.count(inv.args(), 0, "days", 30, 3_650);
        Instant now = clock.instant();
        StringBuilder b = new StringBuilder("Profit over the last " + days + (days == 1 ? " day" : " days") + ":");
        for (Strategy s : strategies(inv, 1)) {
            PeriodStats p = s.tracker().tradesBetween(now.minus(Duration.ofDays(days)), now);
            line(b, s.name() + ": realized " + Text.money(p.realizedPnl()) + " (account currency) over " + p.trades()
                    + " trades, win rate " + Text.percent(p.winRate()) + (p.complete() ? "" : " (older trades not kept)"));
        }
        return Reply.text(b.toString());
    }

    Reply balance(Invocation inv) {
        StringBuilder b = new StringBuilder("Balance (account currency):");
        for (Strategy s : strategies(inv, 0)) {
            PerformanceSnapshot snap = s.tracker().snapshot();
            Exposure e = s.tracker().exposure();
            line(b, s.name() + ": equity " + Text.money(snap.equity()).replace("+", "") + " | unrealized "
                    + Text.money(e.unrealizedPnl()) + " | gross notional " + Text.number(e.grossNotional())
                    + " | leverage " + Text.number(e.leverage()) + "x");
        }
        return Reply.text(b.toString());
    }

    Reply periods(Invocation inv, boolean weekly) {
        int n = Text.count(inv.args(), 0, weekly ? "weeks" : "days", weekly ? 4 : 7, weekly ? 52 : 90);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        StringBuilder b = new StringBuilder((weekly ? "Weekly" : "Daily") + " realized P&L (account currency, UTC "
                + (weekly ? "weeks from Monday" : "days") + "):");
        LocalDate start = weekly ? today.minusDays(today.getDayOfWeek().getValue() - 1L) : today;
        for (int i = 0; i < n; i++) {
            LocalDate from = weekly ? start.minusWeeks(i) : start.minusDays(i);
            LocalDate to = weekly ? from.plusWeeks(1) : from.plusDays(1);
            StringBuilder row = new StringBuilder(from.toString());
            for (Strategy s : strategies(inv, 1)) {
                PeriodStats p = s.tracker().tradesBetween(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        to.atStartOfDay(ZoneOffset.UTC).toInstant());
                row.append(" | ").append(s.name()).append(' ').append(Text.money(p.realizedPnl()))
                        .append(" (").append(p.trades()).append(" trades)");
            }
            line(b, row.toString());
        }
        return Reply.text(b.toString());
    }

    Reply positions(Invocation inv) {
        StringBuilder b = new StringBuilder();
        for (Strategy s : strategies(inv, 0)) {
            List<Position> ps = s.tracker().positions();
            line(b, s.name() + ": " + (ps.isEmpty() ? "no open positions" : ps.size() + " open"));
            for (Position p : ps) {
                line(b, "  " + Text.safe(p.symbol(), 32) + " " + p.side() + " " + Text.number(p.quantity()) + " @ "
                        + Text.number(p.entryPrice()) + ", mark " + Text.number(p.markPrice()));
            }
        }
        return Reply.text(b.isEmpty() ? "No strategies are declared." : b.toString());
    }

    Reply locks(Invocation inv) {
        Optional<Strategy> any = tp.strategies().stream().findFirst().map(tp::strategy);
        List<TradingLock> locks = any.map(s -> s.locks().active()).orElse(List.of());
        if (locks.isEmpty()) {
            return Reply.text("No locks are in force.");
        }
        Instant now = clock.instant();
        StringBuilder b = new StringBuilder("Locks in force:");
        for (TradingLock l : locks) {
            line(b, Text.safe(l.scope(), 32) + " until " + Text.time(l.until()) + " (" + Text.human(Duration.between(now, l.until()))
                    + " left), by " + Text.safe(l.source(), 64) + ": " + Text.safe(l.reason(), 120));
        }
        return Reply.text(b.toString());
    }

    Reply alerts(Invocation inv) {
        List<Alert> active = tp.alerts().activeAlerts();
        if (active.isEmpty()) {
            return Reply.text("No alerts are active.");
        }
        Instant now = clock.instant();
        StringBuilder b = new StringBuilder("Active alerts (acknowledge with /ack <key>):");
        for (Alert a : active) {
            line(b, a.severity() + " " + Text.safe(a.key(), 80) + " - " + Text.safe(a.summary(), 160) + " (since "
                    + Text.ago(a.startsAt(), now) + ")");
        }
        return Reply.text(b.toString());
    }

    Reply journal(Invocation inv) {
        int n = Text.count(inv.args(), 0, "n", 10, 50);
        ComplianceLogger audit = tp.audit();
        List<AuditSummary> recent = audit.recentEvents();
        StringBuilder b = new StringBuilder("Journal: ");
        HealthResult h;
        try {
            h = audit.healthCheck().check();
        } catch (Exception e) {
            h = HealthResult.unhealthy("its health check failed");
        }
        b.append(h.status()).append(h.message().map(m -> " - " + Text.safe(m, 120)).orElse(""))
                .append(" | rejected ").append(audit.rejected()).append(" | lost ").append(audit.lost())
                .append(audit.failure().isPresent() ? " | FAILED" : "");
        List<AuditSummary> last = recent.subList(Math.max(0, recent.size() - n), recent.size());
        line(b, "Last " + last.size() + " events:");
        for (AuditSummary e : last) {
            line(b, "#" + e.seq() + " " + Text.time(e.at()) + " " + e.level() + " " + Text.safe(e.type(), 32) + " "
                    + Text.safe(e.action(), 48) + " by " + Text.safe(e.actor(), 64)
                    + (e.symbol() == null ? "" : " " + Text.safe(e.symbol(), 32)));
        }
        return Reply.text(b.toString());
    }

    private static void line(StringBuilder b, String text) {
        if (b.chars().filter(c -> c == '\n').count() >= MAX_LINES) {
            if (!b.toString().endsWith("...")) {
                b.append("\n...");
            }
            return;
        }
        if (!b.isEmpty()) {
            b.append('\n');
        }
        b.append(text);
    }
}
