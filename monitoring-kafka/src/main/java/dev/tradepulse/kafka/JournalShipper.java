package dev.tradepulse.kafka;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.state.StateStore;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.kafka.common.KafkaException;

/**
 * Tails a compliance journal directory and publishes every line to a Kafka topic: the live file,
 * rotated files and gzipped files, in file order. Each record's key is {@code app/instance} (so one
 * bot's lines stay in order in one partition), its value the exact line bytes (newline excluded),
 * its headers {@code seq} and {@code file} (the plain file name, {@code audit-NNNNNN-YYYYMMDD.jsonl},
 * whose number is the line's key epoch). A line is shipped once its newline is on disk.
 *
 * <p>Delivery: the producer is idempotent with {@code acks=all}. The shipper sends batches ahead
 * (at most {@link JournalShipperConfig#maxBatchesInFlight()} batches and
 * {@link JournalShipperConfig#maxBytesInFlight()} bytes unacknowledged) and saves its position (file,
 * byte offset, {@code seq}) in the {@link StateStore} only at the end of a batch that Kafka acknowledged
 * whole, together with every batch before it; after a failure it stops sending ahead and sends again
 * from the saved position. A restart or SIGKILL resumes from the saved position, so
 * no line is skipped, and a line sent again after a crash carries the same {@code seq}, which
 * {@link KafkaJournalVerifier} drops as a duplicate.
 *
 * <p>The bot is never slowed: the shipper only reads the files, on its own daemon thread
 * ({@code tradepulse-kafka-shipper-n}). A broker outage shows in {@link #healthCheck()}
 * (DEGRADED, then UNHEALTHY) and in {@link #lag()}; the shipper keeps retrying and catches up.
 * Give the journal {@link #shippedFiles()} as its retention guard so that no unshipped file is
 * deleted.
 *
 * <p>Meters ({@link #bindTo}): {@code tradepulse.kafka.shipper.lag} (lines the journal holds that
 * Kafka has not acknowledged), {@code tradepulse.kafka.shipper.acknowledged.seq},
 * {@code tradepulse.kafka.shipper.lines} (acknowledged lines) and
 * {@code tradepulse.kafka.shipper.failures} (batches Kafka did not take).
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public interface JournalShipper extends MeterBinder, AutoCloseable {

    /** @return a builder */
    static Builder builder() {
        return new DefaultJournalShipper.ShipperBuilder();
    }

    /** @return the settings */
    JournalShipperConfig config();

    /** @return the {@code seq} of the last line Kafka acknowledged (0 before the first) */
    long acknowledgedSeq();

    /**
     * Lines behind: the {@code seq} of the journal's newest complete line minus
     * {@link #acknowledgedSeq()}. Reads the end of the newest file; never throws (0 if unreadable).
     *
     * @return how many lines Kafka does not hold yet
     */
    long lag();

    /** @return lines acknowledged by Kafka since this shipper was built */
    long shippedLines();

    /** @return batches Kafka did not take (each is sent again) */
    long failures();

    /**
     * The shipper's health: HEALTHY while batches are acknowledged; DEGRADED when a batch waits
     * longer than {@code degradedAfter} or a batch failed; UNHEALTHY when shipping has failed for
     * {@code unhealthyAfter}, or after {@link #close()}. Details: {@code acknowledged_seq}, {@code lag}.
     *
     * @return the check, to register with a health registry
     */
    HealthCheck healthCheck();

    /** @return the guard to give the journal's retention ({@code retentionGuard(...)}) */
    ShippedFiles shippedFiles();

    /**
     * Stops the thread and closes the producer, within {@code closeTimeout} (twice it at most when
     * the producer itself hangs). Lines sent but not acknowledged are sent again by the next
     * shipper. Idempotent; never throws. The state store is the caller's and stays open.
     */
    @Override
    void close();

    /** Collects what a shipper needs; {@link #build()} returns it live. Not thread-safe. */
    interface Builder {

        /**
         * The settings (replacing any given before).
         *
         * @param config the config
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        Builder config(JournalShipperConfig config);

        /**
         * The journal directory to ship (required).
         *
         * @param directory the compliance journal's directory
         * @return this builder
         * @throws NullPointerException if {@code directory} is null
         */
        Builder journalDirectory(Path directory);

        /**
         * Where the position is kept (required), for example the bot's data directory store. The
         * caller owns it and closes it after the shipper.
         *
         * @param store the store
         * @return this builder
         * @throws NullPointerException if {@code store} is null
         */
        Builder stateStore(StateStore store);

        /**
         * The guard the journal's retention already holds (else the shipper makes its own).
         *
         * @param files the guard
         * @return this builder
         * @throws NullPointerException if {@code files} is null
         */
        Builder shippedFiles(ShippedFiles files);

        /**
         * The clock of the health check's thresholds; UTC system clock by default.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        Builder clock(Clock clock);

        /**
         * Reads the saved position, creates the producer and starts the thread.
         *
         * @return the live shipper
         * @throws NullPointerException if the journal directory or the state store is not set
         * @throws IllegalArgumentException if the journal directory is not a directory
         * @throws KafkaException if the producer cannot be created
         *     (bad producer properties); nothing is left running
         */
        JournalShipper build();
    }
}
