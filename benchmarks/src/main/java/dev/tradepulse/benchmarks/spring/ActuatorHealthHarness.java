package dev.tradepulse.benchmarks.spring;

import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import dev.tradepulse.spring.boot.autoconfigure.health.TradePulseHealthAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Issue 17: 20 Actuator health indicators of 50 ms each, through Actuator's own health (each
 * indicator in turn on the request thread) against the same indicators adopted by the starter
 * ({@code tradepulse.health.indicators.include=*}: in parallel in TradePulse's registry, one
 * round per request, cached for {@code tradepulse.health.cache}), in the same run and JVM.
 *
 * <p>What is measured: {@link HealthEndpoint#health()}, the Actuator endpoint bean that
 * {@code GET /actuator/health} calls, in a real Spring Boot context (the auto-configurations of
 * Actuator's health and of the starter; no web server, so the figure is the health work without
 * HTTP). Three contexts, one after the other:
 * <ol>
 *   <li>{@code actuator}: the indicators as Actuator runs them;</li>
 *   <li>{@code starter-round}: adopted, a fresh round every request ({@code tradepulse.health.cache=200ms},
 *       requests 250 ms apart);</li>
 *   <li>{@code starter-cached}: adopted, back-to-back requests within the 1 s default cache.</li>
 * </ol>
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.spring.ActuatorHealthHarness
 * </pre>
 * Optional arguments: requests per context for the first two (default 15), for the cached one (default 1000).
 */
public final class ActuatorHealthHarness {

    static final int INDICATORS = 20;
    static final Duration WORK = Duration.ofMillis(50);

    private ActuatorHealthHarness() {
    }

    /** Actuator's health and the starter's, wired as auto-configuration would, without a web server. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({TradePulseAutoConfiguration.class, TradePulseHealthAutoConfiguration.class,
            HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class})
    static class App {
        /** @return what registers the slow indicators */
        @Bean
        static SlowIndicators slowIndicators() {
            return new SlowIndicators();
        }
    }

    /** Registers {@value #INDICATORS} indicators, {@code slow0HealthIndicator}..., each taking {@link #WORK}. */
    static final class SlowIndicators implements BeanDefinitionRegistryPostProcessor {
        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            for (int i = 0; i < INDICATORS; i++) {
                registry.registerBeanDefinition("slow" + i + "HealthIndicator",
                        new RootBeanDefinition(HealthIndicator.class, ActuatorHealthHarness::slowIndicator));
            }
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        }
    }

    static HealthIndicator slowIndicator() {
        return () -> {
            try {
                Thread.sleep(WORK.toMillis()); // an indicator's round trip to its database or broker
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().withDetail("error", "interrupted").build();
            }
            return Health.up().build();
        };
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int cachedRequests = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Path dir = Files.createTempDirectory("tp-actuator-health");
        System.out.printf(Locale.ROOT, "%d indicators x %d ms, HealthEndpoint.health(), JDK %s, %d cores%n", INDICATORS,
                WORK.toMillis(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        double actuator = run("actuator", dir, requests, Duration.ZERO);
        double round = run("starter-round", dir, requests, Duration.ofMillis(250),
                "tradepulse.health.indicators.include=*", "tradepulse.health.cache=200ms");
        double cached = run("starter-cached", dir, cachedRequests, Duration.ZERO,
                "tradepulse.health.indicators.include=*");
        System.out.printf(Locale.ROOT, "ratio actuator / starter-round: %.1fx; actuator / starter-cached: %.0fx%n",
                actuator / round, actuator / Math.max(cached, 0.001));
    }

    private static double run(String name, Path dir, int requests, Duration pause, String... properties)
            throws InterruptedException {
        List<String> props = new ArrayList<>(List.of("spring.main.banner-mode=off", "spring.jmx.enabled=true",
                "management.endpoints.jmx.exposure.include=health", "tradepulse.profile=testing",
                "tradepulse.data-dir=" + dir.resolve(name)));
        props.addAll(List.of(properties));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).properties(props.toArray(String[]::new)).run()) {
            HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
            @Nullable HealthDescriptor warm = null;
            for (int i = 0; i < 3; i++) {
                warm = endpoint.health();
                Thread.sleep(pause.toMillis());
            }
            double[] ms = new double[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                endpoint.health();
                ms[i] = (System.nanoTime() - start) / 1e6;
                Thread.sleep(pause.toMillis());
            }
            Arrays.sort(ms);
            double median = ms[ms.length / 2];
            System.out.printf(Locale.ROOT, "%-15s median %8.2f ms  min %8.2f  max %8.2f  (%d requests, status %s)%n", name,
                    median, ms[0], ms[ms.length - 1], requests, warm == null ? "?" : warm.getStatus());
            return median;
        }
    }
}
