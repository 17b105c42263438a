package dev.tradepulse.spring.boot.autoconfigure.aop;

import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Applies {@code @Timed}, {@code @Counted}, {@code @Retry} and {@code @CircuitBreaker} on Spring
 * beans through TradePulse's precomputed chains ({@link TradePulseAnnotationsPostProcessor}),
 * each annotation backing off when Micrometer's {@code TimedAspect}/{@code CountedAspect} or
 * resilience4j-spring-boot4's (or -spring-boot3's) {@code RetryAspect}/{@code CircuitBreakerAspect} bean is present
 * ({@link AnnotationBackOff}). Runs after {@link TradePulseAutoConfiguration} and Spring Boot's
 * AOP auto-configuration. Off with {@code tradepulse.annotations.enabled=false} (or
 * {@code tradepulse.enabled=false}).
 *
 * <p>Stateless; Spring creates and calls it on one thread.
 */
@AutoConfiguration(after = TradePulseAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration")
@ConditionalOnClass({TradePulse.class, ProxyFactory.class})
@ConditionalOnProperty(name = {"tradepulse.enabled", "tradepulse.annotations.enabled"}, havingValue = "true",
        matchIfMissing = true)
@ConditionalOnBean(TradePulse.class)
@EnableConfigurationProperties(TradePulseAnnotationsProperties.class)
public class TradePulseAnnotationsAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public TradePulseAnnotationsAutoConfiguration() {
    }

    /**
     * Static, as a post-processor's factory method must be, so that the configuration class is not
     * created early.
     *
     * @param tradePulse the runtime, resolved when the first annotated bean is met
     * @param environment for {@code spring.aop.proxy-target-class} (default true, as in Spring Boot)
     * @return the post-processor
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static TradePulseAnnotationsPostProcessor tradepulseAnnotationsPostProcessor(
            ObjectProvider<TradePulse> tradePulse, Environment environment) {
        return new TradePulseAnnotationsPostProcessor(tradePulse,
                environment.getProperty("spring.aop.proxy-target-class", Boolean.class, Boolean.TRUE));
    }
}
