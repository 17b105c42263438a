package dev.tradepulse.compliance.witness;

import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.audit.Witness;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The built-in {@link Witness}es. Every witness made here is thread-safe as the {@link Witness}
 * contract requires (publishes are serialized, reads may run beside them), and its
 * {@code toString()} shows neither a token nor a URL's path or query.
 */
public final class Witnesses {

    private Witnesses() {
    }

    /**
     * A file, preferably on another volume, to which each head is appended as one JSON line and
     * fsynced. Created with mode 0600. It grows by about 250 bytes a checkpoint.
     *
     * @param file the witness file
     * @return the witness
     * @throws NullPointerException if {@code file} is null
     */
    public static Witness file(Path file) {
        return new FileWitness(Objects.requireNonNull(file, "file must not be null"));
    }

    /**
     * A line people read: at most one message per {@code every} (a day is a good choice) through
     * an alert sink such as Slack, Telegram or email, with the latest head. It cannot be read back;
     * auditors compare the line with {@code verify}'s output.
     *
     * @param sink the sink, called from the journal's witness thread
     * @param every the least time between two messages
     * @param clock when messages are due
     * @return the witness
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code every} is negative
     */
    public static Witness alertSink(AlertSink sink, Duration every, Clock clock) {
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
     * @throws NullPointerException if {@code uri} is null
     */
    public static Witness http(URI uri) {
        return new HttpWitness(Objects.requireNonNull(uri, "uri must not be null"),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(5));
    }
}
