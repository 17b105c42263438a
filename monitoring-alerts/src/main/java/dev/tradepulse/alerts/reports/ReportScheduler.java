package dev.tradepulse.alerts.reports;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.report.ReportSection;
import io.micrometer.core.instrument.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Sends daily and weekly reports at set times in a time zone, as LOW alerts labelled
 * {@code kind=report} (route them to a digest or email). Each report covers the period since the
 * previous one and lists every section; a section that fails says so instead of stopping the report.
 */
public final class ReportScheduler implements AutoCloseable {

    private final AlertDispatcher alerts;
    private final Clock clock;
    private final ZoneId zone;
    private final List<ReportSection> sections;
    private final @Nullable LocalTime dailyAt;
    private final @Nullable DayOfWeek weeklyOn;
    private final @Nullable LocalTime weeklyAt;
    private @Nullable ZonedDateTime nextDaily;
    private @Nullable ZonedDateTime nextWeekly;
    private @Nullable ScheduledExecutorService ticker;

    private ReportScheduler(Builder b) {
        this.alerts = b.alerts;
        this.clock = b.clock;
        this.zone = b.zone;
        this.sections = List.copyOf(b.sections);
        this.dailyAt = b.dailyAt;
        this.weeklyOn = b.weeklyOn;
        this.weeklyAt = b.weeklyAt;
        ZonedDateTime now = now();
        if (dailyAt != null) {
            nextDaily = nextAt(now, dailyAt);
        }
        if (weeklyOn != null && weeklyAt != null) { // set together
            ZonedDateTime candidate = now.with(TemporalAdjusters.nextOrSame(weeklyOn)).with(weeklyAt);
            nextWeekly = candidate.isAfter(now) ? candidate : candidate.plusWeeks(1);
        }
    }

    /**
     * Starts configuring reports sent through this dispatcher.
     *
     * @param alerts the dispatcher
     * @return a builder
     */
    public static Builder builder(AlertDispatcher alerts) {
        return new Builder(alerts);
    }

    private ZonedDateTime now() {
        return Instant.ofEpochMilli(clock.wallTime()).atZone(zone);
    }

    private static ZonedDateTime nextAt(ZonedDateTime now, LocalTime at) {
        ZonedDateTime today = now.with(at);
        return today.isAfter(now) ? today : today.plusDays(1);
    }

    /** Sends any report that is due; called every 30 seconds by {@link #start()}, or by tests. */
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
     * Checks for due reports every 30 seconds on a daemon thread.
     *
     * @return this scheduler
     */
    public synchronized ReportScheduler start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tradepulse-reports");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::tick, 30, 30, TimeUnit.SECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Configures reports. */
    public static final class Builder {
        private final AlertDispatcher alerts;
        private Clock clock = Clock.SYSTEM;
        private ZoneId zone = ZoneId.of("UTC");
        private final List<ReportSection> sections = new ArrayList<>();
        private @Nullable LocalTime dailyAt;
        private @Nullable DayOfWeek weeklyOn;
        private @Nullable LocalTime weeklyAt;

        private Builder(AlertDispatcher alerts) {
            this.alerts = Objects.requireNonNull(alerts, "alerts must not be null");
        }

        /**
         * A daily report at this local time.
         *
         * @param at such as 08:00
         * @return this builder
         */
        public Builder daily(LocalTime at) {
            this.dailyAt = Objects.requireNonNull(at, "at must not be null");
            return this;
        }

        /**
         * A weekly report on this day at this local time.
         *
         * @param day such as Monday
         * @param at such as 09:00
         * @return this builder
         */
        public Builder weekly(DayOfWeek day, LocalTime at) {
            this.weeklyOn = Objects.requireNonNull(day, "day must not be null");
            this.weeklyAt = Objects.requireNonNull(at, "at must not be null");
            return this;
        }

        /**
         * The time zone the times are in; the default is UTC.
         *
         * @param zone the zone
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone must not be null");
            return this;
        }

        /**
         * Adds a section, in order.
         *
         * @param section the section
         * @return this builder
         */
        public Builder section(ReportSection section) {
            sections.add(Objects.requireNonNull(section, "section must not be null"));
            return this;
        }

        /**
         * The clock; the default is the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Builds the scheduler; call {@link ReportScheduler#start()} to run it.
         *
         * @return the scheduler
         */
        public ReportScheduler build() {
            if (dailyAt == null && weeklyOn == null) {
                throw new IllegalStateException("set daily(...) or weekly(...)");
            }
            return new ReportScheduler(this);
        }
    }
}
