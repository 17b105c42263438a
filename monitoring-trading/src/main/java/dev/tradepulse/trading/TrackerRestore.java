package dev.tradepulse.trading;

import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link PerformanceTracker} found in its {@link StateStore} when it
 * was built: see {@link PerformanceTracker#restoreResult()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome what happened
 * @param key the state record's key, or empty for {@link Outcome#NOT_PERSISTED}
 * @param savedAt when the restored record was saved; null unless {@link Outcome#RESTORED}
 * @param problem what was wrong, in words; empty unless {@link Outcome#LOST}
 */
public record TrackerRestore(Outcome outcome, String key, @Nullable Instant savedAt, String problem) {

    /** What happened at build. */
    public enum Outcome {
        /** The tracker has no state store: nothing is restored or saved. */
        NOT_PERSISTED,
        /** There was no record: the first start of this strategy (or a deliberately deleted record). */
        FIRST_START,
        /** The saved state was restored. */
        RESTORED,
        /**
         * A record was there but could not be used (damaged, unreadable, an unknown version, or
         * another strategy's): the tracker started empty and counts today's loss budget as spent
         * ({@link PerformanceTracker#dailyBudgetLost()}).
         */
        LOST
    }

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if {@code outcome}, {@code key} or {@code problem} is null
     */
    public TrackerRestore {
        Checks.notNull(outcome, "outcome");
        Checks.notNull(key, "key");
        Checks.notNull(problem, "problem");
    }

    /** @return the problem when the state was {@link Outcome#LOST}, else empty */
    public Optional<String> lostBecause() {
        return outcome == Outcome.LOST ? Optional.of(problem) : Optional.empty();
    }
}
