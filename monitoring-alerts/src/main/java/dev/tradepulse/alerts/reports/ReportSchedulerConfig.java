package dev.tradepulse.alerts.reports;

import dev.tradepulse.api.support.Checks;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReportScheduler}'s settings: when the daily and weekly reports go, in which time zone,
 * and how often the scheduler's thread looks for a due report. Sections and the dispatcher are
 * given to the scheduler's builder.
 *
 * <p>Immutable and thread-safe; its {@link Builder} is not thread-safe.
 */
public final class ReportSchedulerConfig {

    /** How often the scheduler looks for a due report by default: every 30 seconds. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);

    private final @Nullable LocalTime dailyAt;
    private final @Nullable DayOfWeek weeklyOn;
    private final @Nullable LocalTime weeklyAt;
    private final ZoneId zone;
    private final Duration checkInterval;
    private final boolean scheduled;

    private ReportSchedulerConfig(Builder b) {
        this.dailyAt = b.dailyAt;
        this.weeklyOn = b.weeklyOn;
        this.weeklyAt = b.weeklyAt;
        this.zone = b.zone;
        this.checkInterval = b.checkInterval;
        this.scheduled = b.scheduled;
    }

    /**
     * Starts a configuration: no reports yet, in UTC, checked every 30 seconds.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts a configuration from an existing one.
     *
     * @param base the configuration to copy
     * @return a builder holding its settings
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(ReportSchedulerConfig base) {
        Checks.notNull(base, "base");
        Builder b = new Builder();
        b.dailyAt = base.dailyAt;
        b.weeklyOn = base.weeklyOn;
        b.weeklyAt = base.weeklyAt;
        b.zone = base.zone;
        b.checkInterval = base.checkInterval;
        b.scheduled = base.scheduled;
        return b;
    }

    /** @return the local time of the daily report, if there is one */
    public Optional<LocalTime> dailyAt() {
        return Optional.ofNullable(dailyAt);
    }

    /** @return the day of the weekly report, if there is one */
    public Optional<DayOfWeek> weeklyOn() {
        return Optional.ofNullable(weeklyOn);
    }

    /** @return the local time of the weekly report, if there is one */
    public Optional<LocalTime> weeklyAt() {
        return Optional.ofNullable(weeklyAt);
    }

    /** @return the time zone the times are in */
    public ZoneId zone() {
        return zone;
    }

    /** @return how often the scheduler's thread looks for a due report */
    public Duration checkInterval() {
        return checkInterval;
    }

    /** @return whether the scheduler has a thread of its own; if not, only {@link ReportScheduler#tick()} sends */
    public boolean scheduled() {
        return scheduled;
    }

    @Override
    public String toString() {
        return "ReportSchedulerConfig[daily=" + dailyAt + ", weekly=" + weeklyOn + " " + weeklyAt + ", zone=" + zone
                + ", checkInterval=" + checkInterval + ", scheduled=" + scheduled + "]";
    }

    /** Collects settings; each is checked when set. Not thread-safe. */
    public static final class Builder {
        private @Nullable LocalTime dailyAt;
        private @Nullable DayOfWeek weeklyOn;
        private @Nullable LocalTime weeklyAt;
        private ZoneId zone = ZoneOffset.UTC;
        private Duration checkInterval = DEFAULT_CHECK_INTERVAL;
        private boolean scheduled = true;

        private Builder() {
        }

        /**
         * A daily report at this local time.
         *
         * @param at such as 08:00
         * @return this builder
         * @throws NullPointerException if {@code at} is null
         */
        public Builder daily(LocalTime at) {
            this.dailyAt = Checks.notNull(at, "at");
            return this;
        }

        /**
         * A weekly report on this day at this local time.
         *
         * @param day such as Monday
         * @param at such as 09:00
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder weekly(DayOfWeek day, LocalTime at) {
            this.weeklyOn = Checks.notNull(day, "day");
            this.weeklyAt = Checks.notNull(at, "at");
            return this;
        }

        /**
         * The time zone the times are in; the default is UTC.
         *
         * @param zone the zone
         * @return this builder
         * @throws NullPointerException if {@code zone} is null
         */
        public Builder zone(ZoneId zone) {
            this.zone = Checks.notNull(zone, "zone");
            return this;
        }

        /**
         * How often the scheduler's thread looks for a due report; the default is
         * {@link #DEFAULT_CHECK_INTERVAL}.
         *
         * @param every at least 1 ms
         * @return this builder
         * @throws NullPointerException if {@code every} is null
         * @throws IllegalArgumentException if {@code every} is shorter than 1 ms
         */
        public Builder checkInterval(Duration every) {
            Checks.positive(every, "every");
            if (every.toMillis() == 0) {
                throw new IllegalArgumentException("every must be at least 1 ms, but was " + every);
            }
            this.checkInterval = every;
            return this;
        }

        /**
         * Whether the scheduler has a thread of its own (the default), or only sends when
         * {@link ReportScheduler#tick()} is called.
         *
         * @param scheduled false for no thread
         * @return this builder
         */
        public Builder scheduled(boolean scheduled) {
            this.scheduled = scheduled;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException if neither a daily nor a weekly report is set
         */
        public ReportSchedulerConfig build() {
            if (dailyAt == null && weeklyOn == null) {
                throw new IllegalStateException("set daily(...) or weekly(...)");
            }
            return new ReportSchedulerConfig(this);
        }
    }
}
