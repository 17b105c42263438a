package dev.tradepulse.spring.boot.autoconfigure;

import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configures one {@link TradePulse}: its configuration from the {@code tradepulse.*}
 * properties, its meters on the application's {@link MeterRegistry} (there is no second registry),
 * its strategies from {@code tradepulse.strategies.*}, and {@link TradePulseBuilderCustomizer}
 * beans for what properties cannot say. The context closes it at the stop of
 * {@link TradePulseLifecycle}'s phase, before the web server stops ({@code close()} is its destroy
 * method too), which closes the journal with its checkpoint.
 *
 * <p>Runs after Micrometer's auto-configurations, so that the registry TradePulse is given is the
 * application's. Every bean backs off when the application defines its own. Off with
 * {@code tradepulse.enabled=false}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(TradePulse.class)
@ConditionalOnBooleanProperty(name = "tradepulse.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TradePulseProperties.class)
public class TradePulseAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public TradePulseAutoConfiguration() {
    }

    /**
     * @param environment the application's environment
     * @return the runtime's configuration read from it
     */
    @Bean
    @ConditionalOnMissingBean
    public Config tradePulseConfig(ConfigurableEnvironment environment) {
        return SpringConfigSource.load(environment);
    }

    /**
     * @param config the runtime's configuration
     * @param registry the application's registry; without one TradePulse makes its own
     * @param clock a {@link Clock} bean, if the application has one
     * @param customizers applied in order before the build
     * @return the live runtime, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public TradePulse tradePulse(Config config, ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock,
            ObjectProvider<TradePulseBuilderCustomizer> customizers) {
        TradePulse.Builder builder = TradePulse.builder().config(config);
        registry.ifUnique(builder::meterRegistry);
        clock.ifUnique(builder::clock);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /**
     * @param tradePulse the runtime
     * @return what closes it at its phase of the context's stop, before the web server stops
     */
    @Bean
    @ConditionalOnMissingBean
    public TradePulseLifecycle tradePulseLifecycle(TradePulse tradePulse) {
        return new TradePulseLifecycle(tradePulse);
    }
}
