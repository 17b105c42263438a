package dev.tradepulse.alerts.rules;

import dev.tradepulse.alerts.internal.Ticker;
import dev.tradepulse.api.support.LogText;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One rule and its evaluation state; {@link #pendingSince} is guarded by {@link #lock}. */
final class RuleState {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts.rules");
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    final Rule rule;
    final ReentrantLock lock = new ReentrantLock();
    /** Held while the rule's action runs, taken before {@link #lock} is released: see RuleEngine.evaluate. */
    final ReentrantLock action = new ReentrantLock();
    @Nullable Instant pendingSince;
    volatile boolean firing;
    private final Ticker clock;
    private long lastLogNanos;
    private boolean loggedOnce;
    private long suppressed;

    RuleState(Rule rule, Ticker clock) {
        this.rule = rule;
        this.clock = clock;
    }

    List<String> missingMeters() {
        try {
            return List.copyOf(rule.condition().missingMeters());
        } catch (Throwable e) { // a user's condition; report nothing rather than break health
            return List.of();
        }
    }

    /** At most one line a minute per rule, saying how many were left out. */
    synchronized void logFailure(String what, Throwable e) {
        long now = clock.nanos();
        if (loggedOnce && now - lastLogNanos < LOG_EVERY_NANOS) {
            suppressed++;
            return;
        }
        String more = suppressed == 0 ? "" : " (" + suppressed + " more since the last report)";
        loggedOnce = true;
        lastLogNanos = now;
        suppressed = 0;
        LOG.warn("Rule '{}' {}: {}{}", LogText.clean(rule.name()), what, LogText.clean(e.toString()), more);
    }
}
