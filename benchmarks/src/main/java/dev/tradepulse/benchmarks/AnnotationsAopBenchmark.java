package dev.tradepulse.benchmarks;

import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import dev.tradepulse.spring.boot.autoconfigure.aop.TradePulseAnnotationsAutoConfiguration;
import io.micrometer.core.annotation.Timed;
import io.micrometer.core.aop.TimedAspect;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Issue 17's performance item: {@code @Timed} on a Spring bean through the starter's advisor
 * (TradePulse's precomputed chain) against Micrometer's {@code TimedAspect}, each in its own
 * application context, both on Spring AOP class-based (CGLIB) proxies, on a plain
 * {@code SimpleMeterRegistry}; the bare call for reference.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AnnotationsAopBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class AnnotationsAopBenchmark {

    /** The bean: a cheap method, so the benchmark measures the instrumentation. */
    public static class Quotes {
        private double last = 64_000;

        /**
         * @param symbol the instrument
         * @return a moving price
         */
        @Timed("bench.quotes")
        public double quote(String symbol) {
            return last += symbol.length();
        }
    }

    /** The starter: TradePulse, its annotations' post-processor and Spring Boot's AOP. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({AopAutoConfiguration.class, TradePulseAutoConfiguration.class,
            TradePulseAnnotationsAutoConfiguration.class})
    public static class WithStarter {
        /** @return the registry */
        @Bean
        public MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** @return the bean */
        @Bean
        public Quotes quotes() {
            return new Quotes();
        }
    }

    /** Micrometer's way: its TimedAspect under Spring Boot's AspectJ auto-proxying. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(AopAutoConfiguration.class)
    public static class WithTimedAspect {
        /** @return the registry */
        @Bean
        public MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /**
         * @param registry the registry
         * @return Micrometer's aspect
         */
        @Bean
        public TimedAspect timedAspect(MeterRegistry registry) {
            return new TimedAspect(registry);
        }

        /** @return the bean */
        @Bean
        public Quotes quotes() {
            return new Quotes();
        }
    }

    private final String symbol = "BTCUSDT";
    private final Quotes bare = new Quotes();
    private Path dataDir;
    private ConfigurableApplicationContext starter;
    private ConfigurableApplicationContext micrometer;
    private Quotes throughStarter;
    private Quotes throughTimedAspect;

    /** Starts both contexts and checks that each bean is a Spring AOP proxy that records. */
    @Setup
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("tradepulse-aop-bench");
        starter = context(WithStarter.class, "tradepulse.data-dir=" + dataDir, "tradepulse.profile=testing");
        micrometer = context(WithTimedAspect.class);
        throughStarter = starter.getBean(Quotes.class);
        throughTimedAspect = micrometer.getBean(Quotes.class);
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {starter, micrometer}) {
            Quotes quotes = context.getBean(Quotes.class);
            if (!AopUtils.isCglibProxy(quotes)) {
                throw new IllegalStateException("not a Spring AOP class-based proxy: " + quotes.getClass());
            }
            quotes.quote(symbol);
            if (context.getBean(MeterRegistry.class).get("bench.quotes").timer().count() != 1) {
                throw new IllegalStateException("the call was not timed exactly once");
            }
        }
    }

    private static ConfigurableApplicationContext context(Class<?> source, String... properties) {
        return new SpringApplicationBuilder(source).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false).properties(properties).run();
    }

    /** Closes both contexts. */
    @TearDown
    public void tearDown() {
        starter.close();
        micrometer.close();
    }

    /** @return the bare call */
    @Benchmark
    public double bare() {
        return bare.quote(symbol);
    }

    /** @return the call through the starter's advisor */
    @Benchmark
    public double starterAdvisor() {
        return throughStarter.quote(symbol);
    }

    /** @return the call through Micrometer's TimedAspect */
    @Benchmark
    public double micrometerTimedAspect() {
        return throughTimedAspect.quote(symbol);
    }
}
