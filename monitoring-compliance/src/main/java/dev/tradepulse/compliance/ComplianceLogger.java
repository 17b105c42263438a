package dev.tradepulse.compliance;

import dev.tradepulse.api.audit.Signer;
import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.compliance.internal.ComplianceLoggerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Writes audit events to a tamper-evident, crash-safe journal: append-only JSON Lines, each
 * line carrying the SHA-256 of the line before it, with signed checkpoints.
 *
 * <pre>{@code
 * ComplianceLogger audit = ComplianceLogger.builder()
 *     .directory(Path.of("data/audit"))
 *     .app("momentum-bot").instance("prod-1")
 *     .durability(Durability.GROUP_COMMIT)
 *     .signer(Checkpoints.hmacSigner(key))
 *     .build();
 * audit.bindTo(meterRegistry);
 * Actor strategy = Actor.of("strategy-7");
 * audit.orderEvent(OrderStage.FILLED, strategy, "o-991", "BTCUSDT", "BUY", 0.5, 64_210.5, "binance");
 * }</pre>
 *
 * <p><b>One argument order.</b> Every event method takes what happened first (the kind, or the
 * action or type text of the free-form events), then who did it as an {@link Actor}, then the
 * event's own fields, then the details map last; {@link #tradeDecision} and
 * {@link #configChange}, which have no kind argument, start with the actor. The actor is a type
 * of its own so that it cannot be swapped with a neighbouring text argument without a compile
 * error. The String overloads of the first release stay, deprecated, with their old meaning.
 *
 * <p><b>Durability.</b> In {@link Durability#GROUP_COMMIT} and {@link Durability#SYNC_EACH} a
 * call returns once its event is on disk, and throws {@link AuditJournalException} if the journal
 * has failed. In {@link Durability#ASYNC} a call returns once the event is queued; after a
 * failure, calls are counted as {@link #rejected()} and logged at a bounded rate instead of
 * throwing. Null arguments are rejected naming the parameter; text is never interpreted (no
 * {@code ${}} lookups, no format strings).
 *
 * <p><b>Lifecycle.</b> {@link Builder#build()} returns a live logger (journal locked and open,
 * threads running); there is no {@code start()}. {@link #close()} is idempotent, bounded and
 * never throws.
 *
 * <p><b>Threads.</b> Thread-safe: any number of threads may call every method at once. Events
 * from one thread are journalled in the order of its calls. The logger runs daemon threads
 * named {@code tradepulse-audit-*}: the writer, one per witness, and the completion thread of
 * {@link #recordDurably}.
 */
public interface ComplianceLogger extends AutoCloseable, MeterBinder {

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
     * @param user who did it
     * @param details anything else worth keeping
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     */
    void userAction(String action, Actor user, Map<String, ?> details);

    /**
     * A user did something.
     *
     * @param action what was done
     * @param userId who did it
     * @param details anything else worth keeping
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     * @deprecated use {@link #userAction(String, Actor, Map)}, where the user cannot swap places
     *     with the action
     */
    @Deprecated(since = "0.1.0")
    default void userAction(String action, String userId, Map<String, ?> details) {
        userAction(action, Actor.of(Checks.notNull(userId, "userId")), details);
    }

    /**
     * A safety rule was violated (the seed's {@code log_safety_violation}); level CRITICAL.
     *
     * @param type the kind of violation, such as {@code prompt_injection}
     * @param user who caused it
     * @param details what was seen
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     */
    void safetyViolation(String type, Actor user, Map<String, ?> details);

    /**
     * A safety rule was violated, in the old argument order.
     *
     * @param type the kind of violation
     * @param details what was seen
     * @param userId who caused it
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     * @deprecated use {@link #safetyViolation(String, Actor, Map)}: kind, actor, details, as in
     *     every other method
     */
    @Deprecated(since = "0.1.0")
    default void safetyViolation(String type, Map<String, ?> details, String userId) {
        safetyViolation(type, Actor.of(Checks.notNull(userId, "userId")), details);
    }

    /**
     * An input or output was validated (the seed's {@code log_validation_event}).
     *
     * @param type what was validated
     * @param user whose input
     * @param valid the outcome; a failure is logged at WARNING
     * @param details why
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     */
    void validation(String type, Actor user, boolean valid, Map<String, ?> details);

    /**
     * An input or output was validated, in the old argument order.
     *
     * @param type what was validated
     * @param valid the outcome
     * @param details why
     * @param userId whose input
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     * @deprecated use {@link #validation(String, Actor, boolean, Map)}: kind, actor, fields,
     *     details, as in every other method
     */
    @Deprecated(since = "0.1.0")
    default void validation(String type, boolean valid, Map<String, ?> details, String userId) {
        validation(type, Actor.of(Checks.notNull(userId, "userId")), valid, details);
    }

    /**
     * A strategy or agent decided, once per cycle.
     *
     * @param strategy the strategy or agent
     * @param cycle its cycle number
     * @param decisions the decisions, as JSON-compatible values
     * @param reasoning why
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     */
    void tradeDecision(Actor strategy, long cycle, List<?> decisions, String reasoning);

    /**
     * A strategy or agent decided.
     *
     * @param strategy the strategy or agent
     * @param cycle its cycle number
     * @param decisions the decisions
     * @param reasoning why
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     * @deprecated use {@link #tradeDecision(Actor, long, List, String)}
     */
    @Deprecated(since = "0.1.0")
    default void tradeDecision(String strategy, long cycle, List<?> decisions, String reasoning) {
        tradeDecision(Actor.of(Checks.notNull(strategy, "strategy")), cycle, decisions, reasoning);
    }

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
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     */
    void orderEvent(OrderStage stage, Actor actor, String orderId, String symbol, String side, double quantity,
            double price, String venue);

    /**
     * An order moved to a stage.
     *
     * @param stage the stage
     * @param actor the strategy or user
     * @param orderId the order id
     * @param symbol the instrument
     * @param side {@code BUY} or {@code SELL}
     * @param quantity the quantity
     * @param price the price
     * @param venue the venue
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     * @deprecated use {@link #orderEvent(OrderStage, Actor, String, String, String, double, double, String)}
     */
    @Deprecated(since = "0.1.0")
    default void orderEvent(OrderStage stage, String actor, String orderId, String symbol, String side,
            double quantity, double price, String venue) {
        orderEvent(stage, Actor.of(Checks.notNull(actor, "actor")), orderId, symbol, side, quantity, price, venue);
    }

    /**
     * A risk limit was breached, trading was halted, or re-armed.
     *
     * @param kind what happened; halts and kill switches are CRITICAL
     * @param actor who or what acted (a rule engine, or the person re-arming)
     * @param rule the rule involved
     * @param details the figures
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     */
    void riskEvent(RiskKind kind, Actor actor, String rule, Map<String, ?> details);

    /**
     * A risk event, in the old argument order (rule before actor).
     *
     * @param kind what happened
     * @param rule the rule involved
     * @param actor who or what acted
     * @param details the figures
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     * @deprecated use {@link #riskEvent(RiskKind, Actor, String, Map)}: kind, actor, fields, details,
     *     as in every other method. A String overload in the new order would have this one's
     *     signature and silently swap the rule and the actor of every existing call.
     */
    @Deprecated(since = "0.1.0")
    default void riskEvent(RiskKind kind, String rule, String actor, Map<String, ?> details) {
        riskEvent(kind, Actor.of(Checks.notNull(actor, "actor")), rule, details);
    }

    /**
     * Someone changed a parameter. When the parameter's name is secret by the
     * {@linkplain Builder#redaction redaction} ({@code api_key}, {@code exchange.passphrase}),
     * neither value is stored: both are written as {@code [REDACTED]}.
     *
     * @param actor who
     * @param parameter which
     * @param from the old value
     * @param to the new value
     * @throws NullPointerException if {@code actor} or {@code parameter} is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     */
    void configChange(Actor actor, String parameter, @Nullable Object from, @Nullable Object to);

    /**
     * Someone changed a parameter.
     *
     * @param actor who
     * @param parameter which
     * @param from the old value
     * @param to the new value
     * @throws NullPointerException if {@code actor} or {@code parameter} is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     * @deprecated use {@link #configChange(Actor, String, Object, Object)}, where the actor cannot
     *     swap places with the parameter
     */
    @Deprecated(since = "0.1.0")
    default void configChange(String actor, String parameter, @Nullable Object from, @Nullable Object to) {
        configChange(Actor.of(Checks.notNull(actor, "actor")), parameter, from, to);
    }

    /**
     * An authentication succeeded or failed, or a key was rotated.
     *
     * @param kind what happened; failures are ERROR
     * @param actor who
     * @param details where from, which key (never the secret itself)
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     */
    void accessEvent(AccessKind kind, Actor actor, Map<String, ?> details);

    /**
     * An authentication succeeded or failed, or a key was rotated.
     *
     * @param kind what happened
     * @param actor who
     * @param details where from, which key
     * @throws NullPointerException if an argument is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
     * @deprecated use {@link #accessEvent(AccessKind, Actor, Map)}
     */
    @Deprecated(since = "0.1.0")
    default void accessEvent(AccessKind kind, String actor, Map<String, ?> details) {
        accessEvent(kind, Actor.of(Checks.notNull(actor, "actor")), details);
    }

    /**
     * Records a custom event.
     *
     * @param event the event
     * @throws NullPointerException if {@code event} is null
     * @throws AuditJournalException in the durable modes, if the journal has failed
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
     * @throws NullPointerException if {@code event} is null
     */
    CompletionStage<Void> recordDurably(AuditEvent event);

    /**
     * A health check for this journal: unhealthy once it has failed or closed, or its directory
     * or file is gone; degraded when no checkpoint was written for three checkpoint intervals or
     * a witness keeps failing.
     *
     * @return the check
     */
    HealthCheck healthCheck();

    /**
     * A status-page section with the journal's state: events, bytes, fsync latency, last
     * checkpoint, witness, failures.
     *
     * @return the section
     */
    StatusSection statusSection();

    /**
     * Registers the journal's meters: {@code tradepulse.audit.events.written}, {@code .rejected}
     * and {@code .lost}, {@code tradepulse.audit.bytes}, {@code tradepulse.audit.fsync} (a timer),
     * {@code tradepulse.audit.queue.depth}, {@code tradepulse.audit.checkpoint.age} and
     * {@code tradepulse.audit.witness.failures}. The meters read the journal's own counters, so
     * binding costs the writer nothing but the fsync timer's record; a registry that fails is
     * Micrometer's to handle. May be called for more than one registry.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    void bindTo(MeterRegistry registry);

    /**
     * The latest events accepted, newest first, without details; empty unless
     * {@link ComplianceLoggerConfig#keepRecent()} is set. Never blocks writers.
     *
     * @return recent events
     */
    List<AuditSummary> recentEvents();

    /**
     * The journal's directory.
     *
     * @return the directory
     */
    Path directory();

    /**
     * The settings this logger was built with.
     *
     * @return the config
     */
    ComplianceLoggerConfig config();

    /**
     * Writes what is queued, a closing checkpoint, syncs, and closes the journal, then gives the
     * witnesses the closing head. Idempotent; never throws. Bounded: it waits at most 30 s for
     * the writer (a disk that stops answering) and 5 s for the witnesses, logging what did not
     * finish; afterwards no thread of the logger's is left running except one stuck in the
     * operating system's fsync. Calls made after (or racing with) {@code close()} are rejected
     * as {@link #rejected()} in ASYNC mode and with {@link AuditJournalException} otherwise.
     */
    @Override
    void close();

    /**
     * Configures a logger. The settings are those of {@link ComplianceLoggerConfig}, given whole
     * with {@link #config} or one at a time; the runtime objects (clock, signer, witnesses,
     * channel opener) are builder arguments only. Each setter checks its argument at once.
     * {@link #build()} returns a live logger. Not thread-safe.
     */
    interface Builder {

        /**
         * Takes every setting from a config, replacing those set so far; setters called
         * afterwards change single settings of it. The runtime objects given to this builder
         * (clock, signer, witnesses, channel opener) are kept.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        Builder config(ComplianceLoggerConfig config);

        /**
         * The journal directory; see {@link ComplianceLoggerConfig.Builder#directory}. Required.
         *
         * @param directory the directory
         * @return this builder
         * @throws NullPointerException if {@code directory} is null
         */
        Builder directory(Path directory);

        /**
         * The application name written in every event; the default is {@code tradepulse}.
         *
         * @param app the name, at most 256 characters
         * @return this builder
         * @throws NullPointerException if {@code app} is null
         * @throws IllegalArgumentException if {@code app} is too long
         */
        Builder app(String app);

        /**
         * The instance name written in every event; the default is the host name.
         *
         * @param instance the name, at most 256 characters
         * @return this builder
         * @throws NullPointerException if {@code instance} is null
         * @throws IllegalArgumentException if {@code instance} is too long
         */
        Builder instance(String instance);

        /**
         * The durability mode; the default is {@link Durability#GROUP_COMMIT}.
         *
         * @param durability the mode
         * @return this builder
         * @throws NullPointerException if {@code durability} is null
         */
        Builder durability(Durability durability);

        /**
         * The clock for event timestamps (UTC, microseconds); the default is the system clock.
         * A runtime object, not part of the config. Checkpoint ages and timeouts use the
         * monotonic {@link System#nanoTime()}, not this clock.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        Builder clock(Clock clock);

        /**
         * Signs checkpoints. Without a signer checkpoints are unsigned, and a rewrite of the
         * whole chain cannot be told from the original; a warning is logged. A runtime object
         * holding a key: never part of the config, never printed.
         *
         * @param signer the signer
         * @return this builder
         * @throws NullPointerException if {@code signer} is null
         */
        Builder signer(Signer signer);

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
        Builder checkpointEvery(int events, Duration interval);

        /**
         * Starts a new file past this size; files also roll at UTC midnight. The default is 128 MiB.
         *
         * @param bytes from 4096 to 512 MiB
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        Builder rotateAtBytes(long bytes);

        /**
         * How long closed files are kept, by default; the default is 7 years (2,557 days).
         *
         * @param age positive
         * @return this builder
         * @throws NullPointerException if {@code age} is null
         * @throws IllegalArgumentException if {@code age} is not positive
         */
        Builder retention(Duration age);

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
         * @throws NullPointerException if {@code redaction} is null
         */
        Builder redaction(Redaction redaction);

        /**
         * Text longer than this is cut, and the cut is listed in the event's {@code truncated}
         * field; the default is 8,192 characters. Detail names are always cut at 256 characters,
         * and numbers of more than 100 digits are written as strings, both listed there too.
         *
         * @param chars at least 16, at most 1,048,576 (what every journal reader accepts)
         * @return this builder
         * @throws IllegalArgumentException if {@code chars} is out of range
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
         * @throws IllegalArgumentException if {@code events} is out of range
         */
        Builder keepRecent(int events);

        /**
         * The SLF4J MDC key whose value becomes the event's {@code correlation_id}; the default
         * is {@code correlationId}.
         *
         * @param key the MDC key
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         */
        Builder correlationIdKey(String key);

        /**
         * Events that may wait for the writer; callers wait when it is full. The default is 65,536.
         *
         * @param events at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code events} is below 1
         */
        Builder queueCapacity(int events);

        /**
         * How files are opened; for fault injection in tests. A runtime object, not part of the config.
         *
         * @param opener the opener
         * @return this builder
         * @throws NullPointerException if {@code opener} is null
         */
        Builder channelOpener(ChannelOpener opener);

        /**
         * Publishes every checkpoint's head to a witness outside the journal directory, from a
         * background thread, so that a journal cut back to an earlier point is caught by
         * {@code verify --witness}. May be called more than once; none by default. A runtime
         * object, not part of the config.
         *
         * @param witness the witness
         * @return this builder
         * @throws NullPointerException if {@code witness} is null
         */
        Builder witness(Witness witness);

        /**
         * Asked before retention deletes a closed file; a refused file and every file after it are
         * kept until a later pass. Use it when something copies the journal elsewhere and must
         * finish first (a shipper). {@link RetentionGuard#ALLOW_ALL} by default. A runtime object,
         * not part of the config.
         *
         * @param guard the guard
         * @return this builder
         * @throws NullPointerException if {@code guard} is null
         */
        Builder retentionGuard(RetentionGuard guard);

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
         * Binds the journal's meters to a registry once it is built.
         *
         * @param registry the registry
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         * @deprecated the logger is a {@link MeterBinder}: call {@link ComplianceLogger#bindTo}
         *     on it, as with every other TradePulse component
         */
        @Deprecated(since = "0.1.0")
        Builder meterRegistry(MeterRegistry registry);

        /**
         * Opens the journal, recovering a torn tail left by a crash, and returns it live: the
         * directory lock is held, the writer and witness threads run, the shutdown hook is
         * registered. If a step fails, what was taken is released before this throws. There is
         * no {@code start()}.
         *
         * @return the logger
         * @throws NullPointerException if no directory was set
         * @throws AuditJournalException if the directory cannot be opened or recovered, or
         *     another process holds the journal
         */
        ComplianceLogger build();
    }
}
