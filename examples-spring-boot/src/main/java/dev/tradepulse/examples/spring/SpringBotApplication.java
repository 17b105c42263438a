package dev.tradepulse.examples.spring;

import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.checks.HealthChecks;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseBuilderCustomizer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot bot: TradePulse comes from the starter and {@code application.yml}
 * ({@code tradepulse.*}: the two strategies and their limits); this class adds only what the bot
 * itself owns: the clock, the paper market, its market-data health check and the trading loop.
 * Run it with {@code ./mvnw -q -Pdemo -pl examples-spring-boot -am package -DskipTests}
 * (see the README).
 */
@SpringBootApplication
@EnableConfigurationProperties(BotProperties.class)
public class SpringBotApplication {

    /** Creates the configuration; Spring calls it. */
    public SpringBotApplication() {
    }

    /**
     * @param args Spring Boot's command line, such as {@code --bot.crash-at-tick=40}
     */
    public static void main(String[] args) {
        SpringApplication.run(SpringBotApplication.class, args);
    }

    /** @return the one clock: TradePulse's (the starter uses a unique {@code Clock} bean) and the loop's */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PaperMarket paperMarket(BotProperties bot) {
        return new PaperMarket(bot.symbol(), bot.seed(), bot.crashAtTick());
    }

    // snippet: spring-boot-bot
    @Bean
    TradePulseBuilderCustomizer marketDataCheck(PaperMarket market, Clock clock) {
        // what properties cannot say: a check of the bot's own, in /actuator/health and readiness
        return builder -> builder.healthCheck("market-data",
                HealthChecks.freshness(market::lastTickAt, Duration.ofSeconds(5), clock),
                CheckOptions.custom().groups(HealthRegistry.READINESS).build());
    }

    @Bean
    TradingLoop tradingLoop(TradePulse tradePulse, PaperMarket market, BotProperties bot, Clock clock) {
        // the starter's live runtime: tradePulse.strategy("dip-buyer") is declared in application.yml
        return new TradingLoop(tradePulse, market, bot, clock);
    }
    // end snippet
}
