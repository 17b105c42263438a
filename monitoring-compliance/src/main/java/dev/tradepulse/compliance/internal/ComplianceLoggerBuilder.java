package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.audit.Signer;
import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.compliance.AuditJournalException;
import dev.tradepulse.compliance.ChannelOpener;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/** The builder behind {@link ComplianceLogger#builder()}. */
public final class ComplianceLoggerBuilder implements ComplianceLogger.Builder {

    private static final ChannelOpener DEFAULT_OPENER =
            file -> FileChannel.open(file, StandardOpenOption.WRITE);

    private Path directory;
    private String app = "tradepulse";
    private String instance;
    private Durability durability = Durability.GROUP_COMMIT;
    private Clock clock = Clock.systemUTC();
    private Signer signer;
    private int checkpointEvents = 10_000;
    private Duration checkpointInterval = Duration.ofSeconds(60);
    private long rotateBytes = 128L * 1024 * 1024;
    private Duration retention = Duration.ofDays(2557);
    private final Map<String, Duration> retentionByType = new HashMap<>();
    private boolean gzip;
    private Redaction redaction = Redaction.defaults();
    private int maxFieldLength = 8192;
    private boolean mirror;
    private int keepRecent;
    private String correlationKey = "correlationId";
    private int queueCapacity = 65_536;
    private ChannelOpener opener = DEFAULT_OPENER;
    private final List<Witness> witnesses = new ArrayList<>();
    private boolean shutdownHook = true;
    private MeterRegistry meterRegistry;

    /** Use {@link ComplianceLogger#builder()}. */
    public ComplianceLoggerBuilder() {
    }

    private static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, name + " must not be null");
    }

    /** Written in every line uncut: kept within the name limit so that every reader reads it. */
    private static String shortName(String value, String name) {
        required(value, name);
        if (value.length() > JournalLimits.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + JournalLimits.MAX_NAME_LENGTH
                    + " characters, got " + value.length());
        }
        return value;
    }

    private static Duration positive(Duration d, String name) {
        required(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + d);
        }
        return d;
    }

    @Override
    public ComplianceLogger.Builder directory(Path directory) {
        this.directory = required(directory, "directory");
        return this;
    }

    @Override
    public ComplianceLogger.Builder app(String app) {
        this.app = shortName(app, "app");
        return this;
    }

    @Override
    public ComplianceLogger.Builder instance(String instance) {
        this.instance = shortName(instance, "instance");
        return this;
    }

    @Override
    public ComplianceLogger.Builder durability(Durability durability) {
        this.durability = required(durability, "durability");
        return this;
    }

    @Override
    public ComplianceLogger.Builder clock(Clock clock) {
        this.clock = required(clock, "clock");
        return this;
    }

    @Override
    public ComplianceLogger.Builder signer(Signer signer) {
        this.signer = required(signer, "signer");
        return this;
    }

    @Override
    public ComplianceLogger.Builder checkpointEvery(int events, Duration interval) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, got " + events);
        }
        this.checkpointEvents = events;
        this.checkpointInterval = positive(interval, "interval");
        return this;
    }

    @Override
    public ComplianceLogger.Builder rotateAtBytes(long bytes) {
        if (bytes < 4096 || bytes > JournalFiles.MAX_FILE_BYTES / 2) {
            throw new IllegalArgumentException("bytes must be between 4096 and " + JournalFiles.MAX_FILE_BYTES / 2
                    + ", got " + bytes);
        }
        this.rotateBytes = bytes;
        return this;
    }

    @Override
    public ComplianceLogger.Builder retention(Duration age) {
        this.retention = positive(age, "age");
        return this;
    }

    @Override
    public ComplianceLogger.Builder retention(String type, Duration age) {
        retentionByType.put(required(type, "type"), positive(age, "age"));
        return this;
    }

    @Override
    public ComplianceLogger.Builder gzipClosedFiles(boolean enabled) {
        this.gzip = enabled;
        return this;
    }

    @Override
    public ComplianceLogger.Builder redaction(Redaction redaction) {
        this.redaction = required(redaction, "redaction");
        return this;
    }

    @Override
    public ComplianceLogger.Builder maxFieldLength(int chars) {
        if (chars < 16) {
            throw new IllegalArgumentException("chars must be at least 16, got " + chars);
        }
        if (chars > JournalLimits.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("chars must be at most " + JournalLimits.MAX_VALUE_LENGTH
                    + " (the journal's limit), got " + chars);
        }
        this.maxFieldLength = chars;
        return this;
    }

    @Override
    public ComplianceLogger.Builder keepRecent(int events) {
        if (events < 0 || events > 10_000) {
            throw new IllegalArgumentException("events must be between 0 and 10000, got " + events);
        }
        this.keepRecent = events;
        return this;
    }

    @Override
    public ComplianceLogger.Builder mirrorToLog(boolean enabled) {
        this.mirror = enabled;
        return this;
    }

    @Override
    public ComplianceLogger.Builder correlationIdKey(String key) {
        this.correlationKey = required(key, "key");
        return this;
    }

    @Override
    public ComplianceLogger.Builder queueCapacity(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, got " + events);
        }
        this.queueCapacity = events;
        return this;
    }

    @Override
    public ComplianceLogger.Builder channelOpener(ChannelOpener opener) {
        this.opener = required(opener, "opener");
        return this;
    }

    @Override
    public ComplianceLogger.Builder witness(Witness witness) {
        witnesses.add(required(witness, "witness"));
        return this;
    }

    @Override
    public ComplianceLogger.Builder shutdownHook(boolean enabled) {
        this.shutdownHook = enabled;
        return this;
    }

    @Override
    public ComplianceLogger.Builder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = required(registry, "registry");
        return this;
    }

    @Override
    public ComplianceLogger build() {
        if (directory == null) {
            throw new IllegalStateException("directory must be set");
        }
        String host = instance != null ? instance : hostName();
        EventEncoder encoder = new EventEncoder(app, host, redaction, maxFieldLength);
        EventQueue queue = new EventQueue(queueCapacity, durability != Durability.ASYNC);
        WitnessPublisher publisher = witnesses.isEmpty() ? WitnessPublisher.NONE : new WitnessPublisher(witnesses);
        JournalStats stats = new JournalStats();
        JournalWriter writer = new JournalWriter(new JournalWriter.Config(directory, durability, clock, signer,
                checkpointEvents, checkpointInterval, rotateBytes, new Retention(retention, retentionByType), gzip, opener,
                encoder, app + "/" + host, publisher), queue, stats);
        publisher.start();
        try {
            writer.open();
        } catch (JournalLock.JournalLockedException e) {
            publisher.stop();
            throw new AuditJournalException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            publisher.stop();
            throw new AuditJournalException("cannot open the compliance journal in " + directory + ": " + e, e);
        }
        if (signer == null) {
            LoggerFactory.getLogger("dev.tradepulse.compliance").warn("Compliance journal in {} has no checkpoint "
                    + "signer: a rewrite of the whole chain could not be told from the original", directory);
        }
        DefaultComplianceLogger logger = new DefaultComplianceLogger(directory, durability, clock, encoder, queue, writer,
                correlationKey, mirror, keepRecent, new JournalSelf(stats, publisher, queue, durability));
        if (shutdownHook) {
            logger.registerShutdownHook();
        }
        if (meterRegistry != null) {
            logger.self().bindTo(meterRegistry, logger);
        }
        return logger;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
