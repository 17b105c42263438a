package dev.tradepulse.compliance;

import dev.tradepulse.api.audit.Signer;
import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.compliance.internal.ComplianceLoggerBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes audit events to a tamper-evident, crash-safe journal: append-only JSON Lines, each
 * line carrying the SHA-256 of the line before it, with signed checkpoints. Thread-safe.
 *
 * <pre>{@code
 * ComplianceLogger audit = ComplianceLogger.builder()
 *     .directory(Path.of("data/audit"))
 *     .app("momentum-bot").instance("prod-1")
 *     .durability(Durability.GROUP_COMMIT)
 *     .signer(Checkpoints.hmacSigner(key))
 *     .build();
 * audit.orderEvent(OrderStage.FILLED, "strategy-7", "o-991", "BTCUSDT", "BUY", 0.5, 64_210.5, "binance");
 * }</pre>
 *
 * <p>In {@link Durability#GROUP_COMMIT} and {@link Durability#SYNC_EACH} a call returns once its
 * event is on disk, and throws {@link AuditJournalException} if the journal has failed. In
 * {@link Durability#ASYNC} a call returns once the event is queued; after a failure, calls are
 * counted as {@link #rejected()} and logged at a bounded rate instead of throwing. Null
 * arguments are rejected naming the parameter; text is never interpreted (no {@code ${}}
 * lookups, no format strings).
 */
public interface ComplianceLogger extends AutoCloseable {

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new ComplianceLoggerBuilder();
    }

    /** The stage of an order, for {@link #orderEvent}. */
    enum OrderStage { PLACED, FILLED, CANCELLED, REJECTED }

    /** The kind of a risk event, for {@link #riskEvent}. */
    enum RiskKind { LIMIT_BREACH, TRADING_HALT, KILL_SWITCH, REARM }

    /** The kind of an access event, for {@link #accessEvent}. */
    enum AccessKind { AUTH_SUCCESS, AUTH_FAILURE, KEY_ROTATION }

    /**
     * A user did something (the seed's {@code log_user_action}).
     *
     * @param action what was done
     * @param userId who did it
     * @param details anything else worth keeping
     */
    void userAction(String action, String userId, Map<String, ?> details);

    /**
     * A safety rule was violated (the seed's {@code log_safety_violation}); level CRITICAL.
     *
     * @param type the kind of violation, such as {@code prompt_injection}
     * @param details what was seen
     * @param userId who caused it
     */
    void safetyViolation(String type, Map<String, ?> details, String userId);

    /**
     * An input or output was validated (the seed's {@code log_validation_event}).
     *
     * @param type what was validated
     * @param valid the outcome; a failure is logged at WARNING
     * @param details why
     * @param userId whose input
     */
    void validation(String type, boolean valid, Map<String, ?> details, String userId);

    /**
     * A strategy or agent decided, once per cycle.
     *
     * @param strategy the strategy or agent
     * @param cycle its cycle number
     * @param decisions the decisions, as JSON-compatible values
     * @param reasoning why
     */
    void tradeDecision(String strategy, long cycle, List<?> decisions, String reasoning);

    /**
     * An order moved to a stage.
     *
     * @param stage placed, filled, cancelled or rejected (logged at WARNING)
     * @param actor the strategy or user
     * @param orderId the order id
     * @param symbol the instrument
     * @param side {@code BUY} or {@code SELL}
     * @param quantity the quantity
     * @param price the price
     * @param venue the venue
     */
    void orderEvent(OrderStage stage, String actor, String orderId, String symbol, String side, double quantity,
            double price, String venue);

    /**
     * A risk limit was breached, trading was halted, or re-armed.
     *
     * @param kind what happened; halts and kill switches are CRITICAL
     * @param rule the rule involved
     * @param actor who or what acted (a rule engine, or the person re-arming)
     * @param details the figures
     */
    void riskEvent(RiskKind kind, String rule, String actor, Map<String, ?> details);

    /**
     * Someone changed a parameter. When the parameter's name is secret by the
     * {@linkplain Builder#redaction redaction} ({@code api_key}, {@code exchange.passphrase}),
     * neither value is stored: both are written as {@code [REDACTED]}.
     *
     * @param actor who
     * @param parameter which
     * @param from the old value
     * @param to the new value
     */
    void configChange(String actor, String parameter, Object from, Object to);

    /**
     * An authentication succeeded or failed, or a key was rotated.
     *
     * @param kind what happened; failures are ERROR
     * @param actor who
     * @param details where from, which key (never the secret itself)
     */
    void accessEvent(AccessKind kind, String actor, Map<String, ?> details);

    /**
     * Records a custom event.
     *
     * @param event the event
     */
    void record(AuditEvent event);

    /**
     * Waits until every event recorded so far is written and synced to disk.
     *
     * @throws AuditJournalException if the journal has failed
     */
    void flush();

    /**
     * The failure that closed the journal, if any.
     *
     * @return the failure
     */
    Optional<Throwable> failure();

    /**
     * Calls rejected because the journal had failed ({@link Durability#ASYNC} only).
     *
     * @return the count
     */
    long rejected();

    /**
     * {@link Durability#ASYNC} events that were accepted but not known to be on disk when the
     * journal failed (a full disk, a deleted directory): some may have reached the disk, none
     * can be relied on. Together with {@link #rejected()} this counts every event lost.
     *
     * @return the count
     */
    long lost();

    /**
     * Records an event and returns at once; the stage completes once an fsync covers the event,
     * in every durability mode, or completes exceptionally with {@link AuditJournalException} if
     * the journal fails first. One thread can pipeline many durable events, and the writer
     * commits them in batches. Dependent actions run on the journal's completion thread: keep
     * them short, or use the {@code *Async} variants.
     *
     * @param event the event
     * @return completes when the event is durable
     */
    java.util.concurrent.CompletionStage<Void> recordDurably(AuditEvent event);

    /**
     * A health check for this journal: unhealthy once it has failed or closed, or its directory
     * or file is gone; degraded when no checkpoint was written for three checkpoint intervals or
     * a witness keeps failing.
     *
     * @return the check
     */
    dev.tradepulse.api.health.HealthCheck healthCheck();

    /**
     * A status-page section with the journal's state: events, bytes, fsync latency, last
     * checkpoint, witness, failures.
     *
     * @return the section
     */
    dev.tradepulse.api.status.StatusSection statusSection();

    /**
     * The latest events accepted, newest first, without details; empty unless
     * {@link Builder#keepRecent} is set. Never blocks writers.
     *
     * @return recent events
     */
    java.util.List<AuditSummary> recentEvents();

    /**
     * The journal's directory.
     *
     * @return the directory
     */
    Path directory();

    /** Writes what is queued, a closing checkpoint, syncs, and closes the journal. */
    @Override
    void close();

    /** Configures a logger; {@link #build()} opens (and if needed recovers) the journal. */
    interface Builder {

        /**
         * The journal directory; created with mode 0700 if missing. An existing directory keeps
         * its mode; if group or others can reach it, a warning is logged. Required.
         *
         * @param directory the directory
         * @return this builder
         */
        Builder directory(Path directory);

        /**
         * The application name written in every event.
         *
         * @param app the name, at most 256 characters
         * @return this builder
         */
        Builder app(String app);

        /**
         * The instance name written in every event; the default is the host name.
         *
         * @param instance the name, at most 256 characters
         * @return this builder
         */
        Builder instance(String instance);

        /**
         * The durability mode; the default is {@link Durability#GROUP_COMMIT}.
         *
         * @param durability the mode
         * @return this builder
         */
        Builder durability(Durability durability);

        /**
         * The clock for event timestamps (UTC, microseconds); the default is the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        Builder clock(Clock clock);

        /**
         * Signs checkpoints. Without a signer checkpoints are unsigned, and a rewrite of the
         * whole chain cannot be told from the original; a warning is logged.
         *
         * @param signer the signer
         * @return this builder
         */
        Builder signer(Signer signer);

        /**
         * A checkpoint every {@code events} events or {@code interval}, whichever comes first;
         * the defaults are 10,000 and 60 seconds. Rotation and close always write one.
         *
         * @param events at least 1
         * @param interval positive
         * @return this builder
         */
        Builder checkpointEvery(int events, Duration interval);

        /**
         * Starts a new file past this size; files also roll at UTC midnight. The default is 128 MiB.
         *
         * @param bytes at least 4096
         * @return this builder
         */
        Builder rotateAtBytes(long bytes);

        /**
         * How long closed files are kept, by default; the default is 7 years (2,557 days).
         *
         * @param age positive
         * @return this builder
         */
        Builder retention(Duration age);

        /**
         * How long files holding events of one type are kept. A file is deleted only when it is
         * older than the longest retention of any event in it; the open file never is.
         *
         * @param type an event type, such as {@code ORDER_EVENT}
         * @param age positive
         * @return this builder
         */
        Builder retention(String type, Duration age);

        /**
         * Gzips files once closed; they stay verifiable. Off by default.
         *
         * @param enabled whether to compress
         * @return this builder
         */
        Builder gzipClosedFiles(boolean enabled);

        /**
         * What is kept out of the journal, its log mirror and {@link ComplianceLogger#recentEvents()};
         * the default is {@link Redaction#defaults()}, documented there. Secret names' values, and
         * matches of the value patterns in any text (actor, action, correlation id, details), are
         * replaced by {@code [REDACTED]} before hashing; a detail name that is itself a secret
         * becomes {@code [REDACTED]#n} and is listed in {@code truncated}; {@link ComplianceLogger#configChange}
         * stores neither value of a secret parameter. To add names or patterns, pass
         * {@code Redaction.builder()...build()}, which keeps the defaults.
         *
         * @param redaction the rules
         * @return this builder
         */
        Builder redaction(Redaction redaction);

        /**
         * Text longer than this is cut, and the cut is listed in the event's {@code truncated}
         * field; the default is 8,192 characters. Detail names are always cut at 256 characters,
         * and numbers of more than 100 digits are written as strings, both listed there too.
         *
         * @param chars at least 16, at most 1,048,576 (what every journal reader accepts)
         * @return this builder
         */
        Builder maxFieldLength(int chars);

        /**
         * Also writes each event, human-readable, to the SLF4J logger {@code compliance}, redacted
         * as in the journal, with control characters and line separators escaped, as
         * {@code 2025-11-05 10:30:15 | INFO | USER_ACTION | Action: chat_request | User: u1 | Details: {...}}.
         *
         * @param enabled whether to mirror
         * @return this builder
         */
        Builder mirrorToLog(boolean enabled);

        /**
         * Keeps summaries (time, type, level, actor, action) of the latest events in memory for
         * {@link ComplianceLogger#recentEvents()}, such as a status page's audit trail. The
         * default is 0, which keeps none and costs nothing.
         *
         * @param events 0 to 10,000
         * @return this builder
         */
        Builder keepRecent(int events);

        /**
         * The SLF4J MDC key whose value becomes the event's {@code correlation_id}; the default
         * is {@code correlationId}.
         *
         * @param key the MDC key
         * @return this builder
         */
        Builder correlationIdKey(String key);

        /**
         * Events that may wait for the writer; callers wait when it is full. The default is 65,536.
         *
         * @param events at least 1
         * @return this builder
         */
        Builder queueCapacity(int events);

        /**
         * How files are opened; for fault injection in tests.
         *
         * @param opener the opener
         * @return this builder
         */
        Builder channelOpener(ChannelOpener opener);

        /**
         * Opens the journal, recovering a torn tail left by a crash.
         *
         * @return the logger
         * @throws AuditJournalException if the directory cannot be opened or recovered
         */
        ComplianceLogger build();

        /**
         * Publishes every checkpoint's head to a witness outside the journal directory, from a
         * background thread, so that a journal cut back to an earlier point is caught by
         * {@code verify --witness}. May be called more than once; none by default.
         *
         * @param witness the witness
         * @return this builder
         */
        Builder witness(dev.tradepulse.api.audit.Witness witness);

        /**
         * Whether a JVM shutdown hook closes the journal (a closing checkpoint, then fsync) on
         * {@code System.exit} or SIGTERM, so that a normal stop leaves a journal that verifies.
         * On by default.
         *
         * @param enabled whether to register the hook
         * @return this builder
         */
        Builder shutdownHook(boolean enabled);

        /**
         * Registers the journal's meters ({@code tradepulse.audit.*}: events written, rejected and
         * lost, bytes, fsync latency, queue depth, checkpoint age, witness failures).
         *
         * @param registry the registry
         * @return this builder
         */
        Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry);
    }
}
