package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the gate's denials by reason and journals the first of each reason per interval, with
 * the number suppressed since. Never throws. Thread-safe and lock-free.
 */
final class DenialAudit {

    private static final Logger LOG = LoggerFactory.getLogger(PreTradeGate.class);
    private static final GateDecision.Reason[] REASONS = GateDecision.Reason.values();

    private final String strategy;
    private final Actor actor;
    private final @Nullable ComplianceLogger audit;
    private final Clock clock;
    private final AtomicLongArray totals = new AtomicLongArray(REASONS.length);
    private final AtomicLongArray suppressed = new AtomicLongArray(REASONS.length);
    private final LogThrottle[] throttles = new LogThrottle[REASONS.length];
    private final LogThrottle journalFailures = new LogThrottle(Duration.ofMinutes(1));

    DenialAudit(String strategy, @Nullable ComplianceLogger audit, Clock clock, Duration interval) {
        this.strategy = strategy;
        this.actor = Actor.of("pre-trade-gate:" + strategy);
        this.audit = audit;
        this.clock = clock;
        for (int i = 0; i < throttles.length; i++) {
            throttles[i] = new LogThrottle(interval);
        }
    }

    long total(GateDecision.Reason reason) {
        return totals.get(reason.ordinal());
    }

    /** Counts a denial, and journals it if it is the first of its reason in the interval. */
    void denied(GateDecision decision, OrderIntent intent) {
        int r = decision.reason().ordinal();
        totals.incrementAndGet(r);
        ComplianceLogger a = audit;
        if (a == null || decision.reason() == GateDecision.Reason.CLOSED) {
            return;
        }
        try {
            if (!throttles[r].tryAcquire(clock.millis() * 1_000_000L)) {
                suppressed.incrementAndGet(r);
                return;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("strategy", strategy);
            details.put("verdict", decision.verdict().name());
            details.put("reason", decision.reason().name());
            details.put("detail", decision.detail());
            details.put("symbol", intent.symbol());
            details.put("side", intent.side().name());
            details.put("quantity", intent.quantity());
            if (!Double.isNaN(intent.price())) {
                details.put("price", intent.price());
            }
            if (!Double.isNaN(intent.value())) {
                details.put("notional", intent.value());
            }
            details.put("reduce_only", intent.reduceOnly());
            details.put("suppressed", suppressed.getAndSet(r, 0));
            a.riskEvent(ComplianceLogger.RiskKind.LIMIT_BREACH, actor, "pre-trade-gate." + decision.reason().name(),
                    details);
        } catch (Throwable e) { // the denial stands whatever the journal does
            if (journalFailures.tryAcquire(System.nanoTime())) {
                LOG.error("Pre-trade gate '{}': could not journal a denial: {}", LogText.clean(strategy, 100),
                        LogText.clean(e.toString(), 500));
            }
        }
    }
}
