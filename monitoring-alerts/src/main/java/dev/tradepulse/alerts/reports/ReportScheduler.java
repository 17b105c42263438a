package dev.tradepulse.alerts.reports;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.report.ReportSection;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends daily and weekly reports at set times in a time zone, as LOW alerts labelled
 * {@code kind=report} (route them to a digest or email). Each report covers the period since the
 * previous one and lists every section; a section that fails says so instead of stopping the report.
 *
 * <p><b>Lifecycle:</b> {@link Builder#build()} returns a live scheduler: unless its
 * {@link ReportSchedulerConfig#scheduled()} is false, one daemon thread,
 * {@code tradepulse-reports-1}, looks for a due report every
 * {@link ReportSchedulerConfig#checkInterval()}. {@link #close()} is idempotent, stops that thread
 * (waiting up to a second for a report being rendered) and never throws. {@link #start()} is a
 * deprecated no-op.
 *
 * <p><b>Thread safety:</b> every method is safe to call from any thread; {@link #tick()} is
 * serialised, so a report is sent once whichever thread finds it due.
 */
public final class ReportScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts.reports");

    private final AlertDispatcher alerts;
    private final Clock clock;
    private final ReportSchedulerConfig config;
    private final List<ReportSection> sections;
    private @Nullable ZonedDateTime nextDaily;
    private @Nullable ZonedDateTime nextWeekly;
    private final @Nullable ScheduledExecutorService ticker;
    private boolean closed;

    private ReportScheduler(AlertDispatcher alerts, Clock clock, ReportSchedulerConfig config,
            List<ReportSection> sections) {
        this.alerts = alerts;
        this.clock = clock;
        this.config = config;
        this.sections = List.copyOf(sections);
        ZonedDateTime now = now();
        LocalTime dailyAt = config.dailyAt().orElse(null);
        if (dailyAt != null) {
            nextDaily = nextAt(now, dailyAt);
        }
        DayOfWeek weeklyOn = config.weeklyOn().orElse(null);
        LocalTime weeklyAt = config.weeklyAt().orElse(null);
        if (weeklyOn != null && weeklyAt != null) {
            ZonedDateTime candidate = now.with(TemporalAdjusters.nextOrSame(weeklyOn)).with(weeklyAt);
            nextWeekly = candidate.isAfter(now) ? candidate : candidate.plusWeeks(1);
        }
        this.ticker = config.scheduled() ? Executors.newSingleThreadScheduledExecutor(Threads.daemon("reports")) : null;
    }

    /** Starts the schedule, once the scheduler is fully built. */
    private ReportScheduler schedule() {
        if (ticker != null) {
            long ms = config.checkInterval().toMillis();
            ticker.scheduleWithFixedDelay(this::tickOnSchedule, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Starts configuring reports sent through this dispatcher.
     *
     * @param alerts the dispatcher
     * @return a builder
     * @throws NullPointerException if {@code alerts} is null
     */
    public static Builder builder(AlertDispatcher alerts) {
        return new Builder(alerts);
    }

    /** @return the settings this scheduler was built with */
    public ReportSchedulerConfig config() {
        return config;
    }

    private ZonedDateTime now() {
        return clock.instant().atZone(config.zone());
    }

    private static ZonedDateTime nextAt(ZonedDateTime now, LocalTime at) {
        ZonedDateTime today = now.with(at);
        return today.isAfter(now) ? today : today.plusDays(1);
    }

    /** Sends any report that is due; called by the scheduler's thread, or by tests and bots. */
    public synchronized void tick() {
        ZonedDateTime now = now();
        while (nextDaily != null && !now.isBefore(nextDaily)) {
            send("daily", nextDaily.minusDays(1), nextDaily);
            nextDaily = nextDaily.plusDays(1);
        }
        while (nextWeekly != null && !now.isBefore(nextWeekly)) {
            send("weekly", nextWeekly.minusWeeks(1), nextWeekly);
            nextWeekly = nextWeekly.plusWeeks(1);
        }
    }

    private void tickOnSchedule() {
        try {
            tick();
        } catch (Throwable e) { // a scheduled task that throws is never run again
            LOG.error("Report check failed: {}", LogText.clean(e.toString()));
        }
    }

    private void send(String kind, ZonedDateTime from, ZonedDateTime to) {
        String period = from.toLocalDate() + (kind.equals("daily") ? "" : " to " + to.toLocalDate().minusDays(1));
        alerts.fire(Alert.builder("report:" + kind + ":" + to.toLocalDate(), Severity.LOW,
                (kind.equals("daily") ? "Daily" : "Weekly") + " report " + period)
                .description(render(from.toInstant(), to.toInstant()))
                .label("kind", "report").label("report", kind).startsAt(to.toInstant()).build());
    }

    /**
     * Renders every section for a period, as a report would.
     *
     * @param from the start
     * @param to the end
     * @return the text
     */
    public String render(Instant from, Instant to) {
        List<String> parts = new ArrayList<>();
        for (ReportSection section : sections) {
            String body;
            try {
                body = section.render(from, to);
            } catch (RuntimeException e) {
                body = "(this section failed: " + e.getClass().getSimpleName() + ")";
            }
            parts.add("== " + section.title() + " ==\n" + body);
        }
        return parts.isEmpty() ? "(no report sections registered)" : String.join("\n\n", parts);
    }

    /**
     * Does nothing: the scheduler is live from {@link Builder#build()} (see the class comment).
     *
     * @return this scheduler
     * @deprecated a scheduler checks for due reports from {@code build()}; remove the call
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public ReportScheduler start() {
        return this;
    }

    /** Stops the thread, waiting up to a second for a report in progress. Idempotent; never throws. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed || ticker == null) {
                closed = true;
                return;
            }
            closed = true;
        }
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures reports. Not thread-safe: configure on one thread, then {@link #build()}. */
    public static final class Builder {
        private final AlertDispatcher alerts;
        private Clock clock = Clock.systemUTC();
        private ReportSchedulerConfig.Builder config = ReportSchedulerConfig.custom();
        private final List<ReportSection> sections = new ArrayList<>();

        private Builder(AlertDispatcher alerts) {
            this.alerts = Checks.notNull(alerts, "alerts");
        }

        /**
         * Takes every setting from a configuration, replacing those made so far.
         *
         * @param config the configuration
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(ReportSchedulerConfig config) {
            this.config = ReportSchedulerConfig.from(Checks.notNull(config, "config"));
            return this;
        }

        /**
         * Shortcut for {@link ReportSchedulerConfig.Builder#daily}.
         *
         * @param at such as 08:00
         * @return this builder
         * @throws NullPointerException if {@code at} is null
         */
        public Builder daily(LocalTime at) {
            config.daily(at);
            return this;
        }

        /**
         * Shortcut for {@link ReportSchedulerConfig.Builder#weekly}.
         *
         * @param day such as Monday
         * @param at such as 09:00
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder weekly(DayOfWeek day, LocalTime at) {
            config.weekly(day, at);
            return this;
        }

        /**
         * Shortcut for {@link ReportSchedulerConfig.Builder#zone}.
         *
         * @param zone the zone
         * @return this builder
         * @throws NullPointerException if {@code zone} is null
         */
        public Builder zone(ZoneId zone) {
            config.zone(zone);
            return this;
        }

        /**
         * Shortcut for {@link ReportSchedulerConfig.Builder#checkInterval}.
         *
         * @param every at least 1 ms
         * @return this builder
         * @throws NullPointerException if {@code every} is null
         * @throws IllegalArgumentException if {@code every} is shorter than 1 ms
         */
        public Builder checkInterval(Duration every) {
            config.checkInterval(every);
            return this;
        }

        /**
         * Shortcut for {@link ReportSchedulerConfig.Builder#scheduled}.
         *
         * @param scheduled false for a scheduler that sends only when {@link ReportScheduler#tick()} is called
         * @return this builder
         */
        public Builder scheduled(boolean scheduled) {
            config.scheduled(scheduled);
            return this;
        }

        /**
         * Adds a section, in order.
         *
         * @param section the section
         * @return this builder
         * @throws NullPointerException if {@code section} is null
         */
        public Builder section(ReportSection section) {
            sections.add(Checks.notNull(section, "section"));
            return this;
        }

        /**
         * The clock; the default is the system clock in UTC.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * Builds a live scheduler: unless the config says otherwise, it looks for due reports on
         * its own thread from now on. Close it when done.
         *
         * @return the scheduler
         * @throws IllegalStateException if neither a daily nor a weekly report is set
         */
        public ReportScheduler build() {
            return new ReportScheduler(alerts, clock, config.build(), sections).schedule();
        }
    }
}
