package dev.tradepulse.api.state;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link StateStore#read} found for one key. Immutable; the payload is copied in and out.
 *
 * @param key the key
 * @param status what was found
 * @param version the payload's schema version, or 0 unless {@link Status#OK}
 * @param savedAt when the record was written, or null unless {@link Status#OK}
 * @param problem what is wrong, in words, or empty when {@link Status#OK} or {@link Status#ABSENT}
 */
public record StateRecord(String key, Status status, int version, @Nullable Instant savedAt, String problem,
        byte[] payload) {

    /** What was found. */
    public enum Status {
        /** No record: never written, or deleted. */
        ABSENT,
        /** A record whose length and checksum match. */
        OK,
        /** A file that is there but is not a whole, intact record: truncated, altered or foreign. */
        DAMAGED,
        /** A file that could not be read (permissions, I/O error). */
        UNREADABLE
    }

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if a reference argument other than {@code savedAt} is null
     */
    public StateRecord {
        Checks.notNull(key, "key");
        Checks.notNull(status, "status");
        Checks.notNull(problem, "problem");
        payload = Checks.notNull(payload, "payload").clone();
    }

    static StateRecord absent(String key) {
        return new StateRecord(key, Status.ABSENT, 0, null, "", new byte[0]);
    }

    static StateRecord failed(String key, Status status, String problem) {
        return new StateRecord(key, status, 0, null, problem, new byte[0]);
    }

    /** @return a copy of the payload; empty unless {@link Status#OK} */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** @return the payload when the record is {@link Status#OK}, else empty */
    public Optional<byte[]> ok() {
        return status == Status.OK ? Optional.of(payload.clone()) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateRecord r && key.equals(r.key) && status == r.status && version == r.version
                && Objects.equals(savedAt, r.savedAt) && problem.equals(r.problem)
                && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        // The payload may hold anything; it is never printed.
        return "StateRecord[" + key + ", " + status + (status == Status.OK ? ", v" + version + ", saved " + savedAt
                : problem.isEmpty() ? "" : ", " + problem) + ", " + payload.length + " bytes]";
    }
}
