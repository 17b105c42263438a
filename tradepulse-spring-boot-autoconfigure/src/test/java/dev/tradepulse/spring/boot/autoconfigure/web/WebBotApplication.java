package dev.tradepulse.spring.boot.autoconfigure.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A bot with two Actuator indicators of its own: one that counts its runs, one that hangs until released. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WebBotApplication {

    static final AtomicInteger LEDGER_RUNS = new AtomicInteger();
    /** Released by the test that adopts the broker indicator, once it is done (a test that never runs it leaves it). */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Bean
    HealthIndicator ledgerHealthIndicator() {
        return () -> {
            LEDGER_RUNS.incrementAndGet();
            return Health.up().withDetail("rows", 12).build();
        };
    }

    @Bean
    HealthIndicator brokerHealthIndicator() {
        return () -> {
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Health.up().build();
        };
    }
}
