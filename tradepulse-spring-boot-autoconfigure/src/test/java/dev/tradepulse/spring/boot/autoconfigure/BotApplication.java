package dev.tradepulse.spring.boot.autoconfigure;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A small bot: one ready exchange check, one feed check that hangs until the test releases it. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BotApplication {

    /** Released by the test's teardown, so that the hung check's thread ends. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Bean
    TradePulseBuilderCustomizer botChecks() {
        return builder -> builder
                .healthCheck("exchange", () -> HealthResult.healthy("connected"),
                        CheckOptions.custom().groups(HealthRegistry.READINESS).build())
                .healthCheck("feed", () -> {
                    RELEASE.await();
                    return HealthResult.healthy();
                }, CheckOptions.custom().nonCritical().timeout(Duration.ofMillis(300)).build());
    }
}
