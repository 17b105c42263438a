package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.test.kit.LoopbackServer;
import dev.tradepulse.trading.CapturingSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitHeadroomTest {

    private final MutableClock clock = MutableClock.start();
    private final RateLimitHeadroom headroom = RateLimitHeadroom.builder().clock(clock).build();

    private static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return h;
    }

    @Test
    void binance_used_weight_is_read_from_a_real_http_response_against_the_configured_limit() throws Exception {
        try (LoopbackServer binance = new LoopbackServer()) {
            binance.reply(LoopbackServer.Reply.of(200, Map.of("X-MBX-USED-WEIGHT-1M", "1931"), "{}"));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(binance.uri("/fapi/v1/ping"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

            headroom.report("binance", response.headers());
        }

        assertThat(headroom.usedFraction("binance")).hasValueCloseTo(1931.0 / 2400, within(1e-12));
        assertThat(headroom.badValues()).isZero();
    }

    @Test
    void x_ratelimit_headers_give_the_used_fraction_until_the_reset() {
        headroom.report("discord", headers("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "1",
                "X-RateLimit-Reset-After", "30.5"));
        assertThat(headroom.usedFraction("discord")).hasValueCloseTo(0.9, within(1e-12));

        clock.advance(Duration.ofSeconds(30));
        assertThat(headroom.usedFraction("discord")).hasValueCloseTo(0.9, within(1e-12));
        clock.advance(Duration.ofSeconds(1));
        assertThat(headroom.usedFraction("discord")).as("the window has reset").hasValue(0);

        long epochReset = clock.instant().getEpochSecond() + 60;
        headroom.report("github", headers("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "1000",
                "x-ratelimit-reset", Long.toString(epochReset)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(headroom.usedFraction("github")).hasValueCloseTo(0.8, within(1e-12));
        clock.advance(Duration.ofSeconds(1));
        assertThat(headroom.usedFraction("github")).hasValue(0);
        assertThat(headroom.badValues()).isZero();
    }

    @Test
    void a_reading_without_a_reset_counts_for_a_minute() {
        headroom.report("binance", headers("x-mbx-used-weight", "1200"));
        clock.advance(Duration.ofSeconds(60));
        assertThat(headroom.usedFraction("binance")).hasValueCloseTo(0.5, within(1e-12));
        clock.advance(Duration.ofSeconds(1));
        assertThat(headroom.usedFraction("binance")).hasValue(0);
        assertThat(headroom.usedFraction("never-reported")).isEmpty();
    }

    @Test
    void a_lying_peer_never_throws_and_each_bad_value_is_counted() {
        headroom.report("binance", headers("X-MBX-USED-WEIGHT-1M", "-5"));
        headroom.report("binance", headers("X-MBX-USED-WEIGHT-1M", "99999999999999999999999"));
        headroom.report("binance", headers("X-MBX-USED-WEIGHT-1M", "12abc"));
        headroom.report("binance", headers("X-MBX-USED-WEIGHT-1M", "1e3"));
        headroom.report("binance", headers("X-MBX-USED-WEIGHT-1M", "1.5"));
        headroom.report("binance", headers("X-MBX-USED-WEIGHT-1M", "24001")); // ten times the limit
        headroom.report("other", headers("X-RateLimit-Limit", "0", "X-RateLimit-Remaining", "0"));
        headroom.report("other", headers("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "11"));
        headroom.report("other", headers("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "5",
                "X-RateLimit-Reset", "soon"));
        assertThat(headroom.badValues()).isEqualTo(9);
        assertThat(headroom.usedFraction("binance")).isEmpty();
        assertThat(headroom.usedFraction("other")).as("the good values still count").hasValueCloseTo(0.5, within(1e-12));

        Map<String, List<String>> many = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            many.put("x-junk-" + i, List.of("v"));
        }
        headroom.report("binance", many);
        assertThat(headroom.badValues()).isEqualTo(10);

        Map<String, List<String>> withNulls = new HashMap<>();
        withNulls.put(null, List.of("HTTP/1.1 200 OK"));
        withNulls.put("x-mbx-used-weight-1m", null);
        headroom.report("binance", withNulls);
        headroom.report("bin\nance", headers("x-mbx-used-weight-1m", "1"));
        headroom.report(null, headers("x-mbx-used-weight-1m", "1"));
        headroom.report("binance", (Map<String, List<String>>) null);
        headroom.reportUsage("binance", -1, 10, null);
        headroom.reportUsage("binance", 1, 0, null);
        assertThat(headroom.badValues()).isEqualTo(14);
    }

    @Test
    void repeated_headers_take_the_worst_reading_and_a_far_reset_is_capped_at_an_hour() {
        headroom.report("x", headers("X-RateLimit-Limit", "100", "X-RateLimit-Limit", "50",
                "X-RateLimit-Remaining", "40", "X-RateLimit-Remaining", "10", "X-RateLimit-Reset-After", "86400"));
        assertThat(headroom.usedFraction("x")).hasValueCloseTo(0.8, within(1e-12));
        clock.advance(Duration.ofHours(1));
        assertThat(headroom.usedFraction("x")).hasValue(0);
    }

    @Test
    void the_rule_alerts_above_80_percent_and_the_gauge_shows_the_fraction() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        headroom.bindTo(meters);
        headroom.bindTo(meters);
        CapturingSink sink = new CapturingSink();
        AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sleeper(d -> { }).sink(sink).build();
        try (RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(headroom.rule("binance").build()).build()) {
            engine.evaluate();
            headroom.reportUsage("binance", 1900, 2400, null); // 79%
            engine.evaluate();
            assertThat(engine.isFiring("risk.rate-limit:binance")).isFalse();

            headroom.report("binance", headers("X-MBX-USED-WEIGHT-1M", "2000")); // 83%
            engine.evaluate();

            assertThat(engine.isFiring("risk.rate-limit:binance")).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.firingKeys().contains("risk.rate-limit:binance"));
            assertThat(meters.get("tradepulse.exchange.rate_limit.used").tag("exchange", "binance").gauge().value())
                    .isCloseTo(2000.0 / 2400, within(1e-12));
            headroom.report("binance", headers("X-MBX-USED-WEIGHT-1M", "nope"));
            assertThat(meters.get("tradepulse.exchange.rate_limit.bad_values").functionCounter().count()).isEqualTo(1);
        } finally {
            dispatcher.close(Duration.ofSeconds(5));
        }
        assertThatThrownBy(() -> headroom.rule("a b")).hasMessageStartingWith("exchange must be a word");
    }

    @Test
    void threads_racing_to_report_new_exchanges_track_at_most_the_limit_with_one_gauge_each() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimitHeadroom bounded = RateLimitHeadroom.builder().clock(clock)
                .config(RateLimitConfig.custom().maxExchanges(4).build()).build();
        bounded.bindTo(meters);
        int threads = 8;
        int reports = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon("test-rate-limit"));
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String exchange = "ex" + t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < reports; i++) {
                        bounded.report(exchange, headers("X-MBX-USED-WEIGHT-1M", Integer.toString(i)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(meters.find("tradepulse.exchange.rate_limit.used").gauges()).hasSize(4);
        long tracked = IntStream.range(0, threads).filter(t -> bounded.usedFraction("ex" + t).isPresent()).count();
        assertThat(tracked).isEqualTo(4);
        assertThat(bounded.badValues()).as("every report of the four exchanges left out").isEqualTo(4L * reports);
    }

    @Test
    void the_config_checks_each_setting_and_limits_exchanges() {
        assertThatThrownBy(() -> RateLimitConfig.custom().threshold(0)).hasMessage("fraction must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> RateLimitConfig.custom().weightLimit("binance", 0))
                .hasMessage("limit must be positive, got 0");
        assertThatThrownBy(() -> RateLimitConfig.custom().maxHeaders(0)).hasMessage("max must be at least 1, got 0");
        RateLimitConfig c = RateLimitConfig.custom().weightLimit("binance-spot", 6000).maxExchanges(1).build();
        assertThat(RateLimitConfig.from(c).build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c.weightLimit("binance-spot")).isEqualTo(6000);
        assertThat(c.weightLimit("binance")).isEqualTo(2400);

        RateLimitHeadroom one = RateLimitHeadroom.builder().config(c).clock(clock).build();
        one.report("binance-spot", headers("X-MBX-USED-WEIGHT-1M", "3000"));
        one.report("second", headers("X-MBX-USED-WEIGHT-1M", "1"));
        assertThat(one.usedFraction("binance-spot")).hasValueCloseTo(0.5, within(1e-12));
        assertThat(one.usedFraction("second")).isEmpty();
        assertThat(one.badValues()).isEqualTo(1);
    }
}
