package dev.tradepulse.kafka;

import dev.tradepulse.api.support.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The settings of a {@link JournalShipper}, immutable, in the resilience4j style:
 * {@link #ofDefaults()}, {@link #custom()}, {@link #from(JournalShipperConfig)}. Extra producer
 * properties may hold credentials ({@code sasl.jaas.config}, passwords); {@link #toString()} never
 * shows their values. Thread-safe.
 */
public final class JournalShipperConfig {

    /** The default topic. */
    public static final String DEFAULT_TOPIC = "tradepulse-audit";
    /** The default broker list. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    /** How often the journal is looked at when the shipper has caught up. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
    /** The most lines in one batch: the unit the shipper's saved position advances by. */
    public static final int DEFAULT_BATCH_LINES = 10_000;
    /** The most batches sent ahead while earlier ones wait for Kafka's acknowledgement. */
    public static final int DEFAULT_MAX_BATCHES_IN_FLIGHT = 4;
    /** The most line bytes sent ahead while earlier batches wait for Kafka's acknowledgement (16 MiB). */
    public static final long DEFAULT_MAX_BYTES_IN_FLIGHT = 16L << 20;
    /** How long a batch may stay unacknowledged before the health check reports DEGRADED. */
    public static final Duration DEFAULT_DEGRADED_AFTER = Duration.ofSeconds(30);
    /** How long shipping may fail before the health check reports UNHEALTHY. */
    public static final Duration DEFAULT_UNHEALTHY_AFTER = Duration.ofMinutes(5);
    /** Producer {@code delivery.timeout.ms}: how long one attempt to deliver a batch lasts. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** The longest {@code close()} waits for the shipper thread and the producer. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** The StateStore key the shipper keeps its position under. */
    public static final String DEFAULT_STATE_KEY = "kafka-shipper";

    /** Producer settings the shipper fixes itself; they cannot be overridden. */
    static final Set<String> FIXED = Set.of("key.serializer", "value.serializer", "enable.idempotence", "acks",
            "bootstrap.servers", "delivery.timeout.ms");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|jaas|token|credential|key\\.pem|"
            + "keystore\\.key|private).*");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern STATE_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final String topic;
    private final String bootstrapServers;
    private final Map<String, Object> producerProperties;
    private final Duration pollInterval;
    private final int batchLines;
    private final int maxBatchesInFlight;
    private final long maxBytesInFlight;
    private final Duration degradedAfter;
    private final Duration unhealthyAfter;
    private final Duration deliveryTimeout;
    private final Duration closeTimeout;
    private final String stateKey;

    private JournalShipperConfig(Builder b) {
        this.topic = b.topic;
        this.bootstrapServers = b.bootstrapServers;
        this.producerProperties = Map.copyOf(b.producerProperties);
        this.pollInterval = b.pollInterval;
        this.batchLines = b.batchLines;
        this.maxBatchesInFlight = b.maxBatchesInFlight;
        this.maxBytesInFlight = b.maxBytesInFlight;
        this.degradedAfter = b.degradedAfter;
        this.unhealthyAfter = b.unhealthyAfter;
        this.deliveryTimeout = b.deliveryTimeout;
        this.closeTimeout = b.closeTimeout;
        this.stateKey = b.stateKey;
    }

    /** @return the defaults */
    public static JournalShipperConfig ofDefaults() {
        return custom().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * A builder starting from an existing config.
     *
     * @param base the config to copy
     * @return the builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(JournalShipperConfig base) {
        return new Builder(Checks.notNull(base, "base"));
    }

    /** @return the topic every line goes to */
    public String topic() {
        return topic;
    }

    /** @return the brokers, {@code host:port,...} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return extra producer properties (security, timeouts), unmodifiable */
    public Map<String, Object> producerProperties() {
        return producerProperties;
    }

    /** @return how often the journal is looked at once caught up */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return the most lines in flight before an acknowledged, saved position */
    public int batchLines() {
        return batchLines;
    }

    /** @return the most batches sent and not yet all acknowledged (1: each batch waits for the one before) */
    public int maxBatchesInFlight() {
        return maxBatchesInFlight;
    }

    /** @return the most line bytes sent and not yet acknowledged (one batch is always allowed) */
    public long maxBytesInFlight() {
        return maxBytesInFlight;
    }

    /** @return how long a batch may wait for Kafka before health is DEGRADED */
    public Duration degradedAfter() {
        return degradedAfter;
    }

    /** @return how long shipping may fail before health is UNHEALTHY */
    public Duration unhealthyAfter() {
        return unhealthyAfter;
    }

    /** @return the producer's delivery timeout */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /** @return the longest {@code close()} waits */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** @return the StateStore key of the shipper's position */
    public String stateKey() {
        return stateKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalShipperConfig c && topic.equals(c.topic) && bootstrapServers.equals(c.bootstrapServers)
                && producerProperties.equals(c.producerProperties) && pollInterval.equals(c.pollInterval)
                && batchLines == c.batchLines && maxBatchesInFlight == c.maxBatchesInFlight
                && maxBytesInFlight == c.maxBytesInFlight && degradedAfter.equals(c.degradedAfter)
                && unhealthyAfter.equals(c.unhealthyAfter) && deliveryTimeout.equals(c.deliveryTimeout)
                && closeTimeout.equals(c.closeTimeout) && stateKey.equals(c.stateKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, bootstrapServers, producerProperties, pollInterval, batchLines, maxBatchesInFlight,
                maxBytesInFlight, degradedAfter,
                unhealthyAfter, deliveryTimeout, closeTimeout, stateKey);
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new TreeMap<>();
        producerProperties.forEach((k, v) -> shown.put(k, SECRET.matcher(k).matches() ? "[REDACTED]" : v));
        return "JournalShipperConfig[topic=" + topic + ", bootstrapServers=" + bootstrapServers
                + ", producerProperties=" + shown + ", pollInterval=" + pollInterval + ", batchLines=" + batchLines
                + ", maxBatchesInFlight=" + maxBatchesInFlight + ", maxBytesInFlight=" + maxBytesInFlight
                + ", degradedAfter=" + degradedAfter + ", unhealthyAfter=" + unhealthyAfter + ", deliveryTimeout="
                + deliveryTimeout + ", closeTimeout=" + closeTimeout + ", stateKey=" + stateKey + "]";
    }

    /** Collects settings; {@link #build()} checks them together. Not thread-safe. */
    public static final class Builder {
        private String topic = DEFAULT_TOPIC;
        private String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
        private final Map<String, Object> producerProperties = new LinkedHashMap<>();
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int batchLines = DEFAULT_BATCH_LINES;
        private int maxBatchesInFlight = DEFAULT_MAX_BATCHES_IN_FLIGHT;
        private long maxBytesInFlight = DEFAULT_MAX_BYTES_IN_FLIGHT;
        private Duration degradedAfter = DEFAULT_DEGRADED_AFTER;
        private Duration unhealthyAfter = DEFAULT_UNHEALTHY_AFTER;
        private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private String stateKey = DEFAULT_STATE_KEY;

        private Builder() {
        }

        private Builder(JournalShipperConfig base) {
            topic = base.topic;
            bootstrapServers = base.bootstrapServers;
            producerProperties.putAll(base.producerProperties);
            pollInterval = base.pollInterval;
            batchLines = base.batchLines;
            maxBatchesInFlight = base.maxBatchesInFlight;
            maxBytesInFlight = base.maxBytesInFlight;
            degradedAfter = base.degradedAfter;
            unhealthyAfter = base.unhealthyAfter;
            deliveryTimeout = base.deliveryTimeout;
            closeTimeout = base.closeTimeout;
            stateKey = base.stateKey;
        }

        /**
         * The topic.
         *
         * @param topic 1 to 249 characters of {@code a-z A-Z 0-9 . _ -}
         * @return this builder
         * @throws NullPointerException if {@code topic} is null
         * @throws IllegalArgumentException if it is not a valid topic name
         */
        public Builder topic(String topic) {
            Checks.notNull(topic, "topic");
            if (!TOPIC.matcher(topic).matches()) {
                throw new IllegalArgumentException("topic must be 1 to 249 characters of a-z A-Z 0-9 . _ -");
            }
            this.topic = topic;
            return this;
        }

        /**
         * The brokers.
         *
         * @param servers {@code host:port,...}
         * @return this builder
         * @throws NullPointerException if {@code servers} is null
         * @throws IllegalArgumentException if it is blank
         */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = Checks.notBlank(servers, "servers");
            return this;
        }

        /**
         * One extra producer property (security, {@code request.timeout.ms}, {@code linger.ms}...).
         *
         * @param name the Kafka property name
         * @param value its value
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the shipper fixes that property itself (serializers,
         *     {@code acks}, {@code enable.idempotence}, {@code bootstrap.servers}, {@code delivery.timeout.ms})
         */
        public Builder producerProperty(String name, Object value) {
            Checks.notBlank(name, "name");
            Checks.notNull(value, "value");
            if (FIXED.contains(name)) {
                throw new IllegalArgumentException("name " + name + " is set by the shipper and cannot be overridden");
            }
            producerProperties.put(name, value);
            return this;
        }

        /**
         * How often the journal is looked at once caught up.
         *
         * @param interval positive
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Checks.positive(interval, "interval");
            return this;
        }

        /**
         * The most batches sent ahead and line bytes in flight: while Kafka acknowledges a batch, the shipper
         * reads and sends the next ones until either bound is reached. The saved position only ever advances
         * to the end of the last batch whose every line, and every earlier batch's, was acknowledged; after a
         * failure the shipper stops sending ahead and sends again from the saved position. {@code (1, any)}
         * waits for each batch before reading the next (how the shipper worked before, kept for comparison).
         *
         * @param batches 1 to 64
         * @param bytes 1 MiB to 1 GiB; keep it below the producer's {@code buffer.memory} (32 MiB by default)
         *     or sends block for want of buffer
         * @return this builder
         * @throws IllegalArgumentException if either is out of range
         */
        public Builder inFlight(int batches, long bytes) {
            if (batches < 1 || batches > 64) {
                throw new IllegalArgumentException("batches must be 1 to 64, was " + batches);
            }
            if (bytes < (1L << 20) || bytes > (1L << 30)) {
                throw new IllegalArgumentException("bytes must be 1 MiB to 1 GiB, was " + bytes);
            }
            this.maxBatchesInFlight = batches;
            this.maxBytesInFlight = bytes;
            return this;
        }

        /**
         * The most lines in one batch: the position is saved at the end of a batch once it and every earlier
         * batch were acknowledged.
         *
         * @param lines 1 to 1,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder batchLines(int lines) {
            if (lines < 1 || lines > 1_000_000) {
                throw new IllegalArgumentException("lines must be 1 to 1000000, was " + lines);
            }
            this.batchLines = lines;
            return this;
        }

        /**
         * When the health check turns DEGRADED and UNHEALTHY.
         *
         * @param degraded a batch unacknowledged (or failing) this long: DEGRADED
         * @param unhealthy failing this long: UNHEALTHY; not shorter than {@code degraded}
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if not positive, or {@code unhealthy} is shorter than {@code degraded}
         */
        public Builder healthThresholds(Duration degraded, Duration unhealthy) {
            Checks.positive(degraded, "degraded");
            Checks.positive(unhealthy, "unhealthy");
            if (unhealthy.compareTo(degraded) < 0) {
                throw new IllegalArgumentException("unhealthy must not be shorter than degraded");
            }
            this.degradedAfter = degraded;
            this.unhealthyAfter = unhealthy;
            return this;
        }

        /**
         * The producer's {@code delivery.timeout.ms}: after it, a batch that Kafka did not take is
         * sent again (same lines, same {@code seq}), for as long as the outage lasts.
         *
         * @param timeout at least 1 s
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if shorter than 1 s
         */
        public Builder deliveryTimeout(Duration timeout) {
            Checks.positive(timeout, "timeout");
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("timeout must be at least 1 s");
            }
            this.deliveryTimeout = timeout;
            return this;
        }

        /**
         * The longest {@code close()} waits for the thread and the producer.
         *
         * @param timeout positive
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * The StateStore key of the shipper's position (one per journal shipped into one store).
         *
         * @param key 1 to 64 characters of {@code a-z 0-9 . _ -}, starting with a letter or digit
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         * @throws IllegalArgumentException if it is not a valid key
         */
        public Builder stateKey(String key) {
            Checks.notNull(key, "key");
            if (!STATE_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("key must be 1 to 64 characters of a-z 0-9 . _ -");
            }
            this.stateKey = key;
            return this;
        }

        /** @return the config */
        public JournalShipperConfig build() {
            return new JournalShipperConfig(this);
        }
    }
}
