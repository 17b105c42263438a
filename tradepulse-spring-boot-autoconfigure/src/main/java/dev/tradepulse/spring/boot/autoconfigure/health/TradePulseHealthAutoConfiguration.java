package dev.tradepulse.spring.boot.autoconfigure.health;

import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts TradePulse's {@link HealthRegistry} under Actuator's health: {@code tradepulse} (every
 * check a component), {@code tradepulseLiveness} and {@code tradepulseReadiness} (the registry's
 * groups, included in Actuator's probe groups by {@code TradePulseEnvironmentPostProcessor}). The
 * checks keep TradePulse's parallel rounds, per-check timeouts and background refresh. Actuator
 * indicators named by {@code tradepulse.health.indicators.include} join them ({@link AdoptedIndicators}). Off with
 * {@code management.health.tradepulse.enabled=false}; each bean backs off by name.
 */
@AutoConfiguration(after = TradePulseAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, TradePulse.class})
@ConditionalOnBean(TradePulse.class)
public class TradePulseHealthAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public TradePulseHealthAutoConfiguration() {
    }

    /**
     * The beans, in a class of their own so that the condition naming Actuator's classes is read
     * only once {@code @ConditionalOnClass} has found them.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("tradepulse")
    @EnableConfigurationProperties(IndicatorProperties.class)
    static class Contributors {

        /**
         * @param tradePulse the runtime
         * @param properties the starter's settings
         * @return the rounds of checks the contributors share
         */
        @Bean
        @ConditionalOnMissingBean
        public HealthRounds tradepulseHealthRounds(TradePulse tradePulse, TradePulseProperties properties) {
            return new HealthRounds(tradePulse.health(), properties.getHealth().getCache());
        }

        /**
         * @param rounds the shared rounds
         * @return every check, as {@code tradepulse}
         */
        @Bean
        @ConditionalOnMissingBean(name = "tradepulseHealthContributor")
        public TradePulseHealthContributor tradepulseHealthContributor(HealthRounds rounds) {
            return new TradePulseHealthContributor(rounds, null);
        }

        /**
         * @param rounds the shared rounds
         * @return the liveness group's checks, as {@code tradepulseLiveness}
         */
        @Bean
        @ConditionalOnMissingBean(name = "tradepulseLivenessHealthContributor")
        public TradePulseHealthContributor tradepulseLivenessHealthContributor(HealthRounds rounds) {
            return new TradePulseHealthContributor(rounds, HealthRegistry.LIVENESS);
        }

        /**
         * @param rounds the shared rounds
         * @return the readiness group's checks, as {@code tradepulseReadiness}
         */
        @Bean
        @ConditionalOnMissingBean(name = "tradepulseReadinessHealthContributor")
        public TradePulseHealthContributor tradepulseReadinessHealthContributor(HealthRounds rounds) {
            return new TradePulseHealthContributor(rounds, HealthRegistry.READINESS);
        }

        /**
         * @param registry Actuator's contributor registry
         * @param rounds the shared rounds
         * @param properties {@code tradepulse.health.indicators.*}
         * @return what moves the included Actuator indicators into TradePulse's registry
         */
        @Bean
        @ConditionalOnMissingBean
        public AdoptedIndicators tradepulseAdoptedIndicators(ObjectProvider<HealthContributorRegistry> registry,
                HealthRounds rounds, IndicatorProperties properties) {
            return new AdoptedIndicators(registry, rounds, properties);
        }
    }
}
