package dev.tradepulse.kafka;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link KafkaJournalVerifier} found for one bot ({@code app/instance}), over everything it
 * has consumed so far (across incremental runs). Immutable.
 *
 * @param origin the record key, {@code app/instance}
 * @param events lines verified (duplicates not counted)
 * @param lastVerifiedSeq the {@code seq} of the last line taken into the chain, 0 if none
 * @param gaps ranges of {@code seq} never received
 * @param tampering lines that fail the chain, their tag, their checkpoint, or that recovery quarantined
 * @param duplicatesDropped lines received again with a {@code seq} already verified (a re-send after a crash)
 * @param lastCheckpoint the time of the newest checkpoint line received, if any
 * @param stale whether that checkpoint is older than the verifier's {@code staleAfter} (or there is none)
 */
public record InstanceReport(String origin, long events, long lastVerifiedSeq, List<Gap> gaps, List<Tampering> tampering,
        long duplicatesDropped, Optional<Instant> lastCheckpoint, boolean stale) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if a reference is null
     */
    public InstanceReport {
        Checks.notNull(origin, "origin");
        gaps = List.copyOf(Checks.notNull(gaps, "gaps"));
        tampering = List.copyOf(Checks.notNull(tampering, "tampering"));
        Checks.notNull(lastCheckpoint, "lastCheckpoint");
    }

    /** @return whether the instance verified: no gap, no tampering, not stale */
    public boolean clean() {
        return gaps.isEmpty() && tampering.isEmpty() && !stale;
    }

    /**
     * Missing lines.
     *
     * @param fromSeq the first missing {@code seq}
     * @param toSeq the last missing {@code seq}
     */
    public record Gap(long fromSeq, long toSeq) {
    }

    /**
     * A line that fails verification.
     *
     * @param seq the line's {@code seq} (the line whose content was changed, where the chain tells), or -1
     * @param problem what is wrong, in words
     */
    public record Tampering(long seq, String problem) {

        /**
         * Checks.
         *
         * @throws NullPointerException if {@code problem} is null
         */
        public Tampering {
            Checks.notNull(problem, "problem");
        }
    }
}
