package dev.tradepulse.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.test.MutableClock;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.OrderIntent;
import dev.tradepulse.trading.risk.TradingState;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The scripted flash crash at tick 30: the three-times-leveraged dip buyer loses more than its
 * daily limit (-12% in application.yml), its kill switch halts it on the trading thread, and from
 * then on its gate denies every order; the half-sized momentum strategy stays active.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bot.tick-interval=0", "bot.crash-at-tick=30"})
class FlashCrashOverHttpTest {

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
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "spring-crash");
        registry.add("tradepulse.data-dir", dir::toString);
    }

    @Test
    void aLossBeyondTheDailyLimitHaltsTheDipBuyerAndItsGateThenDeniesEveryOrder() throws Exception {
        Strategy dipBuyer = tradePulse.strategy("dip-buyer");
        for (int i = 0; i < 29; i++) {
            tick();
        }
        assertThat(dipBuyer.state()).as("before the crash").isEqualTo(TradingState.ACTIVE);

        for (int i = 0; i < 10; i++) {
            tick();
        }

        assertThat(dipBuyer.state()).isEqualTo(TradingState.HALTED);
        assertThat(tradePulse.strategy("momentum").state()).isEqualTo(TradingState.ACTIVE);
        GateDecision decision = dipBuyer.check(OrderIntent.of("BTCUSDT", Side.BUY, 0.01, 50_000));
        assertThat(decision.verdict()).isEqualTo(GateDecision.Verdict.DENIED);
        assertThat(decision.reason()).isEqualTo(GateDecision.Reason.STATE_HALTED);

        HttpResponse<String> view = Http.get(port, "/bot/strategies/dip-buyer");
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("\"state\":\"HALTED\"").contains("\"lastRefusal\":\"STATE_HALTED\"")
                .containsPattern("\"refusals\":[1-9]").containsPattern("\"halt\":\"[^\"]*daily");
        assertThat(Http.get(port, "/bot/strategies/momentum").body()).contains("\"state\":\"ACTIVE\"")
                .contains("\"refusals\":0");
    }

    private void tick() {
        CLOCK.advance(Duration.ofSeconds(1));
        loop.tick();
    }
}
