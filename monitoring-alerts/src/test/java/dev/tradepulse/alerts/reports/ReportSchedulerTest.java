package dev.tradepulse.alerts.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.CollectingSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.report.ReportSection;
import dev.tradepulse.test.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportSchedulerTest {

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final CollectingSink sink = new CollectingSink();
    private final List<Alert> received = sink.received;
    private final AlertDispatcher alerts = AlertDispatcher.builder().clock(clock).sink(sink).build();

    @AfterEach
    void close() {
        alerts.close(Duration.ofSeconds(5));
    }

    @Test
    void daily_and_weekly_reports_go_out_at_their_local_times_with_every_section() {
        // MockClock starts at 1970-01-01T00:00:00.001Z, a Thursday.
        ReportScheduler reports = ReportScheduler.builder(alerts).clock(clock).scheduled(false).zone(ZoneId.of("Europe/Berlin"))
                .daily(LocalTime.of(8, 0)).weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0))
                .section(new ReportSection() {
                    @Override
                    public String title() {
                        return "P&L";
                    }

                    @Override
                    public String render(Instant from, Instant to) {
                        return "P&L today: +1.2% (" + from + " to " + to + ")";
                    }
                })
                .section(new ReportSection() {
                    @Override
                    public String title() {
                        return "Broken";
                    }

                    @Override
                    public String render(Instant from, Instant to) {
                        throw new IllegalStateException("no data");
                    }
                })
                .build();

        clock.advance(Duration.ofHours(6)); // 07:00 in Berlin
        reports.tick();
        clock.advance(Duration.ofHours(1)); // 08:00 in Berlin: the daily report is due
        reports.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        Alert daily = received.get(0);
        // A report is named by the start of the 24 hours it covers.
        assertThat(daily.summary()).isEqualTo("Daily report 1969-12-31");
        assertThat(daily.labels()).containsEntry("kind", "report").containsEntry("report", "daily");
        assertThat(daily.description()).startsWith("== P&L ==\nP&L today: +1.2% (1969-12-31T07:00:00Z to 1970-01-01T07:00:00Z)")
                .contains("== Broken ==\n(this section failed: IllegalStateException)");

        clock.advance(Duration.ofDays(4)); // Monday 08:00: four dailies and then, at 09:00, the weekly
        clock.advance(Duration.ofHours(1));
        reports.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 6);
        assertThat(received).extracting(Alert::summary).contains("Weekly report 1969-12-29 to 1970-01-04");
    }
}
