package dev.tradepulse.trading.status;

import dev.tradepulse.api.report.ReportSection;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.test.kit.ReportSectionCompatibilityKit;
import dev.tradepulse.test.kit.StatusSectionCompatibilityKit;
import dev.tradepulse.trading.PerformanceTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The trading module's status and report sections keep the contracts of monitoring-test's kits. */
class TradingContractTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    private static PerformanceTracker tracker() {
        PerformanceTracker t = PerformanceTracker.builder("momentum").build();
        t.recordEquity(DAY.minus(Duration.ofDays(1)), 10_000);
        t.recordEquity(DAY.plusSeconds(3_600), 10_250);
        return t;
    }

    @Nested
    class Strategies extends StatusSectionCompatibilityKit {
        @Override
        protected StatusSection createSection() {
            return TradingSections.strategies(List.of(new TradingSections.Strategy(tracker(), null)));
        }

        @Override
        protected List<String> detailsOnly() {
            return List.of("10,250.00", "+250.00");
        }
    }

    @Nested
    class NoStrategies extends StatusSectionCompatibilityKit {
        @Override
        protected StatusSection createSection() {
            return TradingSections.strategies(List.of());
        }
    }

    @Nested
    class DailyReport extends ReportSectionCompatibilityKit {
        @Override
        protected ReportSection createSection() {
            return TradingReports.daily(tracker());
        }

        @Override
        protected Instant now() {
            return DAY.plus(Duration.ofDays(1));
        }
    }

    @Nested
    class WeeklyReport extends ReportSectionCompatibilityKit {
        @Override
        protected ReportSection createSection() {
            return TradingReports.weekly(tracker());
        }

        @Override
        protected Instant now() {
            return DAY.plus(Duration.ofDays(1));
        }

        @Override
        protected Instant periodStart() {
            return DAY.minus(Duration.ofDays(6));
        }
    }
}
