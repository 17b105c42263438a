package dev.tradepulse.compliance.internal;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.AuditEvent;
import dev.tradepulse.compliance.AuditJournalException;
import dev.tradepulse.compliance.AuditLevel;
import dev.tradepulse.compliance.AuditSummary;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.ComplianceLoggerConfig;
import dev.tradepulse.compliance.Durability;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The one implementation of {@link ComplianceLogger}: encodes on the caller, writes on one thread. Thread-safe. */
final class DefaultComplianceLogger implements ComplianceLogger {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");
    private static final Logger MIRROR = LoggerFactory.getLogger("compliance");
    private static final DateTimeFormatter MIRROR_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final long REJECT_LOG_INTERVAL_NANOS = 60_000_000_000L;
    /** How long close() waits for the writer to drain the queue and write the closing checkpoint. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final String[] STAGES = Arrays.stream(OrderStage.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    private final ComplianceLoggerConfig config;
    private final Path dir;
    private final Durability durability;
    /** Whether calls wait for the disk (and throw once the journal fails) rather than count rejections. */
    private final boolean durable;
    private final Clock clock;
    private final EventEncoder encoder;
    private final EventQueue queue;
    private final Thread writerThread;
    private final JournalWriter writer;
    private final String correlationKey;
    private final boolean mirror;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong lastRejectLog = new AtomicLong(System.nanoTime() - REJECT_LOG_INTERVAL_NANOS);
    private volatile boolean closed;
    private final JournalSelf self;
    private final Duration checkpointInterval;
    private volatile @Nullable Thread shutdownHook;
    /** A ring of the latest summaries, or null; slots are claimed with one atomic increment. */
    private final @Nullable AtomicReferenceArray<AuditSummary> recent;
    private final AtomicLong recentCount = new AtomicLong();

    /** Starts the writer thread: the journal must be open. */
    DefaultComplianceLogger(ComplianceLoggerConfig config, Clock clock, EventEncoder encoder, EventQueue queue,
            JournalWriter writer, JournalSelf self) {
        this.config = config;
        this.self = self;
        this.checkpointInterval = config.checkpointInterval();
        this.recent = config.keepRecent() == 0 ? null : new AtomicReferenceArray<>(config.keepRecent());
        this.dir = config.directory().orElseThrow();
        this.durability = config.durability();
        this.durable = writer.callerWaitsForDisk();
        this.clock = clock;
        this.encoder = encoder;
        this.queue = queue;
        this.correlationKey = config.correlationIdKey();
        this.mirror = config.mirrorToLog();
        this.writer = writer;
        this.writerThread = Threads.daemonThread("audit-writer", writer);
        this.writerThread.start();
    }

    private static <T> T required(T value, String name) {
        return Checks.notNull(value, name);
    }

    private static String id(Actor actor, String name) {
        return required(actor, name).id();
    }

    private static Map<String, Object> details(Map<String, ?> given) {
        return given == null ? new LinkedHashMap<>() : new LinkedHashMap<>(given);
    }

    @Override
    public void userAction(String action, Actor user, Map<String, ?> details) {
        write("USER_ACTION", AuditLevel.INFO, id(user, "user"), required(action, "action"),
                details(required(details, "details")));
    }

    @Override
    public void safetyViolation(String type, Actor user, Map<String, ?> details) {
        Map<String, Object> d = details(required(details, "details"));
        d.put("violation_type", required(type, "type"));
        write("SAFETY_VIOLATION", AuditLevel.CRITICAL, id(user, "user"), type, d);
    }

    @Override
    public void validation(String type, Actor user, boolean valid, Map<String, ?> details) {
        Map<String, Object> d = details(required(details, "details"));
        d.put("valid", valid);
        write("VALIDATION", valid ? AuditLevel.INFO : AuditLevel.WARNING, id(user, "user"),
                required(type, "type"), d);
    }

    @Override
    public void tradeDecision(Actor strategy, long cycle, List<?> decisions, String reasoning) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cycle", cycle);
        d.put("decisions", required(decisions, "decisions"));
        d.put("reasoning", required(reasoning, "reasoning"));
        write("TRADE_DECISION", AuditLevel.INFO, id(strategy, "strategy"), "decide", d);
    }

    @Override
    public void orderEvent(OrderStage stage, Actor who, String orderId, String symbol, String side, double quantity,
            double price, String venue) {
        required(stage, "stage");
        String actor = id(who, "actor");
        required(orderId, "orderId");
        required(symbol, "symbol");
        required(side, "side");
        required(venue, "venue");
        AuditLevel level = stage == OrderStage.REJECTED ? AuditLevel.WARNING : AuditLevel.INFO;
        String action = STAGES[stage.ordinal()];
        Instant now = clock.instant();
        String correlation = MDC.get(correlationKey);
        byte[] body = encoder.encodeOrder(level.name(), actor, action, orderId, symbol, side, quantity, price, venue,
                correlation);
        enqueue(now, "ORDER_EVENT", level, actor, action, body, symbol, quantity, price);
    }

    @Override
    public void riskEvent(RiskKind kind, Actor actor, String rule, Map<String, ?> details) {
        Map<String, Object> d = details(required(details, "details"));
        d.put("rule", required(rule, "rule"));
        AuditLevel level = switch (required(kind, "kind")) {
            case TRADING_HALT, KILL_SWITCH -> AuditLevel.CRITICAL;
            case LIMIT_BREACH -> AuditLevel.ERROR;
            case REARM -> AuditLevel.WARNING;
        };
        write("RISK_EVENT", level, id(actor, "actor"), kind.name().toLowerCase(Locale.ROOT), d);
    }

    @Override
    public void configChange(Actor actor, String parameter, @Nullable Object from, @Nullable Object to) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("parameter", required(parameter, "parameter"));
        // "from" and "to" are not secret names: the parameter's name decides for both
        boolean secret = encoder.isSecretName(parameter);
        d.put("from", secret ? Redaction.MARKER : from);
        d.put("to", secret ? Redaction.MARKER : to);
        write("CONFIG_CHANGE", AuditLevel.WARNING, id(actor, "actor"), "change " + parameter, d);
    }

    @Override
    public void accessEvent(AccessKind kind, Actor actor, Map<String, ?> details) {
        write("ACCESS_EVENT", required(kind, "kind") == AccessKind.AUTH_FAILURE ? AuditLevel.ERROR : AuditLevel.INFO,
                id(actor, "actor"), kind.name().toLowerCase(Locale.ROOT),
                details(required(details, "details")));
    }

    @Override
    public void record(AuditEvent event) {
        required(event, "event");
        write(event.type(), event.level(), event.actor(), event.action(), event.details());
    }

    private void write(String type, AuditLevel level, String actor, String action, Map<String, ?> details) {
        Instant now = clock.instant();
        String correlation = MDC.get(correlationKey);
        byte[] body = encoder.encode(type, level.name(), actor, action, details, correlation);
        if (recent == null) {
            enqueue(now, type, level, actor, action, body, null, Double.NaN, Double.NaN);
            return;
        }
        // What a status page shows of a routine event: the instrument, quantity and price, when named.
        String symbol = null;
        double quantity = Double.NaN;
        double price = Double.NaN;
        try {
            Map<?, ?> named = details;
            if (details.get("decisions") instanceof List<?> decisions && decisions.size() == 1
                    && decisions.get(0) instanceof Map<?, ?> one) {
                named = one;
            }
            symbol = shown(named, "symbol") instanceof CharSequence cs ? cs.toString() : null;
            quantity = number(shown(named, "quantity"));
            price = number(shown(named, "price"));
        } catch (RuntimeException e) {
            // a user's map that throws on get: the summary goes without them, the event is already encoded
        }
        enqueue(now, type, level, actor, action, body, symbol, quantity, price);
    }

    private @Nullable Object shown(Map<?, ?> details, String key) {
        return encoder.isSecretName(key) ? null : details.get(key);
    }

    private static double number(@Nullable Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private void enqueue(Instant now, String type, AuditLevel level, String actor, String action, byte[] body,
            @Nullable String symbol, double quantity, double price) {
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        long ticket;
        try {
            ticket = writer.submit(body, micros);
        } catch (EventQueue.JournalFailed e) {
            reject(e.getCause());
            return;
        } catch (IllegalStateException e) {
            reject(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditJournalException("interrupted while queueing an audit event", e);
        }
        if (mirror) {
            mirror(now, type, level, actor, action, body);
        }
        if (recent != null) {
            long n = recentCount.getAndIncrement();
            // The same redaction as the journal: a token in an action must not reach a status page.
            List<String> cut = new ArrayList<>(0);
            recent.set((int) (n % recent.length()), new AuditSummary(n, now, type, level,
                    encoder.text(actor, "actor", cut), encoder.text(action, "action", cut),
                    symbol == null ? null : encoder.text(symbol, "symbol", cut), quantity, price));
        }
        if (durable) {
            try {
                writer.awaitDurable(ticket);
            } catch (EventQueue.JournalFailed e) {
                throw new AuditJournalException("the compliance journal failed before this event was synced: "
                        + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public List<AuditSummary> recentEvents() {
        if (recent == null) {
            return List.of();
        }
        List<AuditSummary> out = new ArrayList<>(recent.length());
        for (int i = 0; i < recent.length(); i++) {
            AuditSummary s = recent.get(i);
            if (s != null) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparingLong(AuditSummary::seq).reversed());
        return out;
    }

    private void reject(Throwable cause) {
        if (durable) {
            throw new AuditJournalException("the compliance journal is closed: " + cause, cause);
        }
        long count = rejected.incrementAndGet();
        long now = System.nanoTime();
        long last = lastRejectLog.get();
        if (now - last >= REJECT_LOG_INTERVAL_NANOS && lastRejectLog.compareAndSet(last, now)) {
            LOG.error("Audit event rejected: the compliance journal is closed ({}); {} rejected so far",
                    String.valueOf(cause).replaceAll("[\\r\\n]", " "), count);
        }
    }

    private void mirror(Instant now, String type, AuditLevel level, String actor, String action, byte[] body) {
        try {
            String json = new String(body, StandardCharsets.UTF_8);
            int at = json.indexOf("\"details\":");
            String details = at < 0 ? "{}" : json.substring(at + 10, json.length() - 1);
            // The same redaction as the journal; the JSON leaves U+0085, U+2028 and U+2029 raw.
            List<String> cut = new ArrayList<>(0);
            MIRROR.info("{} | {} | {} | Action: {} | User: {} | Details: {}", MIRROR_TIME.format(now), level, type,
                    SafeText.oneLine(encoder.text(action, "action", cut)),
                    SafeText.oneLine(encoder.text(actor, "actor", cut)),
                    SafeText.oneLine(details));
        } catch (RuntimeException e) {
            LOG.debug("compliance mirror failed", e);
        }
    }

    @Override
    public void flush() {
        try {
            writer.syncAll();
        } catch (EventQueue.JournalFailed e) {
            throw new AuditJournalException("the compliance journal failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(queue.failure());
    }

    @Override
    public long rejected() {
        return rejected.get();
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public CompletionStage<Void> recordDurably(AuditEvent event) {
        required(event, "event");
        CompletableFuture<Void> done = new CompletableFuture<>();
        Instant now = clock.instant();
        byte[] body = encoder.encode(event.type(), event.level().name(), event.actor(), event.action(), event.details(),
                MDC.get(correlationKey));
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        try {
            writer.submitDurably(body, micros, done);
        } catch (EventQueue.JournalFailed e) {
            done.completeExceptionally(new AuditJournalException("the compliance journal has failed: " + e.getCause(),
                    e.getCause()));
            return done;
        } catch (IllegalStateException e) {
            done.completeExceptionally(new AuditJournalException("the compliance journal is closed", e));
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new AuditJournalException("interrupted while queueing an audit event", e));
            return done;
        }
        if (mirror) {
            mirror(now, event.type(), event.level(), event.actor(), event.action(), body);
        }
        // Callers see the journal's own exception type, whatever failed underneath.
        return done.handle((ok, failure) -> {
            if (failure == null) {
                return (Void) null;
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            throw cause instanceof AuditJournalException a ? a
                    : new AuditJournalException("the compliance journal failed before this event was synced: "
                            + LogLine.describe(cause), cause);
        });
    }

    @Override
    public long lost() {
        return durable ? 0 : queue.lost();
    }

    @Override
    public HealthCheck healthCheck() {
        return self.healthCheck(this, checkpointInterval);
    }

    @Override
    public StatusSection statusSection() {
        return self.statusSection(this);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        self.meters(this).bindTo(required(registry, "registry"));
    }

    @Override
    public ComplianceLoggerConfig config() {
        return config;
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the journal when the JVM stops (System.exit, SIGTERM, SIGINT), so that it verifies. */
    void registerShutdownHook() {
        Thread hook = Threads.daemonThread("audit-shutdown", this::closeFromHook);
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
    }

    private void closeFromHook() {
        try {
            shutdownHook = null; // removing a hook while the JVM runs hooks is not allowed
            close();
        } catch (Throwable t) {
            LOG.error("Compliance journal could not be closed at shutdown: {}", LogLine.describe(t));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            queue.close();
            boolean interrupted = false;
            try {
                writerThread.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (writerThread.isAlive()) {
                LOG.error("Compliance journal in {} did not close within {} s{}: events still queued and the "
                        + "closing checkpoint may be missing; the next open recovers the tail", dir,
                        CLOSE_TIMEOUT.toSeconds(), interrupted ? " (interrupted)" : "");
            }
            writer.awaitWitnesses();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Thread hook = shutdownHook;
            if (hook != null && hook != Thread.currentThread()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is stopping: the hook will find the journal closed
                }
            }
        } catch (Throwable t) { // close() never throws
            LOG.error("Compliance journal in {}: close failed: {}", dir, LogLine.describe(t));
        }
    }

    @Override
    public String toString() {
        return "ComplianceLogger[" + dir + ", " + durability + (queue.failure() != null ? ", FAILED" : "") + "]";
    }
}
