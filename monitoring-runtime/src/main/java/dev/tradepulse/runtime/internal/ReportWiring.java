package dev.tradepulse.runtime.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.reports.ReportScheduler;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.trading.status.TradingReports;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The daily and weekly reports from {@code reports.*}, to every sink, or none when neither is set. */
final class ReportWiring {

    private ReportWiring() {
    }

    static @Nullable ReportScheduler reports(Config config, Clock clock, AlertDispatcher alerts,
            Collection<StrategyHandle> strategies) {
        Optional<String> dailyAt = config.string("reports.daily-at");
        boolean weekly = config.has("reports.weekly-on");
        if (dailyAt.isEmpty() && !weekly) {
            return null;
        }
        LocalTime at = dailyAt.map(ReportWiring::time).orElse(LocalTime.MIDNIGHT);
        ReportScheduler.Builder b = ReportScheduler.builder(alerts).clock(clock)
                .zone(ZoneId.of(config.string("reports.zone").orElse("UTC")));
        if (dailyAt.isPresent()) {
            b.daily(at);
        }
        if (weekly) {
            b.weekly(config.enumValue("reports.weekly-on", DayOfWeek.class), at);
        }
        for (StrategyHandle s : strategies) {
            b.section(dailyAt.isPresent() ? TradingReports.daily(s.tracker()) : TradingReports.weekly(s.tracker()));
        }
        return b.build();
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("reports.daily-at must be a time as HH:MM, such as 08:00; got \""
                    + text.replaceAll("[^\\x20-\\x7e]", "?") + "\"");
        }
    }
}
