package dev.tradepulse.compliance.witness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Somewhere outside the journal directory that keeps the latest checkpoint head. The journal
 * offers every checkpoint to its witnesses from a background thread (never the caller's), and
 * keeps only the newest head pending, so a slow witness skips heads rather than queueing them.
 *
 * <p>Pick a witness the journal's writer cannot rewrite: a file on another volume owned by
 * another user, an HTTP endpoint run by someone else, or a channel people read (a daily chat or
 * email line). See {@code docs/compliance-format.md} for which to use for what.
 */
public interface Witness {

    /**
     * Records a head. Called from the journal's witness thread; may block up to its own timeout.
     *
     * @param head the head
     * @throws Exception if it could not be recorded; the journal counts and logs it, and retries
     *     with the next head
     */
    void publish(WitnessedHead head) throws Exception;

    /**
     * The latest head this witness holds, for {@code verify --witness}. Witnesses that cannot be
     * read back (a chat channel) return empty.
     *
     * @return the latest head, if any
     * @throws IOException if the witness cannot be read
     */
    default Optional<WitnessedHead> latest() throws IOException {
        return Optional.empty();
    }

    /**
     * A file, preferably on another volume, to which each head is appended as one JSON line and
     * fsynced. Created with mode 0600. It grows by about 250 bytes a checkpoint.
     *
     * @param file the witness file
     * @return the witness
     */
    static Witness file(Path file) {
        return new FileWitness(Objects.requireNonNull(file, "file must not be null"));
    }

    /**
     * A line people read: at most one message per {@code every} (a day is a good choice) through
     * an alert sink such as Slack, Telegram or email, with the latest head. It cannot be read back;
     * auditors compare the line with {@code verify}'s output. Needs {@code monitoring-alerts}.
     *
     * @param sink the sink, called from the journal's witness thread
     * @param every the least time between two messages
     * @param clock when messages are due
     * @return the witness
     */
    static Witness alertSink(dev.tradepulse.alerts.AlertSink sink, Duration every, java.time.Clock clock) {
        Objects.requireNonNull(sink, "sink must not be null");
        Objects.requireNonNull(every, "every must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        if (every.isNegative()) {
            throw new IllegalArgumentException("every must not be negative, but was " + every);
        }
        return new AlertSinkWitness(sink, every, clock);
    }

    /**
     * An HTTP endpoint: each head is {@code POST}ed as JSON, and {@code GET} on the same URI
     * returns the latest one. Requests time out after 5 seconds and at most 16 KiB of any
     * response is read.
     *
     * @param uri the endpoint
     * @return the witness
     */
    static Witness http(URI uri) {
        return new HttpWitness(Objects.requireNonNull(uri, "uri must not be null"),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(5));
    }
}
