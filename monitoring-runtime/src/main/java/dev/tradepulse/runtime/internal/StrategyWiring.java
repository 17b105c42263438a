package dev.tradepulse.runtime.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.PerformanceTrackerConfig;
import dev.tradepulse.trading.RiskRules;
import dev.tradepulse.trading.RiskRulesConfig;
import dev.tradepulse.trading.Targets;
import dev.tradepulse.trading.TrackerStateRules;
import dev.tradepulse.trading.risk.ExposureSource;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.PreTradeGate;
import dev.tradepulse.trading.risk.PreTradeGateConfig;
import dev.tradepulse.trading.risk.Protection;
import dev.tradepulse.trading.risk.Protections;
import dev.tradepulse.trading.risk.RiskState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Per strategy: a tracker, a kill switch and the seeds' risk rules in an engine of its own. */
final class StrategyWiring {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.runtime");

    private StrategyWiring() {
    }

    static Map<String, StrategyHandle> strategies(Config config, List<String> names,
            Map<String, @Nullable RiskRulesConfig> given, MeterRegistry meters, Clock clock, AlertDispatcher alerts,
            ComplianceLogger audit, StateStore state, LockBook locks) {
        Map<String, StrategyHandle> out = new LinkedHashMap<>();
        Map<String, JournalledStates.Last> journalled = JournalledStates.read(audit.directory());
        try {
            for (String name : names) {
                String k = "strategies." + name + ".";
                // Restores today's baseline, peak and statistics: a restart never grants a fresh daily budget.
                PerformanceTracker tracker = PerformanceTracker.builder(name).clock(clock).stateStore(state).config(PerformanceTrackerConfig.custom()
                        .zone(ZoneId.of(config.string("reports.zone").orElse("UTC")))
                        .periodsPerYear(number(config, k + "periods-per-year", 365))
                        .equityCurve((int) integer(config, k + "equity-curve-points", 288),
                                duration(config, k + "equity-curve-resolution", Duration.ofMinutes(5)))
                        .targets(Targets.seeds())
                        .build()).build();
                tracker.bindTo(meters);
                // Announced: a move that is not the kill switch's own (a health mapping's REDUCING, an
                // operator's lift) is journalled and alerted too.
                RiskState.Builder riskBuilder = RiskState.builder(name, audit, alerts).stateStore(state).clock(clock);
                JournalledStates.Last last = journalled.get(name);
                if (last != null) {
                    riskBuilder.journalled(last.sequence(), last.state()); // a replayed older record is not trusted
                }
                RiskState risk = riskBuilder.build();
                // A halt is on disk before trip() returns and is restored at the next start, until a person re-arms it.
                KillSwitch killSwitch = KillSwitch.builder(name, (rule, reason) -> LOG.error(
                        "Strategy {} halted by {}: {}; it stays halted until a person re-arms it", LogText.clean(name),
                        LogText.clean(rule), LogText.clean(reason)), audit, alerts).riskState(risk).build();
                killSwitch.riskState().bindTo(meters);
                RiskRulesConfig limits = given.get(name);
                // afterTick() returns only once a halt the engine's own thread fired is in effect.
                RuleEngine.Builder rules = RuleEngine.builder(alerts).clock(clock).interval(config.duration("rules.interval"))
                        .awaitActions(true);
                RiskRules.forStrategy(tracker, killSwitch, limits != null ? limits : limits(config, k)).forEach(rules::rule);
                // A state record that could not be read halts: the day's loss so far is unknown.
                rules.rule(TrackerStateRules.stateLostHalt(tracker, killSwitch).build());
                PreTradeGate gate = PreTradeGate.builder(name).config(gateConfig(config, k)).state(killSwitch.riskState()::current)
                        .locks(locks).exposure(ExposureSource.of(tracker)).audit(audit).clock(clock).build();
                gate.bindTo(meters);
                out.put(name, new StrategyHandle(tracker, killSwitch, rules.build(), gate, locks, protections(config, k, locks)));
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.values().forEach(s -> s.rules().close());
            throw e;
        }
    }

    private static RiskRulesConfig limits(Config config, String k) {
        RiskRulesConfig d = RiskRulesConfig.ofDefaults();
        RiskRulesConfig.Builder b = RiskRulesConfig.custom()
                .dailyLoss(number(config, k + "daily-loss-warning", d.dailyLossWarning()),
                        number(config, k + "daily-loss-halt", d.dailyLossHalt()))
                .balanceDrop(number(config, k + "balance-drop", d.balanceDrop()),
                        duration(config, k + "balance-drop-window", d.balanceDropWindow()))
                .maxDrawdown(number(config, k + "max-drawdown", d.maxDrawdown()))
                .minWinRate(number(config, k + "min-win-rate", d.minWinRate()), d.winRateAfterTrades())
                .maxOpenPositions((int) integer(config, k + "max-open-positions", d.maxOpenPositions()));
        if (config.has(k + "max-leverage")) {
            b.maxLeverage(config.decimal(k + "max-leverage"));
        }
        if (config.has(k + "max-silence")) {
            b.maxSilence(config.duration(k + "max-silence"));
        }
        return b.build();
    }

    /** Freqtrade-style protections from {@code strategies.<name>.protections.*}; none unless configured. */
    private static Protections protections(Config config, String k, LockBook locks) {
        Protections.Builder b = Protections.builder(locks);
        Duration lookback = duration(config, k + "protections.lookback", Duration.ofHours(1));
        Duration lockFor = duration(config, k + "protections.lock-for", Duration.ofMinutes(30));
        long stopLosses = integer(config, k + "protections.stop-loss-guard", 0);
        if (stopLosses > 0) {
            b.add(Protection.stopLossGuard((int) stopLosses, lookback, lockFor, true));
        }
        long streak = integer(config, k + "protections.loss-streak", 0);
        if (streak > 0) {
            b.add(Protection.lossStreak((int) streak, lookback, lockFor, true));
        }
        if (config.has(k + "protections.cooldown")) {
            b.add(Protection.cooldown(config.duration(k + "protections.cooldown")));
        }
        return b.build();
    }

    private static PreTradeGateConfig gateConfig(Config config, String k) {
        PreTradeGateConfig.Builder g = PreTradeGateConfig.custom()
                .maxOrdersPerSecond((int) integer(config, k + "gate.max-orders-per-second", PreTradeGateConfig.DEFAULT_MAX_ORDERS_PER_SECOND))
                .maxOrdersPerMinute((int) integer(config, k + "gate.max-orders-per-minute", PreTradeGateConfig.DEFAULT_MAX_ORDERS_PER_MINUTE));
        if (config.has(k + "gate.max-notional")) {
            g.maxNotionalPerOrder(config.decimal(k + "gate.max-notional"));
        }
        if (integer(config, k + "gate.max-open-positions", 0) > 0) {
            g.maxOpenPositions((int) config.integer(k + "gate.max-open-positions"));
        }
        if (config.has(k + "gate.max-leverage")) {
            g.maxLeverage(config.decimal(k + "gate.max-leverage"));
        }
        return g.build();
    }

    private static double number(Config config, String key, double otherwise) {
        return config.has(key) ? config.decimal(key) : otherwise;
    }

    private static long integer(Config config, String key, long otherwise) {
        return config.has(key) ? config.integer(key) : otherwise;
    }

    private static Duration duration(Config config, String key, Duration otherwise) {
        return config.has(key) ? config.duration(key) : otherwise;
    }
}
