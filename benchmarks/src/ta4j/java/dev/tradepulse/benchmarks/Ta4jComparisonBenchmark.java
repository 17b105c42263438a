package dev.tradepulse.benchmarks;

import dev.tradepulse.trading.PerformanceSnapshot;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.AnalysisCriterion;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.criteria.SharpeRatioCriterion;
import org.ta4j.core.criteria.drawdown.MaximumDrawdownCriterion;
import org.ta4j.core.criteria.pnl.GrossLossCriterion;
import org.ta4j.core.criteria.pnl.GrossProfitCriterion;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * #6: a bot that wants Sharpe, max drawdown and profit factor after every new bar. ta4j
 * (the Java peer; built only on JDK 21+, which ta4j requires) recomputes each
 * criterion over the whole series; the tracker updates in O(1). Both replay the same daily
 * closes and the same round trips (long one unit for three bars, every five bars), reading the
 * three figures after each bar; ta4j uses its fast {@code DoubleNum}. The score is per series,
 * so divide by {@code bars} for the cost per bar.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Ta4jComparisonBenchmark {

    private static final Instant DAY0 = Instant.parse("2016-01-04T00:00:00Z");

    @Param({"252", "2520"})
    int bars;

    private double[] closes;

    private final AnalysisCriterion sharpe = new SharpeRatioCriterion();
    private final AnalysisCriterion maxDrawdown = new MaximumDrawdownCriterion();
    private final AnalysisCriterion grossProfit = new GrossProfitCriterion();
    private final AnalysisCriterion grossLoss = new GrossLossCriterion();

    @Setup
    public void setUp() {
        Random random = new Random(7);
        closes = new double[bars];
        double price = 100;
        for (int i = 0; i < bars; i++) {
            price *= 1 + random.nextGaussian() * 0.01;
            closes[i] = price;
        }
    }

    private static boolean entersAt(int i) {
        return i % 5 == 0;
    }

    private static boolean exitsAt(int i) {
        return i % 5 == 3;
    }

    @Benchmark
    public void tradepulseTracker(Blackhole bh) {
        PerformanceTracker tracker = PerformanceTracker.builder("bench").build();
        double cash = 100_000;
        double entry = Double.NaN;
        for (int i = 0; i < bars; i++) {
            Instant at = DAY0.plus(Duration.ofDays(i));
            if (entersAt(i)) {
                entry = closes[i];
            } else if (exitsAt(i) && !Double.isNaN(entry)) {
                double pnl = closes[i] - entry;
                cash += pnl;
                tracker.recordTrade(new Trade("X", Side.BUY, entry, closes[i], 1, pnl, 0, at, at));
                entry = Double.NaN;
            }
            tracker.recordEquity(at, Double.isNaN(entry) ? cash : cash + closes[i] - entry);
            PerformanceSnapshot s = tracker.snapshot();
            bh.consume(s.returns().sharpe());
            bh.consume(s.risk().maxDrawdown());
            bh.consume(s.tradeStats().profitFactor());
        }
    }

    @Benchmark
    public void ta4jCriteria(Blackhole bh) {
        BarSeries series = new BaseBarSeriesBuilder().withName("bench")
                .withNumFactory(DoubleNumFactory.getInstance()).build();
        TradingRecord record = new BaseTradingRecord();
        Num one = series.numFactory().one();
        for (int i = 0; i < bars; i++) {
            double c = closes[i];
            series.barBuilder().timePeriod(Duration.ofDays(1)).endTime(DAY0.plus(Duration.ofDays(i + 1)))
                    .openPrice(c).highPrice(c).lowPrice(c).closePrice(c).volume(1).add();
            Num price = series.getBar(i).getClosePrice();
            if (entersAt(i)) {
                record.enter(i, price, one);
            } else if (exitsAt(i) && record.getCurrentPosition().isOpened()) {
                record.exit(i, price, one);
            }
            bh.consume(sharpe.calculate(series, record));
            bh.consume(maxDrawdown.calculate(series, record));
            Num loss = grossLoss.calculate(series, record);
            bh.consume(loss.isZero() ? null : grossProfit.calculate(series, record).dividedBy(loss.abs()));
        }
    }
}
