package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Three years of daily equity (with gaps and intraday dips) and 600 trades, against values numpy
 * computed independently ({@code src/test/python/reference.py}; CI re-runs its check).
 */
class PerformanceTrackerReferenceTest {

    private static final double RELATIVE = 1e-9;

    private static List<String[]> csv(String name) {
        try (InputStream in = PerformanceTrackerReferenceTest.class.getResourceAsStream("/reference/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(","))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties expected() {
        try (InputStream in = PerformanceTrackerReferenceTest.class.getResourceAsStream(
                "/reference/expected.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PerformanceTracker replay() {
        PerformanceTracker tracker = PerformanceTracker.builder("reference").config(PerformanceTrackerConfig.custom()
                .periodsPerYear(365).riskFreeRate(0.03).varWindow(250).build()).build();
        for (String[] row : csv("equity.csv")) {
            tracker.recordEquity(Instant.parse(row[0]), Double.parseDouble(row[1]));
        }
        for (String[] t : csv("trades.csv")) {
            tracker.recordTrade(new Trade(t[0], Side.parse(t[1]), Double.parseDouble(t[2]), Double.parseDouble(t[3]),
                    Double.parseDouble(t[4]), Double.parseDouble(t[5]), Double.parseDouble(t[6]), Instant.parse(t[7]),
                    Instant.parse(t[8])));
        }
        return tracker;
    }

    @Test
    void every_metric_matches_the_independent_numpy_computation_to_one_part_in_a_billion() {
        PerformanceTracker tracker = replay();
        PerformanceSnapshot s = tracker.snapshot();
        Properties expected = expected();
        Map<String, ToDoubleFunction<PerformanceSnapshot>> metrics = Map.ofEntries(
                Map.entry("days", x -> x.returns().days()), Map.entry("cumulativeReturn", x -> x.returns().cumulativeReturn()),
                Map.entry("cagr", x -> x.returns().cagr()), Map.entry("volatility", x -> x.returns().volatility()),
                Map.entry("sharpe", x -> x.returns().sharpe()), Map.entry("sortino", x -> x.returns().sortino()),
                Map.entry("var95", x -> x.risk().var95()),
                Map.entry("parametricVar95", x -> x.risk().parametricVar95()),
                Map.entry("cvar95", x -> x.risk().cvar95()),
                Map.entry("maxDrawdown", x -> x.risk().maxDrawdown()),
                Map.entry("currentDrawdown", x -> x.risk().currentDrawdown()),
                Map.entry("drawdownSeconds", x -> x.risk().drawdownSeconds()), Map.entry("calmar", x -> x.returns().calmar()),
                Map.entry("equity", PerformanceSnapshot::equity), Map.entry("pnlToday", PerformanceSnapshot::pnlToday),
                Map.entry("trades", x -> x.tradeStats().trades()), Map.entry("wins", x -> x.tradeStats().wins()),
                Map.entry("losses", x -> x.tradeStats().losses()), Map.entry("realizedPnl", x -> x.tradeStats().realizedPnl()),
                Map.entry("winRate", x -> x.tradeStats().winRate()),
                Map.entry("profitFactor", x -> x.tradeStats().profitFactor()),
                Map.entry("payoffRatio", x -> x.tradeStats().payoffRatio()),
                Map.entry("expectancy", x -> x.tradeStats().expectancy()),
                Map.entry("longestWinStreak", x -> x.tradeStats().longestWinStreak()),
                Map.entry("longestLossStreak", x -> x.tradeStats().longestLossStreak()));
        PeriodStats period = tracker.tradesBetween(Instant.parse("2025-03-01T00:00:00Z"),
                Instant.parse("2025-04-01T00:00:00Z"));
        Map<String, Double> periodMetrics = Map.of("period.trades", (double) period.trades(),
                "period.wins", (double) period.wins(), "period.realizedPnl", period.realizedPnl(),
                "period.grossProfit", period.grossProfit(), "period.grossLoss", period.grossLoss());

        assertThat(Stream.concat(metrics.keySet().stream(), periodMetrics.keySet().stream()).sorted().toList())
                .as("every expected value is checked").isEqualTo(expected.stringPropertyNames().stream().sorted()
                        .toList());
        SoftAssertions soft = new SoftAssertions();
        metrics.forEach((name, metric) -> check(soft, name, metric.applyAsDouble(s), expected));
        periodMetrics.forEach((name, value) -> check(soft, name, value, expected));
        soft.assertAll();
        assertThat(period.complete()).isTrue();
    }

    private static void check(SoftAssertions soft, String name, double actual, Properties expected) {
        double want = Double.parseDouble(expected.getProperty(name));
        soft.assertThat(Math.abs(actual - want)).as("%s: %s vs numpy %s", name, actual, want)
                .isLessThanOrEqualTo(RELATIVE * Math.max(Math.abs(want), 1e-300));
    }
}
