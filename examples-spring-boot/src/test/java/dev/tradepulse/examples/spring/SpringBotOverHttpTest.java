package dev.tradepulse.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.test.MutableClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The bot with its own application.yml on a real embedded server: Actuator's health and
 * Prometheus endpoints carry TradePulse, and the bot's REST view shows its strategies. The loop
 * does not tick on its own here; each test ticks it, one second of the test's clock a tick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bot.tick-interval=0", "bot.crash-at-tick=0"})
class SpringBotOverHttpTest {

    static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-12-01T09:00:00Z"));

    @TestBean
    Clock clock;

    @LocalServerPort
    int port;

    @Autowired
    TradingLoop loop;

    @Autowired
    TradePulse tradePulse;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        // under target/, so that a clean build removes it
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "spring-bot");
        registry.add("tradepulse.data-dir", dir::toString);
    }

    @BeforeEach
    void trade() {
        for (int i = 0; i < 40; i++) {
            CLOCK.advance(Duration.ofSeconds(1));
            loop.tick();
        }
    }

    @Test
    void theStrategiesOfApplicationYmlAreTradePulsesAndTheLoopUsesTheSameClock() {
        assertThat(tradePulse.strategies()).containsExactlyInAnyOrder("momentum", "dip-buyer");
        assertThat(tradePulse.config().string("app")).contains("spring-boot-bot");
        assertThat(tradePulse.uri()).as("Actuator serves health and metrics; TradePulse's own server is off").isEmpty();
        assertThat(tradePulse.strategy("dip-buyer").tracker().snapshot().equity()).isPositive();
    }

    @Test
    void healthShowsEachTradePulseCheckAsAComponentAndTheBotsOwnMarketDataCheck() throws Exception {
        HttpResponse<String> r = Http.get(port, "/actuator/health");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"").contains("\"tradepulse\"").contains("\"audit-journal\"")
                .contains("\"state-store\"").contains("\"market-data\"");
    }

    @Test
    void theProbesCarryTradePulsesGroupsAndReadinessTheMarketDataCheck() throws Exception {
        HttpResponse<String> readiness = Http.get(port, "/actuator/health/readiness");
        HttpResponse<String> liveness = Http.get(port, "/actuator/health/liveness");

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"readinessState\"").contains("\"tradepulseReadiness\"")
                .contains("\"market-data\"");
        assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"livenessState\"").contains("\"tradepulseLiveness\"")
                .doesNotContain("\"market-data\"");
    }

    @Test
    void prometheusCarriesTheStrategiesTradingMetersAndTradePulsesOwn() throws Exception {
        HttpResponse<String> r = Http.get(port, "/actuator/prometheus");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).containsPattern("(?m)^trading_equity\\{[^}]*strategy=\"dip-buyer\"")
                .containsPattern("(?m)^trading_equity\\{[^}]*strategy=\"momentum\"")
                .containsPattern("(?m)^tradepulse_health_status\\{[^}]*component=\"market-data\"");
    }

    @Test
    void theRestViewShowsBothStrategiesActiveAndAnUnknownOneIsNotFound() throws Exception {
        HttpResponse<String> all = Http.get(port, "/bot/strategies");
        HttpResponse<String> unknown = Http.get(port, "/bot/strategies/nope");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("\"name\":\"momentum\"").contains("\"name\":\"dip-buyer\"")
                .contains("\"state\":\"ACTIVE\"").doesNotContain("HALTED");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
