package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one reconciliation run. Immutable and thread-safe.
 *
 * @param outcome matched, drifted, or could not run
 * @param drifts the fields that disagree; for {@link Outcome#CANNOT_RECONCILE}, those of the last
 *     run that could compare (a failed fetch clears no drift)
 * @param problem why the run could not compare, without secrets; null unless it could not
 * @param at when the run ended
 */
public record ReconciliationResult(Outcome outcome, List<Drift> drifts, @Nullable String problem, Instant at) {

    /** What one run found. */
    public enum Outcome {
        /** Both books agree within the tolerances. */
        MATCHED,
        /** At least one field is outside its tolerance. */
        DRIFTED,
        /** The exchange's book could not be fetched (failed, timed out, still running); the last state stands. */
        CANNOT_RECONCILE
    }

    /**
     * One field that disagrees: {@code position:<symbol>}, {@code equity},
     * {@code balance:<asset>} or {@code open_orders:<symbol>}.
     * Immutable and thread-safe.
     *
     * @param field which field
     * @param ours TradePulse's value
     * @param theirs the exchange's value
     */
    public record Drift(String field, double ours, double theirs) {

        /**
         * Checks the field.
         *
         * @throws NullPointerException if {@code field} is null
         */
        public Drift {
            Checks.notNull(field, "field");
        }

        /** @return whether this is a position's drift, the kind that leaves unknown exposure */
        public boolean isPosition() {
            return field.startsWith("position:");
        }
    }

    /**
     * Checks and copies the values.
     *
     * @throws NullPointerException if {@code outcome}, {@code drifts} or {@code at} is null
     */
    public ReconciliationResult {
        Checks.notNull(outcome, "outcome");
        drifts = List.copyOf(Checks.notNull(drifts, "drifts"));
        Checks.notNull(at, "at");
    }

    /** @return why the run could not compare, if it could not */
    public Optional<String> problemText() {
        return Optional.ofNullable(problem);
    }
}
