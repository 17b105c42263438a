package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.CapturingSink;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Position;
import dev.tradepulse.trading.Side;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private final MutableClock clock = MutableClock.start();
    private final CapturingSink sink = new CapturingSink();
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sleeper(d -> { }).sink(sink)
            .build();
    private final HealthRegistry health = HealthRegistry.builder().clock(clock).build();
    private final PerformanceTracker tracker = PerformanceTracker.builder("grid").clock(clock).build();
    private final RecordingTarget target = new RecordingTarget();
    private final AtomicReference<Reconciliation.Source> exchange = new AtomicReference<>();
    private final CountDownLatch hung = new CountDownLatch(1);

    @AfterEach
    void close() {
        hung.countDown();
        health.close();
        dispatcher.close(Duration.ofSeconds(5));
    }

    private Reconciliation reconciliation(ReconciliationConfig config) {
        tracker.recordEquity(clock.instant(), 10_000);
        tracker.updatePosition(Position.of("BTCUSDT", Side.BUY, 0.1, 50_000, 50_000));
        tracker.updatePosition(Position.of("ETHUSDT", Side.SELL, 2, 3_000, 3_000));
        Reconciliation r = Reconciliation.builder(tracker, target, dispatcher).clock(clock).config(config)
                .exchange(() -> exchange.get().fetch()).build();
        health.register("reconciliation", r);
        return r;
    }

    private void exchangeReports(double btc, double eth, double equity) {
        exchange.set(() -> ExchangeBook.of(Map.of("BTCUSDT", btc, "ETHUSDT", eth), equity));
    }

    private HealthResult checked() {
        return health.check().components().get("reconciliation").result();
    }

    private boolean active(String key) {
        return dispatcher.activeAlerts().stream().anyMatch(a -> a.key().equals(key));
    }

    @Test
    void a_drift_confirmed_twice_lowers_to_reducing_and_alerts_and_a_failed_fetch_clears_neither() {
        try (Reconciliation r = reconciliation(ReconciliationConfig.ofDefaults())) {
            exchangeReports(0.1, -2, 10_020); // equity within 0.5%
            assertThat(checked().status()).isEqualTo(HealthStatus.HEALTHY);

            exchangeReports(0.25, -2, 10_000); // a fill TradePulse has not seen
            HealthResult once = checked();
            assertThat(once.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(once.message()).contains("drifted from the exchange: position:BTCUSDT (ours 0.1, exchange 0.25)"
                    + " (not yet confirmed)");
            assertThat(target.state()).as("one drifted run may be a fill in flight").isEqualTo(TradingState.ACTIVE);

            HealthResult twice = checked();
            assertThat(twice.details()).containsEntry("confirmed", true).containsEntry("drifted",
                    List.of("position:BTCUSDT"));
            assertThat(target.state()).isEqualTo(TradingState.REDUCING);
            assertThat(target.causes()).containsExactly(Reconciliation.CAUSE);
            assertThat(active("risk.reconciliation:grid")).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.firingKeys().contains("risk.reconciliation:grid"));

            exchange.set(() -> {
                throw new IOException("GET https://fapi.binance.com/fapi/v3/account?signature=SECRETSIG failed");
            });
            int callsBefore = target.calls.size();
            HealthResult failed = checked();

            assertThat(r.lastResult()).get().extracting(ReconciliationResult::outcome)
                    .isEqualTo(ReconciliationResult.Outcome.CANNOT_RECONCILE);
            assertThat(failed.status()).as("the last drift stands").isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(failed.details()).containsEntry("outcome", "cannot_reconcile")
                    .containsEntry("last_outcome", "drifted");
            assertThat(failed.message()).get().asString()
                    .startsWith("cannot reconcile: the exchange fetch failed with IOException;")
                    .contains("position:BTCUSDT").doesNotContain("SECRETSIG");
            assertThat(target.state()).isEqualTo(TradingState.REDUCING);
            assertThat(target.calls.subList(callsBefore, target.calls.size())).noneMatch(c -> c.startsWith("lift"));
            assertThat(active("risk.reconciliation:grid")).as("the drift alert stays").isTrue();
            assertThat(active("risk.reconciliation.unavailable:grid")).isTrue();
            assertThat(sink.received()).extracting(Alert::summary).noneMatch(s -> s.contains("SECRETSIG"));

            exchangeReports(0.1, -2, 10_000);
            assertThat(checked().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(target.state()).as("a matching run lifts the drift").isEqualTo(TradingState.ACTIVE);
            assertThat(active("risk.reconciliation:grid")).isFalse();
            assertThat(active("risk.reconciliation.unavailable:grid")).isFalse();
            assertThat(r.failedFetches()).isEqualTo(1);
        }
    }

    @Test
    void a_fetch_that_hangs_times_out_and_never_lifts_a_halt_held_by_another_cause() throws Exception {
        ReconciliationConfig config = ReconciliationConfig.custom().fetchTimeout(Duration.ofMillis(200))
                .confirmations(1).build();
        try (Reconciliation r = reconciliation(config)) {
            target.lower(TradingState.HALTED, "kill-switch", "daily loss");
            CountDownLatch entered = new CountDownLatch(1);
            exchange.set(() -> {
                entered.countDown();
                hung.await();
                return ExchangeBook.of(Map.of(), Double.NaN);
            });

            ReconciliationResult first = r.reconcile();
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.outcome()).isEqualTo(ReconciliationResult.Outcome.CANNOT_RECONCILE);
            assertThat(first.problem()).isEqualTo("timed out after 200 ms");
            assertThat(checked().status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(target.state()).isEqualTo(TradingState.HALTED);
            assertThat(target.calls).noneMatch(c -> c.startsWith("lift"));
        }
    }

    @Test
    void equity_balance_and_open_order_drifts_degrade_without_a_position_drift() {
        AtomicReference<Map<String, Integer>> ours = new AtomicReference<>(Map.of("BTCUSDT", 1));
        tracker.recordEquity(clock.instant(), 10_000);
        try (Reconciliation r = Reconciliation.builder(tracker, target, dispatcher).clock(clock)
                .config(ReconciliationConfig.custom().confirmations(1).build())
                .ourOpenOrders(ours::get).ourBalances(() -> Map.of("USDT", 9_000.0, "BNB", 1.0))
                .exchange(() -> new ExchangeBook(Map.of(), 9_000, Map.of("USDT", 9_000.0, "BNB", 0.5),
                        Map.of("BTCUSDT", 3))).build()) {

            HealthResult result = r.check();

            assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(result.message()).contains("drifted from the exchange: equity (ours 10000, exchange 9000), "
                    + "balance:BNB (ours 1, exchange 0.5), open_orders:BTCUSDT (ours 1, exchange 3)");
            assertThat(target.state()).isEqualTo(TradingState.REDUCING);
        }
    }

    @Test
    void a_lying_exchange_book_is_refused_and_counts_as_a_failed_fetch() {
        assertThatThrownBy(() -> ExchangeBook.of(Map.of("BTCUSDT", Double.NaN), 1))
                .hasMessage("positions[BTCUSDT] must be finite, got NaN");
        assertThatThrownBy(() -> new ExchangeBook(Map.of(), 1, Map.of("USDT", Double.NEGATIVE_INFINITY), Map.of()))
                .hasMessage("balances[USDT] must be finite, got -Infinity");
        assertThatThrownBy(() -> new ExchangeBook(Map.of(), 1, Map.of(), Map.of("X", -1)))
                .hasMessage("openOrders[X] must not be negative, got -1");
        try (Reconciliation r = reconciliation(ReconciliationConfig.ofDefaults())) {
            exchange.set(() -> ExchangeBook.of(Map.of("BTCUSDT", Double.POSITIVE_INFINITY), 1));
            assertThat(r.reconcile().problem()).isEqualTo("failed with IllegalArgumentException");
            exchange.set(() -> null);
            assertThat(r.reconcile().problem()).isEqualTo("failed with IllegalStateException");
            assertThat(r.failedFetches()).isEqualTo(2);
        }
    }

    @Test
    void the_config_checks_each_setting_naming_it() {
        assertThatThrownBy(() -> ReconciliationConfig.custom().positions(-1, 0))
                .hasMessage("absolute must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> ReconciliationConfig.custom().equity(0, 2)).hasMessage("relative must be in [0, 1], got 2.0");
        assertThatThrownBy(() -> ReconciliationConfig.custom().confirmations(0)).hasMessage("runs must be at least 1, got 0");
        assertThatThrownBy(() -> ReconciliationConfig.custom().fetchTimeout(Duration.ZERO))
                .hasMessageStartingWith("timeout must be positive");
        assertThatThrownBy(() -> Reconciliation.builder(tracker, target, dispatcher).build())
                .hasMessage("source must not be null");
        ReconciliationConfig c = ReconciliationConfig.custom().openOrders(2).recoverWhenMatched(false).build();
        assertThat(ReconciliationConfig.from(c).build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(ReconciliationConfig.ofDefaults().fetchTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(ReconciliationConfig.ofDefaults().toString()).contains("equity=1.0 or 0.5%");
    }
}
