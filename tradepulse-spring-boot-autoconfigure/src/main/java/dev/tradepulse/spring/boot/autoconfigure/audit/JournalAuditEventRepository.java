package dev.tradepulse.spring.boot.autoconfigure.audit;

import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.AuditJournalException;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.ComplianceLogger.AccessKind;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.compliance.verify.JournalExporter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;

/**
 * Actuator's {@link AuditEventRepository} on TradePulse's tamper-evident journal: what Actuator
 * records (Spring Security's authentication events, and any {@code AuditApplicationEvent} the
 * application publishes) is written to the {@link ComplianceLogger}, and {@link #find} reads it back
 * from the journal's files, so that {@code /actuator/auditevents} still shows it after a restart.
 *
 * <p><b>What is written.</b> {@code AUTHENTICATION_SUCCESS} and {@code AUTHENTICATION_FAILURE}
 * become {@code ACCESS_EVENT}s ({@link ComplianceLogger#accessEvent}: action {@code auth_success}
 * at INFO, {@code auth_failure} at ERROR); every other type ({@code AUTHENTICATION_SWITCH},
 * {@code LOGOUT_SUCCESS}, {@code AUTHORIZATION_FAILURE}, the application's own) becomes a
 * {@code USER_ACTION} ({@link ComplianceLogger#userAction}) whose action is the type. The actor is
 * the principal. The details are {@value #SPRING_TYPE} (Actuator's type, as given) and
 * {@value #DATA} (the event's data: text, numbers and booleans as they are, maps, lists and beans as
 * Jackson shows them, a failure as its class and message, anything else as its text). The journal
 * redacts, escapes and cuts all of it as it does every event (secret names such as
 * {@code password} or {@code sessionId}, credentials in free text, control characters), before
 * hashing. The event's own timestamp is not kept: the journal stamps the event when it is written
 * (microseconds, UTC), and that is the time {@link #find} returns.
 *
 * <p><b>Never breaks the caller.</b> {@link #add} never throws. An event a failed or closed
 * {@link Durability#ASYNC} journal rejects is counted by the journal ({@code rejected()}, meter
 * {@code tradepulse.audit.events.rejected}) and logged by it at a bounded rate; an event that cannot
 * be handed to the journal at all (data that throws when read, an interrupted caller) is counted in
 * {@link #dropped()} (meter {@code tradepulse.audit.spring.dropped}) and logged at most once a
 * minute. The exception is a journal built with durable writes ({@link Durability#GROUP_COMMIT} or
 * {@link Durability#SYNC_EACH}): a failed journal throws its {@link AuditJournalException}, as every
 * durable write does, so a login whose audit cannot be written fails.
 *
 * <p><b>What is read.</b> {@link #find} first flushes the journal (so that what was just added is
 * on disk), then reads its files through {@link JournalExporter} and returns only the events this
 * repository wrote (those with the {@value #SPRING_TYPE} detail; the journal's other access events,
 * such as chat commands, are not Actuator's and stay out), matching the principal (as given, or as
 * the journal stored it after redaction), strictly after {@code after} and of Actuator's
 * {@code type}. The principal and data come back as the journal stored them: redacted. At most
 * {@link #maxResults()} events come back, the newest, oldest first and newest last, as from
 * Actuator's in-memory repository. A query reads every file of the journal (as {@code export}
 * does), so its cost grows with the journal; queries run one at a time.
 *
 * <p>Thread-safe.
 */
public final class JournalAuditEventRepository implements AuditEventRepository, MeterBinder {

    /** The detail holding Actuator's event type: it marks the events this repository wrote. */
    public static final String SPRING_TYPE = "spring_type";
    /** The detail holding the event's data. */
    public static final String DATA = "data";
    /** The events {@link #find} returns at most, unless the builder says otherwise. */
    public static final int DEFAULT_MAX_RESULTS = 1000;
    /** The most {@link Builder#maxResults} accepts. */
    public static final int MAX_MAX_RESULTS = 100_000;

    /** Actuator's type of a successful authentication ({@code AuthenticationAuditListener}). */
    static final String AUTHENTICATION_SUCCESS = "AUTHENTICATION_SUCCESS";
    /** Actuator's type of a failed authentication. */
    static final String AUTHENTICATION_FAILURE = "AUTHENTICATION_FAILURE";
    private static final String ACCESS_EVENT = "ACCESS_EVENT";
    private static final String USER_ACTION = "USER_ACTION";
    private static final Logger LOG = LoggerFactory.getLogger(JournalAuditEventRepository.class);

    private final ComplianceLogger journal;
    private final int maxResults;
    private final boolean durable;
    private final AtomicLong dropped = new AtomicLong();
    private final LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1));
    private final Object reading = new Object();

    private JournalAuditEventRepository(Builder b) {
        this.journal = b.journal;
        this.maxResults = b.maxResults;
        this.durable = journal.config().durability() != Durability.ASYNC;
    }

    /**
     * @param journal the journal events are written to and read from, such as {@code TradePulse.audit()}
     * @return a builder
     * @throws NullPointerException if {@code journal} is null
     */
    public static Builder builder(ComplianceLogger journal) {
        return new Builder(Checks.notNull(journal, "journal"));
    }

    /**
     * Writes the event to the journal, mapped as the class comment says.
     *
     * @param event the event
     * @throws NullPointerException if {@code event} is null
     * @throws AuditJournalException only with durable writes, if the journal has failed
     */
    @Override
    public void add(AuditEvent event) {
        Checks.notNull(event, "event");
        try {
            String type = event.getType();
            Actor actor = Actor.of(event.getPrincipal());
            Map<String, @Nullable Object> details = new LinkedHashMap<>();
            details.put(SPRING_TYPE, type);
            details.put(DATA, EventData.of(event.getData()));
            switch (type) {
                case AUTHENTICATION_SUCCESS -> journal.accessEvent(AccessKind.AUTH_SUCCESS, actor, details);
                case AUTHENTICATION_FAILURE -> journal.accessEvent(AccessKind.AUTH_FAILURE, actor, details);
                default -> journal.userAction(type, actor, details);
            }
        } catch (AuditJournalException e) {
            if (durable) {
                throw e;
            }
            drop(event, e);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            drop(event, t);
        }
    }

    private void drop(AuditEvent event, Throwable t) {
        long count = dropped.incrementAndGet();
        if (throttle.tryAcquire(System.nanoTime())) {
            LOG.warn("An audit event of type {} did not reach the journal: {}; {} dropped so far",
                    LogText.clean(Redaction.defaults().redact(String.valueOf(event.getType())), 64),
                    LogText.clean(Redaction.defaults().redact(LogText.describe(t))), count);
        }
    }

    /**
     * Reads the events this repository wrote back from the journal's files, as the class comment says.
     *
     * @param principal the principal, or null for all
     * @param after only events strictly after this time, or null
     * @param type Actuator's event type, such as {@code AUTHENTICATION_FAILURE}, or null for all
     * @return at most {@link #maxResults()} events, the newest, newest last
     * @throws IllegalStateException if the journal's files cannot be read
     */
    @Override
    public List<AuditEvent> find(@Nullable String principal, @Nullable Instant after, @Nullable String type) {
        try {
            journal.flush();
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t); // a failed journal: what reached the disk is still read
        }
        Set<String> types = type == null ? Set.of(ACCESS_EVENT, USER_ACTION)
                : Set.of(type.equals(AUTHENTICATION_SUCCESS) || type.equals(AUTHENTICATION_FAILURE) ? ACCESS_EVENT
                        : USER_ACTION);
        NewestEvents newest = new NewestEvents(maxResults, principals(principal), after, type);
        synchronized (reading) {
            try {
                new JournalExporter(types, null, after, null).export(journal.directory(), JournalExporter.Format.JSONL,
                        newest);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read the audit journal in " + journal.directory() + ": "
                        + LogText.describe(e), e);
            }
        }
        return newest.events();
    }

    /** The principal as given, and as the journal stores it (redacted, cut): either matches. */
    private Set<String> principals(@Nullable String principal) {
        if (principal == null) {
            return Set.of();
        }
        Set<String> forms = new HashSet<>();
        forms.add(principal);
        try {
            String stored = journal.config().redaction().redact(principal);
            int max = journal.config().maxFieldLength();
            forms.add(stored.length() > max ? stored.substring(0, max) : stored);
        } catch (RuntimeException e) {
            // a user's redaction that fails: the principal as given still matches
        }
        return forms;
    }

    /** @return the most events {@link #find} returns */
    public int maxResults() {
        return maxResults;
    }

    /**
     * @return events {@link #add} could not hand to the journal (data that threw, an interrupted
     *     caller); what a closed journal rejects it counts itself
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Registers {@code tradepulse.audit.spring.dropped}, the count of {@link #dropped()}. Spring Boot
     * binds every {@code MeterBinder} bean to the application's registry.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("tradepulse.audit.spring.dropped", dropped, AtomicLong::doubleValue)
                .description("Actuator audit events that did not reach the journal")
                .register(Checks.notNull(registry, "registry"));
    }

    @Override
    public String toString() {
        return "JournalAuditEventRepository[" + journal.directory() + ", maxResults=" + maxResults + "]";
    }

    /** Configures a repository. Not thread-safe. */
    public static final class Builder {

        private final ComplianceLogger journal;
        private int maxResults = DEFAULT_MAX_RESULTS;

        private Builder(ComplianceLogger journal) {
            this.journal = journal;
        }

        /**
         * @param events the most events {@link JournalAuditEventRepository#find} returns (the
         *     newest); {@value JournalAuditEventRepository#DEFAULT_MAX_RESULTS} by default
         * @return this builder
         * @throws IllegalArgumentException if {@code events} is below 1 or above
         *     {@value JournalAuditEventRepository#MAX_MAX_RESULTS}
         */
        public Builder maxResults(int events) {
            if (events < 1 || events > MAX_MAX_RESULTS) {
                throw new IllegalArgumentException("maxResults must be from 1 to " + MAX_MAX_RESULTS + ", got " + events);
            }
            this.maxResults = events;
            return this;
        }

        /**
         * @return the repository, ready; it owns nothing (the journal stays the caller's to close)
         */
        public JournalAuditEventRepository build() {
            return new JournalAuditEventRepository(this);
        }
    }
}
