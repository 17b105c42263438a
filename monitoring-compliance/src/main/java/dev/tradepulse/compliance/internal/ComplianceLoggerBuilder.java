package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.audit.Signer;
import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.compliance.AuditJournalException;
import dev.tradepulse.compliance.ChannelOpener;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.ComplianceLoggerConfig;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.compliance.RetentionGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The builder behind {@link ComplianceLogger#builder()}: a config builder plus the runtime objects. Not thread-safe. */
public final class ComplianceLoggerBuilder implements ComplianceLogger.Builder {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");
    private static final ChannelOpener DEFAULT_OPENER =
            file -> FileChannel.open(file, StandardOpenOption.WRITE);

    private ComplianceLoggerConfig.Builder settings = ComplianceLoggerConfig.custom();
    private Clock clock = Clock.systemUTC();
    private @Nullable Signer signer;
    private ChannelOpener opener = DEFAULT_OPENER;
    private final List<Witness> witnesses = new ArrayList<>();
    private RetentionGuard retentionGuard = RetentionGuard.ALLOW_ALL;
    private @Nullable MeterRegistry meterRegistry;

    /** Use {@link ComplianceLogger#builder()}. */
    public ComplianceLoggerBuilder() {
    }

    @Override
    public ComplianceLogger.Builder config(ComplianceLoggerConfig config) {
        this.settings = ComplianceLoggerConfig.from(Checks.notNull(config, "config"));
        return this;
    }

    @Override
    public ComplianceLogger.Builder directory(Path directory) {
        settings.directory(directory);
        return this;
    }

    @Override
    public ComplianceLogger.Builder app(String app) {
        settings.app(app);
        return this;
    }

    @Override
    public ComplianceLogger.Builder instance(String instance) {
        settings.instance(instance);
        return this;
    }

    @Override
    public ComplianceLogger.Builder durability(Durability durability) {
        settings.durability(durability);
        return this;
    }

    @Override
    public ComplianceLogger.Builder clock(Clock clock) {
        this.clock = Checks.notNull(clock, "clock");
        return this;
    }

    @Override
    public ComplianceLogger.Builder signer(Signer signer) {
        this.signer = Checks.notNull(signer, "signer");
        return this;
    }

    @Override
    public ComplianceLogger.Builder checkpointEvery(int events, Duration interval) {
        settings.checkpointEvery(events, interval);
        return this;
    }

    @Override
    public ComplianceLogger.Builder rotateAtBytes(long bytes) {
        settings.rotateAtBytes(bytes);
        return this;
    }

    @Override
    public ComplianceLogger.Builder retention(Duration age) {
        settings.retention(age);
        return this;
    }

    @Override
    public ComplianceLogger.Builder retention(String type, Duration age) {
        settings.retention(type, age);
        return this;
    }

    @Override
    public ComplianceLogger.Builder gzipClosedFiles(boolean enabled) {
        settings.gzipClosedFiles(enabled);
        return this;
    }

    @Override
    public ComplianceLogger.Builder redaction(Redaction redaction) {
        settings.redaction(redaction);
        return this;
    }

    @Override
    public ComplianceLogger.Builder maxFieldLength(int chars) {
        settings.maxFieldLength(chars);
        return this;
    }

    @Override
    public ComplianceLogger.Builder keepRecent(int events) {
        settings.keepRecent(events);
        return this;
    }

    @Override
    public ComplianceLogger.Builder mirrorToLog(boolean enabled) {
        settings.mirrorToLog(enabled);
        return this;
    }

    @Override
    public ComplianceLogger.Builder correlationIdKey(String key) {
        settings.correlationIdKey(key);
        return this;
    }

    @Override
    public ComplianceLogger.Builder queueCapacity(int events) {
        settings.queueCapacity(events);
        return this;
    }

    @Override
    public ComplianceLogger.Builder channelOpener(ChannelOpener opener) {
        this.opener = Checks.notNull(opener, "opener");
        return this;
    }

    @Override
    public ComplianceLogger.Builder witness(Witness witness) {
        witnesses.add(Checks.notNull(witness, "witness"));
        return this;
    }

    @Override
    public ComplianceLogger.Builder retentionGuard(RetentionGuard guard) {
        this.retentionGuard = Checks.notNull(guard, "guard");
        return this;
    }

    @Override
    public ComplianceLogger.Builder shutdownHook(boolean enabled) {
        settings.shutdownHook(enabled);
        return this;
    }

    @Deprecated
    @Override
    public ComplianceLogger.Builder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Checks.notNull(registry, "registry");
        return this;
    }

    @Override
    public ComplianceLogger build() {
        ComplianceLoggerConfig config = settings.build();
        Path directory = config.directory().orElseThrow(() -> new NullPointerException("directory must be set"));
        String app = config.app();
        String host = config.instance().orElseGet(ComplianceLoggerBuilder::hostName);
        EventEncoder encoder = new EventEncoder(app, host, config.redaction(), config.maxFieldLength());
        EventQueue queue = new EventQueue(config.queueCapacity(), config.durability() != Durability.ASYNC);
        WitnessPublisher publisher = witnesses.isEmpty() ? WitnessPublisher.NONE : new WitnessPublisher(witnesses);
        JournalStats stats = new JournalStats();
        JournalWriter writer = new JournalWriter(new JournalWriter.Config(directory, config.durability(), clock, signer,
                config.checkpointEvents(), config.checkpointInterval(), config.rotateAtBytes(),
                new Retention(config.retention(), config.retentionByType(), retentionGuard), config.gzipClosedFiles(), opener,
                encoder, app + "/" + host, publisher), queue, stats);
        publisher.start();
        try {
            writer.open();
        } catch (JournalLock.JournalLockedException e) {
            publisher.stop();
            throw new AuditJournalException(e.getMessage(), e);
        } catch (Error e) {
            publisher.stop();
            throw e;
        } catch (IOException | RuntimeException e) {
            publisher.stop();
            throw new AuditJournalException("cannot open the compliance journal in " + directory + ": " + e, e);
        }
        if (signer == null) {
            LOG.warn("Compliance journal in {} has no checkpoint signer: a rewrite of the whole chain could not be "
                    + "told from the original", directory);
        }
        DefaultComplianceLogger logger;
        try {
            logger = new DefaultComplianceLogger(config, clock, encoder, queue, writer,
                    new JournalSelf(stats, publisher, queue, config.durability()));
        } catch (RuntimeException | Error e) {
            // the writer thread never started: give back the lock, the file and the witness threads
            writer.abandon(e);
            publisher.stop();
            throw e;
        }
        try {
            if (config.shutdownHook()) {
                logger.registerShutdownHook();
            }
            if (meterRegistry != null) {
                logger.bindTo(meterRegistry);
            }
        } catch (RuntimeException | Error e) {
            logger.close();
            throw e;
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
