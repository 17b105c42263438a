package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.test.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TradingHealthChecksTest {

    private final MutableClock clock = MutableClock.start();

    private Instant now() {
        return clock.instant();
    }

    @Test
    void market_data_is_unhealthy_naming_the_stale_symbols() throws Exception {
        AtomicReference<Instant> btc = new AtomicReference<>(now());
        AtomicReference<Instant> eth = new AtomicReference<>(now());
        Map<String, Supplier<Instant>> ticks = new LinkedHashMap<>();
        ticks.put("BTCUSDT", btc::get);
        ticks.put("ETHUSDT", eth::get);
        ticks.put("SOLUSDT", () -> null);
        var check = TradingHealthChecks.marketData(Map.of("BTCUSDT", btc::get, "ETHUSDT", eth::get), Duration.ofSeconds(30), clock);
        var withNever = TradingHealthChecks.marketData(ticks, Duration.ofSeconds(30), clock);

        clock.advance(Duration.ofSeconds(20));
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
        btc.set(now());
        clock.advance(Duration.ofSeconds(20));

        assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(check.check().message()).contains("stale market data (older than 30s): ETHUSDT");
        assertThat(check.check().details()).containsEntry("BTCUSDT_age_seconds", 20.0);
        assertThat(withNever.check().message()).get().asString().contains("SOLUSDT");
    }

    @Test
    void the_exchange_ping_is_healthy_on_200_against_a_real_loopback_server() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v3/ping", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            // Degraded only above the check's own 5 s request timeout: the first request of a new
            // HttpClient on a loaded machine took over 2 s once, and speed is not what this asserts.
            var check = TradingHealthChecks.exchange(HttpClient.newHttpClient(),
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3/ping"), Duration.ofSeconds(5));
            assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void the_order_reject_rate_counts_only_the_window() throws Exception {
        AtomicLong placed = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        var check = TradingHealthChecks.orderRejectRate(placed::get, rejected::get, Duration.ofMinutes(10), 0.05, 0.20,
                clock);
        check.check();
        placed.addAndGet(100);
        rejected.addAndGet(30); // a bad burst
        clock.advance(Duration.ofMinutes(1));
        assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(check.check().message()).contains("30.0% of 100 orders rejected in the last 600s");

        clock.advance(Duration.ofMinutes(11)); // the burst leaves the window
        check.check();
        placed.addAndGet(100);
        rejected.addAndGet(8);
        clock.advance(Duration.ofMinutes(1));
        assertThat(check.check().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void a_symbol_that_never_ticked_is_stale_and_shown_as_never() throws Exception {
        AtomicReference<Instant> btc = new AtomicReference<>(now());
        Map<String, Supplier<Instant>> ticks = new LinkedHashMap<>();
        ticks.put("SOLUSDT", () -> null);
        ticks.put("BTCUSDT", btc::get);
        var check = TradingHealthChecks.marketData(ticks, Duration.ofSeconds(30), clock);

        var result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).hasValue("stale market data (older than 30s): SOLUSDT");
        assertThat(result.details()).containsEntry("SOLUSDT_age_seconds", "never")
                .containsEntry("BTCUSDT_age_seconds", 0.0);
        assertThat(result.details().keySet()).as("symbols in order").containsExactly("BTCUSDT_age_seconds",
                "SOLUSDT_age_seconds");
    }

    @Test
    void bad_arguments_are_refused_naming_them() {
        Map<String, Supplier<Instant>> ok = Map.of("BTCUSDT", this::now);
        assertThatThrownBy(() -> TradingHealthChecks.marketData(null, Duration.ofSeconds(1), clock))
                .hasMessage("lastTicks must not be null");
        assertThatThrownBy(() -> TradingHealthChecks.marketData(ok, Duration.ZERO, clock))
                .hasMessage("maxAge must be positive, but was PT0S");
        assertThatThrownBy(() -> TradingHealthChecks.marketData(ok, Duration.ofSeconds(1), null))
                .hasMessage("clock must not be null");
        Map<String, Supplier<Instant>> missing = new HashMap<>();
        missing.put("BTCUSDT", null);
        assertThatThrownBy(() -> TradingHealthChecks.marketData(missing, Duration.ofSeconds(1), clock))
                .hasMessage("lastTicks[BTCUSDT] must not be null");
        assertThatThrownBy(() -> TradingHealthChecks.orderRejectRate(() -> 0, () -> 0, Duration.ofMinutes(1), 0.3,
                0.2, clock)).hasMessage("need 0 <= degradedAbove <= unhealthyAbove <= 1, got 0.3 and 0.2");
        assertThatThrownBy(() -> TradingHealthChecks.orderRejectRate(() -> 0, () -> 0, Duration.ofMinutes(1),
                Double.NaN, 0.2, clock)).hasMessageStartingWith("need 0 <= degradedAbove");
        assertThatThrownBy(() -> TradingHealthChecks.orderRejectRate(() -> 0, () -> 0, Duration.ZERO, 0.05, 0.2,
                clock)).hasMessage("window must be positive, but was PT0S");
        assertThatThrownBy(() -> TradingHealthChecks.orderRejectRate(null, () -> 0, Duration.ofMinutes(1), 0.05,
                0.2, clock)).hasMessage("placed must not be null");
    }

    @Test
    void no_orders_in_the_window_is_healthy() throws Exception {
        var check = TradingHealthChecks.orderRejectRate(() -> 0, () -> 0, Duration.ofMinutes(10), 0.05, 0.20, clock);
        check.check();
        clock.advance(Duration.ofMinutes(1));

        var result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("orders", 0L).containsEntry("reject_rate", 0.0);
    }
}
