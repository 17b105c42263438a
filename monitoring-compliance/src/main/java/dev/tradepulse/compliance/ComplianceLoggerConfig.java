package dev.tradepulse.compliance;

import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.compliance.internal.JournalFiles;
import dev.tradepulse.compliance.internal.JournalLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link ComplianceLogger}: immutable, with a default for each, in the manner
 * of resilience4j's configs. {@link #ofDefaults()} is every default, {@link #custom()} starts
 * from them, {@link #from(ComplianceLoggerConfig)} starts from another config.
 *
 * <pre>{@code
 * ComplianceLoggerConfig config = ComplianceLoggerConfig.custom()
 *     .directory(Path.of("data/audit"))
 *     .app("momentum-bot")
 *     .durability(Durability.GROUP_COMMIT)
 *     .build();
 * ComplianceLogger audit = ComplianceLogger.builder().config(config).signer(signer).build();
 * }</pre>
 *
 * <p>A config holds plain values only, the kind a config file can bind. What the logger is given
 * at run time (the clock, the checkpoint signer and its key, witnesses, a channel opener, a meter
 * registry) is not part of it: pass those to {@link ComplianceLogger.Builder}. A config therefore
 * never holds a secret, and {@link #toString()} prints every setting.
 *
 * <p>Immutable and thread-safe; its {@link Builder} is not thread-safe.
 */
public final class ComplianceLoggerConfig {

    /** The default {@linkplain #app() application name}: {@value}. */
    public static final String DEFAULT_APP = "tradepulse";
    /** The default {@linkplain #durability() durability}: {@link Durability#GROUP_COMMIT}. */
    public static final Durability DEFAULT_DURABILITY = Durability.GROUP_COMMIT;
    /** The default number of events between checkpoints: {@value}. */
    public static final int DEFAULT_CHECKPOINT_EVENTS = 10_000;
    /** The default time between checkpoints: 60 seconds. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
    /** The default size at which a new file is started: {@value} bytes (128 MiB). */
    public static final long DEFAULT_ROTATE_AT_BYTES = 128L * 1024 * 1024;
    /** The smallest size at which a file may be rotated: {@value} bytes. */
    public static final long MIN_ROTATE_AT_BYTES = 4096;
    /** The largest size at which a file may be rotated: half the largest file a reader accepts. */
    public static final long MAX_ROTATE_AT_BYTES = JournalFiles.MAX_FILE_BYTES / 2;
    /** The default time closed files are kept: 7 years (2,557 days). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(2557);
    /** The default longest text field: {@value} characters. */
    public static final int DEFAULT_MAX_FIELD_LENGTH = 8192;
    /** The shortest {@linkplain #maxFieldLength() text limit}: {@value} characters. */
    public static final int MIN_MAX_FIELD_LENGTH = 16;
    /** The longest {@linkplain #maxFieldLength() text limit}, which every journal reader accepts. */
    public static final int MAX_MAX_FIELD_LENGTH = JournalLimits.MAX_VALUE_LENGTH;
    /** The most summaries {@linkplain #keepRecent() kept in memory}: {@value}. */
    public static final int MAX_KEEP_RECENT = 10_000;
    /** The default MDC key of the correlation id: {@value}. */
    public static final String DEFAULT_CORRELATION_ID_KEY = "correlationId";
    /** The default number of events that may wait for the writer: {@value}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    /** The longest {@linkplain #app() application} or {@linkplain #instance() instance} name. */
    public static final int MAX_NAME_LENGTH = JournalLimits.MAX_NAME_LENGTH;

    private static final ComplianceLoggerConfig DEFAULTS = new Builder().build();

    private final @Nullable Path directory;
    private final String app;
    private final @Nullable String instance;
    private final Durability durability;
    private final int checkpointEvents;
    private final Duration checkpointInterval;
    private final long rotateAtBytes;
    private final Duration retention;
    private final Map<String, Duration> retentionByType;
    private final boolean gzipClosedFiles;
    private final Redaction redaction;
    private final int maxFieldLength;
    private final boolean mirrorToLog;
    private final int keepRecent;
    private final String correlationIdKey;
    private final int queueCapacity;
    private final boolean shutdownHook;

    private ComplianceLoggerConfig(Builder b) {
        this.directory = b.directory;
        this.app = b.app;
        this.instance = b.instance;
        this.durability = b.durability;
        this.checkpointEvents = b.checkpointEvents;
        this.checkpointInterval = b.checkpointInterval;
        this.rotateAtBytes = b.rotateAtBytes;
        this.retention = b.retention;
        this.retentionByType = Map.copyOf(b.retentionByType);
        this.gzipClosedFiles = b.gzipClosedFiles;
        this.redaction = b.redaction;
        this.maxFieldLength = b.maxFieldLength;
        this.mirrorToLog = b.mirrorToLog;
        this.keepRecent = b.keepRecent;
        this.correlationIdKey = b.correlationIdKey;
        this.queueCapacity = b.queueCapacity;
        this.shutdownHook = b.shutdownHook;
    }

    /**
     * Every default. It has no {@linkplain #directory() directory}, which a logger needs.
     *
     * @return the default config
     */
    public static ComplianceLoggerConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * A builder starting from the settings of {@code base}.
     *
     * @param base the config to start from
     * @return a new builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(ComplianceLoggerConfig base) {
        return new Builder(Checks.notNull(base, "base"));
    }

    /**
     * The journal directory, if set; a logger cannot be built without one.
     *
     * @return the directory
     */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /**
     * The application name written in every event; the default is {@value #DEFAULT_APP}.
     *
     * @return the name
     */
    public String app() {
        return app;
    }

    /**
     * The instance name written in every event; empty means the host name.
     *
     * @return the name, if set
     */
    public Optional<String> instance() {
        return Optional.ofNullable(instance);
    }

    /**
     * When a call returns relative to the disk; the default is {@link #DEFAULT_DURABILITY}.
     *
     * @return the mode
     */
    public Durability durability() {
        return durability;
    }

    /**
     * The most events between checkpoints.
     *
     * @return at least 1
     */
    public int checkpointEvents() {
        return checkpointEvents;
    }

    /**
     * The longest time between checkpoints.
     *
     * @return a positive duration
     */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /**
     * The size past which a new file is started.
     *
     * @return bytes
     */
    public long rotateAtBytes() {
        return rotateAtBytes;
    }

    /**
     * How long closed files are kept, for event types without a retention of their own.
     *
     * @return a positive duration
     */
    public Duration retention() {
        return retention;
    }

    /**
     * How long files holding events of each type are kept, where set.
     *
     * @return event type to retention, unmodifiable
     */
    public Map<String, Duration> retentionByType() {
        return retentionByType;
    }

    /**
     * Whether closed files are gzipped.
     *
     * @return whether to compress
     */
    public boolean gzipClosedFiles() {
        return gzipClosedFiles;
    }

    /**
     * What is kept out of the journal, its log mirror and the recent events.
     *
     * @return the rules
     */
    public Redaction redaction() {
        return redaction;
    }

    /**
     * The longest text field; longer text is cut and the cut listed in {@code truncated}.
     *
     * @return characters
     */
    public int maxFieldLength() {
        return maxFieldLength;
    }

    /**
     * Whether each event is also written to the SLF4J logger {@code compliance}.
     *
     * @return whether to mirror
     */
    public boolean mirrorToLog() {
        return mirrorToLog;
    }

    /**
     * How many summaries of the latest events are kept for {@link ComplianceLogger#recentEvents()}.
     *
     * @return 0 (none) to {@value #MAX_KEEP_RECENT}
     */
    public int keepRecent() {
        return keepRecent;
    }

    /**
     * The SLF4J MDC key whose value becomes an event's {@code correlation_id}.
     *
     * @return the key
     */
    public String correlationIdKey() {
        return correlationIdKey;
    }

    /**
     * How many events may wait for the writer before callers wait.
     *
     * @return at least 1
     */
    public int queueCapacity() {
        return queueCapacity;
    }

    /**
     * Whether a JVM shutdown hook closes the journal.
     *
     * @return whether to register the hook
     */
    public boolean shutdownHook() {
        return shutdownHook;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ComplianceLoggerConfig c && Objects.equals(directory, c.directory) && app.equals(c.app)
                && Objects.equals(instance, c.instance) && durability == c.durability
                && checkpointEvents == c.checkpointEvents && checkpointInterval.equals(c.checkpointInterval)
                && rotateAtBytes == c.rotateAtBytes && retention.equals(c.retention)
                && retentionByType.equals(c.retentionByType) && gzipClosedFiles == c.gzipClosedFiles
                && redaction.equals(c.redaction) && maxFieldLength == c.maxFieldLength && mirrorToLog == c.mirrorToLog
                && keepRecent == c.keepRecent && correlationIdKey.equals(c.correlationIdKey)
                && queueCapacity == c.queueCapacity && shutdownHook == c.shutdownHook;
    }

    @Override
    public int hashCode() {
        return Objects.hash(directory, app, instance, durability, checkpointEvents, checkpointInterval, rotateAtBytes,
                retention, retentionByType, gzipClosedFiles, redaction, maxFieldLength, mirrorToLog, keepRecent,
                correlationIdKey, queueCapacity, shutdownHook);
    }

    /**
     * Every setting, on one line. A config holds no secret; the redaction rules are shown by
     * their size only, as {@link Redaction}'s own {@code toString()} does.
     */
    @Override
    public String toString() {
        return "ComplianceLoggerConfig[directory=" + directory + ", app=" + app + ", instance="
                + (instance == null ? "(host name)" : instance) + ", durability=" + durability
                + ", checkpointEvents=" + checkpointEvents + ", checkpointInterval=" + checkpointInterval
                + ", rotateAtBytes=" + rotateAtBytes + ", retention=" + retention + ", retentionByType="
                + new TreeMap<>(retentionByType) + ", gzipClosedFiles=" + gzipClosedFiles + ", redaction=" + redaction
                + ", maxFieldLength=" + maxFieldLength + ", mirrorToLog=" + mirrorToLog + ", keepRecent=" + keepRecent
                + ", correlationIdKey=" + correlationIdKey + ", queueCapacity=" + queueCapacity + ", shutdownHook="
                + shutdownHook + "]";
    }

    /**
     * Collects settings and checks each as it is set. Not thread-safe.
     */
    public static final class Builder {

        private @Nullable Path directory;
        private String app = DEFAULT_APP;
        private @Nullable String instance;
        private Durability durability = DEFAULT_DURABILITY;
        private int checkpointEvents = DEFAULT_CHECKPOINT_EVENTS;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private long rotateAtBytes = DEFAULT_ROTATE_AT_BYTES;
        private Duration retention = DEFAULT_RETENTION;
        private final Map<String, Duration> retentionByType = new LinkedHashMap<>();
        private boolean gzipClosedFiles;
        private Redaction redaction = Redaction.defaults();
        private int maxFieldLength = DEFAULT_MAX_FIELD_LENGTH;
        private boolean mirrorToLog;
        private int keepRecent;
        private String correlationIdKey = DEFAULT_CORRELATION_ID_KEY;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private boolean shutdownHook = true;

        private Builder() {
        }

        private Builder(ComplianceLoggerConfig base) {
            this.directory = base.directory;
            this.app = base.app;
            this.instance = base.instance;
            this.durability = base.durability;
            this.checkpointEvents = base.checkpointEvents;
            this.checkpointInterval = base.checkpointInterval;
            this.rotateAtBytes = base.rotateAtBytes;
            this.retention = base.retention;
            this.retentionByType.putAll(base.retentionByType);
            this.gzipClosedFiles = base.gzipClosedFiles;
            this.redaction = base.redaction;
            this.maxFieldLength = base.maxFieldLength;
            this.mirrorToLog = base.mirrorToLog;
            this.keepRecent = base.keepRecent;
            this.correlationIdKey = base.correlationIdKey;
            this.queueCapacity = base.queueCapacity;
            this.shutdownHook = base.shutdownHook;
        }

        /** Written in every line uncut: kept within the name limit so that every reader reads it. */
        private static String shortName(String value, String name) {
            Checks.notNull(value, name);
            if (value.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException(name + " must be at most " + MAX_NAME_LENGTH
                        + " characters, got " + value.length());
            }
            return value;
        }

        /**
         * The journal directory; created with mode 0700 if missing. An existing directory keeps
         * its mode; if group or others can reach it, a warning is logged. Required to build a logger.
         *
         * @param directory the directory
         * @return this builder
         * @throws NullPointerException if {@code directory} is null
         */
        public Builder directory(Path directory) {
            this.directory = Checks.notNull(directory, "directory");
            return this;
        }

        /**
         * The application name written in every event; the default is {@value #DEFAULT_APP}.
         *
         * @param app the name, at most {@value #MAX_NAME_LENGTH} characters
         * @return this builder
         * @throws NullPointerException if {@code app} is null
         * @throws IllegalArgumentException if {@code app} is too long
         */
        public Builder app(String app) {
            this.app = shortName(app, "app");
            return this;
        }

        /**
         * The instance name written in every event; the default is the host name.
         *
         * @param instance the name, at most {@value #MAX_NAME_LENGTH} characters
         * @return this builder
         * @throws NullPointerException if {@code instance} is null
         * @throws IllegalArgumentException if {@code instance} is too long
         */
        public Builder instance(String instance) {
            this.instance = shortName(instance, "instance");
            return this;
        }

        /**
         * The durability mode; the default is {@link Durability#GROUP_COMMIT}.
         *
         * @param durability the mode
         * @return this builder
         * @throws NullPointerException if {@code durability} is null
         */
        public Builder durability(Durability durability) {
            this.durability = Checks.notNull(durability, "durability");
            return this;
        }

        /**
         * A checkpoint every {@code events} events or {@code interval}, whichever comes first;
         * the defaults are 10,000 and 60 seconds. Rotation and close always write one.
         *
         * @param events at least 1
         * @param interval positive
         * @return this builder
         * @throws IllegalArgumentException if {@code events} is below 1 or {@code interval} is not positive
         * @throws NullPointerException if {@code interval} is null
         */
        public Builder checkpointEvery(int events, Duration interval) {
            if (events < 1) {
                throw new IllegalArgumentException("events must be at least 1, got " + events);
            }
            this.checkpointInterval = Checks.positive(interval, "interval");
            this.checkpointEvents = events;
            return this;
        }

        /**
         * Starts a new file past this size; files also roll at UTC midnight. The default is 128 MiB.
         *
         * @param bytes from {@value #MIN_ROTATE_AT_BYTES} to {@link #MAX_ROTATE_AT_BYTES}
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        public Builder rotateAtBytes(long bytes) {
            if (bytes < MIN_ROTATE_AT_BYTES || bytes > MAX_ROTATE_AT_BYTES) {
                throw new IllegalArgumentException("bytes must be between " + MIN_ROTATE_AT_BYTES + " and "
                        + MAX_ROTATE_AT_BYTES + ", got " + bytes);
            }
            this.rotateAtBytes = bytes;
            return this;
        }

        /**
         * How long closed files are kept, by default; the default is 7 years (2,557 days).
         *
         * @param age positive
         * @return this builder
         * @throws NullPointerException if {@code age} is null
         * @throws IllegalArgumentException if {@code age} is not positive
         */
        public Builder retention(Duration age) {
            this.retention = Checks.positive(age, "age");
            return this;
        }

        /**
         * How long files holding events of one type are kept. A file is deleted only when it is
         * older than the longest retention of any event in it; the open file never is.
         *
         * @param type an event type, such as {@code ORDER_EVENT}
         * @param age positive
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code age} is not positive
         */
        public Builder retention(String type, Duration age) {
            Checks.notNull(type, "type");
            retentionByType.put(type, Checks.positive(age, "age"));
            return this;
        }

        /**
         * Gzips files once closed; they stay verifiable. Off by default.
         *
         * @param enabled whether to compress
         * @return this builder
         */
        public Builder gzipClosedFiles(boolean enabled) {
            this.gzipClosedFiles = enabled;
            return this;
        }

        /**
         * What is kept out of the journal, its log mirror and {@link ComplianceLogger#recentEvents()};
         * the default is {@link Redaction#defaults()}. See {@link ComplianceLogger.Builder#redaction}.
         *
         * @param redaction the rules
         * @return this builder
         * @throws NullPointerException if {@code redaction} is null
         */
        public Builder redaction(Redaction redaction) {
            this.redaction = Checks.notNull(redaction, "redaction");
            return this;
        }

        /**
         * Text longer than this is cut, and the cut is listed in the event's {@code truncated}
         * field; the default is 8,192 characters.
         *
         * @param chars from {@value #MIN_MAX_FIELD_LENGTH} to {@link #MAX_MAX_FIELD_LENGTH}
         * @return this builder
         * @throws IllegalArgumentException if {@code chars} is out of range
         */
        public Builder maxFieldLength(int chars) {
            if (chars < MIN_MAX_FIELD_LENGTH) {
                throw new IllegalArgumentException("chars must be at least " + MIN_MAX_FIELD_LENGTH + ", got " + chars);
            }
            if (chars > MAX_MAX_FIELD_LENGTH) {
                throw new IllegalArgumentException("chars must be at most " + MAX_MAX_FIELD_LENGTH
                        + " (the journal's limit), got " + chars);
            }
            this.maxFieldLength = chars;
            return this;
        }

        /**
         * Also writes each event, human-readable and redacted, to the SLF4J logger {@code compliance}.
         * Off by default.
         *
         * @param enabled whether to mirror
         * @return this builder
         */
        public Builder mirrorToLog(boolean enabled) {
            this.mirrorToLog = enabled;
            return this;
        }

        /**
         * Keeps summaries of the latest events in memory for {@link ComplianceLogger#recentEvents()}.
         * The default is 0, which keeps none and costs nothing.
         *
         * @param events 0 to {@value #MAX_KEEP_RECENT}
         * @return this builder
         * @throws IllegalArgumentException if {@code events} is out of range
         */
        public Builder keepRecent(int events) {
            if (events < 0 || events > MAX_KEEP_RECENT) {
                throw new IllegalArgumentException("events must be between 0 and " + MAX_KEEP_RECENT + ", got "
                        + events);
            }
            this.keepRecent = events;
            return this;
        }

        /**
         * The SLF4J MDC key whose value becomes the event's {@code correlation_id}; the default
         * is {@value #DEFAULT_CORRELATION_ID_KEY}.
         *
         * @param key the MDC key
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         */
        public Builder correlationIdKey(String key) {
            this.correlationIdKey = Checks.notNull(key, "key");
            return this;
        }

        /**
         * Events that may wait for the writer; callers wait when it is full. The default is 65,536.
         *
         * @param events at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code events} is below 1
         */
        public Builder queueCapacity(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("events must be at least 1, got " + events);
            }
            this.queueCapacity = events;
            return this;
        }

        /**
         * Whether a JVM shutdown hook closes the journal on {@code System.exit} or SIGTERM. On by default.
         *
         * @param enabled whether to register the hook
         * @return this builder
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * The config. Every setting was checked when it was set.
         *
         * @return an immutable config
         */
        public ComplianceLoggerConfig build() {
            return new ComplianceLoggerConfig(this);
        }
    }
}
