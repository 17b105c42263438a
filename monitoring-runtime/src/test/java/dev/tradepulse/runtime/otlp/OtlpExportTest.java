package dev.tradepulse.runtime.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthReport;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.StartupException;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.runtime.otlp.LoopbackCollector.Mode;
import dev.tradepulse.runtime.otlp.LoopbackCollector.Received;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.risk.OrderIntent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics.otlp.*} end to end: the runtime pushes to a loopback collector that decodes each
 * request with opentelemetry-proto, beside the Prometheus scrape.
 */
class OtlpExportTest {

    static final String TOKEN = "0123456789abcdef0123";
    static final String SECRET = "s3cr3t-otlp-token-4f9a";

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    private TradePulse.Builder builder(String otlp) throws Exception {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "profile: testing\napp: otlp-bot\ndata-dir: " + dir.resolve("data") + "\nserver:\n  token: "
                + TOKEN + "\nstrategies:\n  momentum:\n    enabled: true\nmetrics:\n  otlp:\n    enabled: true\n" + otlp);
        return TradePulse.builder().clock(clock).config(ConfigLoader.of(RuntimeSchema.schema()).file(f)
                .environment(Map.of()).load());
    }

    private static String otlp(LoopbackCollector c, String step, String timeout) {
        return "    url: " + c.url() + "\n    step: " + step + "\n    timeout: " + timeout + "\n";
    }

    private void trade(Strategy s) {
        clock.advance(Duration.ofMinutes(1));
        Instant at = clock.instant();
        s.recordTrade(new Trade("BTCUSDT", Side.BUY, 60_000, 60_600, 0.01, 6, 0.1, at.minusSeconds(30), at));
    }

    private static double pushes(MeterRegistry meters, String result) {
        FunctionCounter c = meters.find("tradepulse.otlp.pushes").tag("result", result).functionCounter();
        return c == null ? 0 : c.count();
    }

    private static HealthReport.Component otlpHealth(TradePulse tp) {
        return tp.health().check().components().get("otlp-export");
    }

    @Test
    void aTradingMeterAndATradepulseMeterArriveWithTheirValuesTheResourceAndTheHeaderWhileMetricsStillServes()
            throws Exception {
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.ACCEPT)) {
            // A step of an hour: the one push is the flush at close, so nothing here waits for a timer.
            String conf = otlp(collector, "1h", "5s") + "    headers: Authorization=Bearer " + SECRET + ",X-Scope-OrgID=desk-7\n"
                    + "    resource-attributes: deployment.environment=test,service.namespace=desk\n";
            Instant closedAt;
            try (TradePulse tp = builder(conf).build()) {
                Strategy momentum = tp.strategy("momentum");
                for (int i = 0; i < 3; i++) {
                    trade(momentum);
                }
                assertThat(momentum.check(OrderIntent.of("BTCUSDT", Side.BUY, 0.01, 60_000)).allowed()).isTrue();
                assertThat(momentum.check(OrderIntent.of("ETHUSDT", Side.BUY, 0.1, 3_000)).allowed()).isTrue();

                assertThat(tp.meterRegistry()).isInstanceOf(CompositeMeterRegistry.class);
                HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        tp.uri().orElseThrow().resolve("/metrics")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.body()).contains("trading_trades{").contains("tradepulse_gate_allowed_total{");
                closedAt = clock.instant();
            }
            assertThat(collector.received()).as("one push: the flush at close").hasSize(1);
            Received push = collector.last();
            assertThat(push.headers()).containsEntry("authorization", "Bearer " + SECRET)
                    .containsEntry("x-scope-orgid", "desk-7")
                    .containsEntry("content-type", "application/x-protobuf");
            assertThat(push.resource()).containsEntry("service.name", "otlp-bot")
                    .containsEntry("service.instance.id", InetAddress.getLocalHost().getHostName())
                    .containsEntry("deployment.environment", "test")
                    .containsEntry("service.namespace", "desk")
                    .containsEntry("telemetry.sdk.name", "io.micrometer");

            NumberDataPoint trades = push.point("trading.trades").orElseThrow();
            assertThat(trades.getAsDouble()).isEqualTo(3.0);
            assertThat(LoopbackCollector.attributes(trades.getAttributesList())).containsEntry("strategy", "momentum");
            // The runtime's clock, bridged into Micrometer's: the point carries the MutableClock's time.
            assertThat(trades.getTimeUnixNano()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(closedAt.toEpochMilli()));

            NumberDataPoint allowed = push.point("tradepulse.gate.allowed").orElseThrow();
            assertThat(allowed.getAsDouble()).isEqualTo(2.0);
            assertThat(LoopbackCollector.attributes(allowed.getAttributesList())).containsEntry("strategy", "momentum");
        }
    }

    @Test
    void theRegistryPushesEveryStepOnItsOwnThreadAndCountsWhatTheCollectorAccepted() throws Exception {
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.ACCEPT);
                TradePulse tp = builder(otlp(collector, "1s", "500ms")).build()) {
            trade(tp.strategy("momentum"));
            int before = collector.received().size();
            // Pushes keep coming on their own, and the newest carries the trade.
            await().atMost(Duration.ofSeconds(10)).until(() -> collector.received().size() >= before + 2
                    && collector.last().point("trading.trades").map(NumberDataPoint::getAsDouble).orElse(0.0) == 1.0);
            await().atMost(Duration.ofSeconds(5)).until(() -> pushes(tp.meterRegistry(), "success") >= 2);
            assertThat(otlpHealth(tp).result().status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void aCollectorAnswering500IsCountedAndDegradesTheNonCriticalCheckWhileTheBotTradesOn() throws Exception {
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.FAIL);
                TradePulse tp = builder(otlp(collector, "1s", "500ms")).build()) {
            Strategy momentum = tp.strategy("momentum");
            await().atMost(Duration.ofSeconds(10)).until(() -> pushes(tp.meterRegistry(), "failure") >= 1);
            trade(momentum); // returns: the push's failure is not the trading thread's
            assertThat(momentum.tracker().snapshot().tradeStats().trades()).isEqualTo(1);

            HealthReport.Component health = otlpHealth(tp);
            assertThat(health.result().status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(health.result().message()).hasValueSatisfying(m -> assertThat(m).contains("HTTP 500")
                    .contains(collector.url().toString()));
            assertThat(tp.health().check(HealthRegistry.READINESS).status()).as("non-critical and in no probe group: readiness is untouched")
                    .isEqualTo(HealthStatus.HEALTHY);
            assertThat(tp.meterRegistry().get("tradepulse.otlp.failures.consecutive").gauge().value()).isPositive();

            collector.mode(Mode.ACCEPT);
            await().atMost(Duration.ofSeconds(10)).until(() -> pushes(tp.meterRegistry(), "success") >= 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> otlpHealth(tp).result().status() == HealthStatus.HEALTHY);
        }
    }

    @Test
    void aCollectorThatNeverAnswersCostsTheTradingThreadNothingAndTheCloseStaysWithinTheShutdownDeadline()
            throws Exception {
        PrometheusMeterRegistry mine = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.HANG)) {
            // Each push may take 2.5 s; the shutdown deadline of 2 s leaves the close 0.5 s per wait.
            TradePulse tp = builder(otlp(collector, "3s", "2500ms") + "shutdown:\n  deadline: 2s\n")
                    .meterRegistry(mine).build();
            Strategy momentum = tp.strategy("momentum");
            await().atMost(Duration.ofSeconds(10)).until(() -> collector.waiting() >= 1);
            trade(momentum); // while a push hangs on its own thread
            assertThat(momentum.tracker().snapshot().tradeStats().trades()).isEqualTo(1);

            long start = System.nanoTime();
            tp.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("the close, with a push in flight to a collector that never answers")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(pushes(mine, "failure")).as("the cancelled push and the final one").isGreaterThanOrEqualTo(1);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                    && t.getName().startsWith("tradepulse-otlp-push"));
        } finally {
            mine.close();
        }
    }

    @Test
    void aHugeAnswerIsNotReadToItsEnd() throws Exception {
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.HUGE)) {
            try (TradePulse tp = builder(otlp(collector, "1h", "5s")).build()) {
                trade(tp.strategy("momentum"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> collector.hungUpOn() == 1);
            assertThat(collector.received()).hasSize(1);
        }
    }

    @Test
    void theApplicationsRegistryGetsTradePulsesMetersServesMetricsAndIsNeitherChangedNorClosed() throws Exception {
        PrometheusMeterRegistry mine = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.ACCEPT)) {
            try (TradePulse tp = builder(otlp(collector, "1h", "5s")).meterRegistry(mine).build()) {
                trade(tp.strategy("momentum"));
                tp.meterRegistry().counter("bot.orders.sent").increment(4);
                mine.counter("bot.only.local").increment();

                assertThat(tp.meterRegistry()).isNotSameAs(mine);
                assertThat(mine.get("trading.trades").gauge().value()).isEqualTo(1.0);
                assertThat(mine.get("bot.orders.sent").counter().count()).isEqualTo(4.0);
                URI metrics = tp.uri().orElseThrow().resolve("/metrics");
                assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("bot_orders_sent_total");
            }
            assertThat(mine.isClosed()).isFalse();
            Received push = collector.last();
            assertThat(push.point("bot.orders.sent").orElseThrow().getAsDouble()).isEqualTo(4.0);
            assertThat(push.point("bot.only.local")).as("registered on the application's registry directly").isEmpty();
        } finally {
            mine.close();
        }
    }

    @Test
    void theHeadersNeverShowInTheConfigDescriptionTheHealthOrAStartupError() throws Exception {
        try (LoopbackCollector collector = LoopbackCollector.start(Mode.FAIL);
                TradePulse tp = builder(otlp(collector, "1s", "500ms") + "    headers: Authorization=Bearer " + SECRET + "\n")
                        .build()) {
            assertThat(String.join("\n", tp.config().describe())).doesNotContain(SECRET).contains("metrics.otlp.headers");
            assertThat(tp.config().toString()).doesNotContain(SECRET);
            await().atMost(Duration.ofSeconds(10)).until(() -> pushes(tp.meterRegistry(), "failure") >= 1);
            assertThat(otlpHealth(tp).result().toString()).doesNotContain(SECRET);
        }
        assertThatThrownBy(() -> builder("    url: http://127.0.0.1:1/v1/metrics\n    headers: Bearer " + SECRET + "\n").build())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("the OTLP export").hasMessageContaining("metrics.otlp.headers: entry 1 is not name=value")
                .message().doesNotContain(SECRET);
    }

    @Test
    void aTimeoutThatIsNotShorterThanTheStepFailsTheStartNamingBothKeys() {
        assertThatThrownBy(() -> builder("    step: 10s\n    timeout: 10s\n").build())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("metrics.otlp.timeout").hasMessageContaining("metrics.otlp.step");
        assertThatThrownBy(() -> builder("    url: http://user:pw@127.0.0.1:4318/v1/metrics\n").build())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("metrics.otlp.url must have no user info")
                .message().doesNotContain("pw@");
    }
}
