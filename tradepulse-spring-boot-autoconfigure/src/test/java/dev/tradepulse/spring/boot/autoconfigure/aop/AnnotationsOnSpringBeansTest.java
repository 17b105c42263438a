package dev.tradepulse.spring.boot.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.core.CircuitBreakerStateChange;
import dev.tradepulse.core.MonitoringListener;
import dev.tradepulse.core.RetryExhausted;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.retry.annotation.Retry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.micrometer.core.aop.CountedAspect;
import io.micrometer.core.aop.TimedAspect;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's annotations on Spring beans, alone and next to Micrometer's {@code TimedAspect}
 * and resilience4j-spring-boot4's aspects (the same resilience4j-spring6 aspects that resilience4j-spring-boot3 registers): every retried method runs exactly as often as one retry
 * allows, and every call is timed once. The retry waits are the code's own backoff, set to 1 ms.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnnotationsOnSpringBeansTest {

    private static final String ATTEMPTS = "3";

    @TempDir
    Path dir;

    private final AtomicInteger dirs = new AtomicInteger();

    private ApplicationContextRunner starter() {
        return starter(SimpleMeterRegistry::new);
    }

    private ApplicationContextRunner starter(Supplier<MeterRegistry> registry) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TradePulseAutoConfiguration.class,
                        TradePulseAnnotationsAutoConfiguration.class))
                .withBean(MeterRegistry.class, registry)
                .withBean(Exchange.class)
                .withPropertyValues("tradepulse.data-dir=" + dir.resolve("d" + dirs.incrementAndGet()),
                        "tradepulse.profile=testing",
                        "tradepulse.resilience.retry.max-attempts=" + ATTEMPTS,
                        "tradepulse.resilience.retry.wait=1ms",
                        "tradepulse.resilience.breaker.window=2");
    }

    private ApplicationContextRunner withMicrometersAspects(ApplicationContextRunner runner) {
        return runner.withUserConfiguration(MicrometerAspects.class);
    }

    private ApplicationContextRunner withResilience4jAspects(ApplicationContextRunner runner) {
        return runner.withConfiguration(AutoConfigurations.of(RetryAutoConfiguration.class,
                        CircuitBreakerAutoConfiguration.class))
                .withPropertyValues("resilience4j.retry.instances.exchange.max-attempts=" + ATTEMPTS,
                        "resilience4j.retry.instances.exchange.wait-duration=1ms",
                        "resilience4j.circuitbreaker.instances.venue.sliding-window-size=2",
                        "resilience4j.circuitbreaker.instances.venue.minimum-number-of-calls=2");
    }

    private static Timer timer(MeterRegistry registry, String name) {
        return registry.get(name).timer();
    }

    @Test
    void aloneTheStarterRetriesTimesAndCountsWithTheRuntimesInstances() {
        starter().run(context -> {
            Exchange exchange = context.getBean(Exchange.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            TradePulse tp = context.getBean(TradePulse.class);
            exchange.failFirst(2);

            assertThat(exchange.placeOrder("BTCUSDT")).isEqualTo("filled BTCUSDT");

            assertThat(exchange.calls()).isEqualTo(3);
            Timer timer = registry.get("exchange.orders").tag("outcome", "success").tag("exception", "none")
                    .tag("class", Exchange.class.getName()).tag("method", "placeOrder").timer();
            assertThat(timer.count()).as("one sample for the whole call, every attempt included").isEqualTo(1);
            assertThat(registry.get("exchange.orders.counted").tag("result", "success").counter().count()).isEqualTo(1);
            var retry = tp.monitoring().retryRegistry().find("exchange").orElseThrow();
            assertThat(retry.getRetryConfig().getMaxAttempts()).isEqualTo(3);
            assertThat(retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
        });
    }

    @Test
    void aloneTheStarterGivesUpAfterTheConfiguredAttemptsAndTellsTheListeners() {
        starter().run(context -> {
            Exchange exchange = context.getBean(Exchange.class);
            List<RetryExhausted> exhausted = new CopyOnWriteArrayList<>();
            context.getBean(TradePulse.class).monitoring().addListener(new MonitoringListener() {
                @Override
                public void onRetryExhausted(RetryExhausted event) {
                    exhausted.add(event);
                }
            });
            exchange.failFirst(100);

            assertThatThrownBy(() -> exchange.placeOrder("ETHUSDT")).isInstanceOf(IOException.class)
                    .hasMessage("exchange down for ETHUSDT");

            assertThat(exchange.calls()).isEqualTo(3);
            assertThat(exhausted).singleElement().satisfies(e -> assertThat(e.retryName()).isEqualTo("exchange"));
            assertThat(context.getBean(MeterRegistry.class).get("exchange.orders").tag("outcome", "error")
                    .tag("exception", "IOException").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void aFallbackMethodAnswersOnTheTargetAfterTheLastAttempt() {
        starter().run(context -> {
            Exchange exchange = context.getBean(Exchange.class);

            assertThat(exchange.price("SOLUSDT")).isEqualTo("cached SOLUSDT");

            assertThat(exchange.calls()).isEqualTo(3);
        });
    }

    @Test
    void aBreakerOpensOnceAndThenRefusesWithoutCallingTheMethod() {
        starter().run(context -> {
            Exchange exchange = context.getBean(Exchange.class);
            List<CircuitBreakerStateChange> changes = new CopyOnWriteArrayList<>();
            context.getBean(TradePulse.class).monitoring().addListener(new MonitoringListener() {
                @Override
                public void onCircuitBreakerStateChange(CircuitBreakerStateChange event) {
                    changes.add(event);
                }
            });

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> exchange.cancel("o-1")).isInstanceOf(IOException.class);
            }
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> exchange.cancel("o-1")).isInstanceOf(CallNotPermittedException.class);
            }

            assertThat(exchange.breakerCalls()).isEqualTo(2);
            assertThat(changes).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("venue");
                assertThat(c.to()).isEqualTo(State.OPEN);
            });
        });
    }

    @Test
    void nextToMicrometersTimedAspectEachCallIsTimedOnceByThatAspectAndRetriedByTheStarter(CapturedOutput output) {
        withMicrometersAspects(starter()).run(context -> {
            Exchange exchange = context.getBean(Exchange.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            exchange.failFirst(2);

            assertThat(exchange.placeOrder("BTCUSDT")).isEqualTo("filled BTCUSDT");

            assertThat(exchange.calls()).as("retried once, by the starter").isEqualTo(3);
            List<Timer> timers = List.copyOf(registry.find("exchange.orders").timers());
            assertThat(timers).as("TimedAspect's timer only: no outcome tag").singleElement()
                    .satisfies(t -> assertThat(t.getId().getTag("outcome")).isNull());
            assertThat(timers.get(0).count()).as("one sample per call, the retries inside it").isEqualTo(1);
            assertThat(registry.find("exchange.orders.counted").counters()).singleElement()
                    .satisfies(c -> assertThat(c.count()).isEqualTo(1));
            assertThat(context.getBean(TradePulse.class).monitoring().retryRegistry().find("exchange")).isPresent();
            assertThat(output).contains("@Timed backs off to TimedAspect (bean timedAspect)")
                    .contains("@Counted backs off to CountedAspect").contains("the starter applies @Retry, @CircuitBreaker");
        });
    }

    @Test
    void nextToResilience4jsAspectsTheRetryRunsOnceAndTheStarterStillTimesTheWholeCall(CapturedOutput output) {
        withResilience4jAspects(starter()).run(context -> {
            assertThat(context).hasNotFailed();
            Exchange exchange = context.getBean(Exchange.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            exchange.failFirst(100);

            assertThatThrownBy(() -> exchange.placeOrder("BTCUSDT")).isInstanceOf(IOException.class);

            assertThat(exchange.calls()).as("3 attempts, not 3 x 3").isEqualTo(3);
            assertThat(context.getBean(RetryRegistry.class).retry("exchange").getMetrics()
                    .getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
            assertThat(context.getBean(TradePulse.class).monitoring().retryRegistry().find("exchange"))
                    .as("the starter declared no retry of its own").isEmpty();
            assertThat(registry.get("exchange.orders").tag("outcome", "error").timer().count())
                    .as("the starter's timer, outside resilience4j's retry").isEqualTo(1);
            assertThat(output).contains("@Retry backs off to RetryAspect")
                    .contains("@CircuitBreaker backs off to CircuitBreakerAspect")
                    .contains("the starter applies @Timed, @Counted");
        });
    }

    @Test
    void nextToResilience4jsAspectsTheirBreakerOpensOnceAndTheStartersDoesNotExist() {
        withResilience4jAspects(starter()).run(context -> {
            Exchange exchange = context.getBean(Exchange.class);

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> exchange.cancel("o-1")).isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> exchange.cancel("o-1")).isInstanceOf(CallNotPermittedException.class);

            assertThat(exchange.breakerCalls()).isEqualTo(2);
            assertThat(context.getBean(CircuitBreakerRegistry.class).circuitBreaker("venue").getState())
                    .isEqualTo(State.OPEN);
            assertThat(context.getBean(TradePulse.class).monitoring().circuitBreakerRegistry().find("venue")).isEmpty();
        });
    }

    @Test
    void withAllThreeTheStarterStepsAsideAndTheMethodStillRunsOnlyAsOftenAsOneRetryAllows(CapturedOutput output) {
        withResilience4jAspects(withMicrometersAspects(starter())).run(context -> {
            Exchange exchange = context.getBean(Exchange.class);
            exchange.failFirst(100);

            assertThatThrownBy(() -> exchange.placeOrder("BTCUSDT")).isInstanceOf(IOException.class);

            assertThat(exchange.calls()).isEqualTo(3);
            assertThat(exchange).isInstanceOf(Advised.class);
            assertThat(((Advised) exchange).getAdvisors()).noneMatch(ChainInterceptor.class::isInstance);
            assertThat(context.getBean(MeterRegistry.class).find("exchange.orders").timers())
                    .allSatisfy(t -> assertThat(t.getId().getTag("outcome")).isNull());
            assertThat(output).contains("the starter applies none of @Timed, @Counted, @Retry, @CircuitBreaker");
        });
    }

    @Test
    void turnedOffNothingIsProxied() {
        starter().withPropertyValues("tradepulse.annotations.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(TradePulse.class)
                    .doesNotHaveBean(TradePulseAnnotationsPostProcessor.class);
            assertThat(AopUtils.isAopProxy(context.getBean(Exchange.class))).isFalse();
        });
    }

    @Test
    void aBeanWithoutTheAnnotationsIsNotProxied() {
        starter().withBean(Unannotated.class).run(context -> {
            assertThat(AopUtils.isAopProxy(context.getBean(Unannotated.class))).isFalse();
            assertThat(AopUtils.isCglibProxy(context.getBean(Exchange.class))).as("the default: class-based").isTrue();
        });
    }

    @Test
    void aJdkProxyRecordsToTheSameMeterAsTradePulseInstrument() {
        starter().withPropertyValues("spring.aop.proxy-target-class=false")
                .withBean(Quotes.class, Quotes.Fixed::new).run(context -> {
                    Quotes bean = context.getBean(Quotes.class);
                    assertThat(AopUtils.isJdkDynamicProxy(bean)).isTrue();
                    Quotes plain = context.getBean(TradePulse.class).instrument(Quotes.class, new Quotes.Fixed());

                    bean.quote("BTC");
                    plain.quote("BTC");

                    List<Timer> timers = List.copyOf(context.getBean(MeterRegistry.class).find("quotes.fetch").timers());
                    assertThat(timers).as("one meter: same name and tags").singleElement()
                            .satisfies(t -> assertThat(t.count()).isEqualTo(2));
                });
    }

    @Test
    void aClassBasedProxyReadsTheInterfacesAnnotationsAsTradePulseInstrumentDoes() {
        starter().withBean(Quotes.class, Quotes.Fixed::new).run(context -> {
            Quotes bean = context.getBean(Quotes.class);
            assertThat(AopUtils.isCglibProxy(bean)).isTrue();
            Quotes plain = context.getBean(TradePulse.class).instrument(Quotes.class, new Quotes.Fixed());

            bean.quote("BTC");
            plain.quote("BTC");

            List<Timer> timers = List.copyOf(context.getBean(MeterRegistry.class).find("quotes.fetch").timers());
            assertThat(timers).as("one meter: same name and tags").singleElement()
                    .satisfies(t -> assertThat(t.count()).isEqualTo(2));
        });
    }

    @Test
    void aFailingMeterNeverBreaksTheCall() {
        starter(BrokenTimers::new).run(context -> {
                    Exchange exchange = context.getBean(Exchange.class);
                    TradePulse tp = context.getBean(TradePulse.class);
                    assertThat(tp.meterRegistry()).isInstanceOf(BrokenTimers.class);

                    assertThat(exchange.placeOrder("BTCUSDT")).isEqualTo("filled BTCUSDT");

                    assertThat(tp.monitoring().instrumentationFailures()).isPositive();
                });
    }

    @Test
    void aFailingListenerNeverReplacesTheCallersOwnFailure() {
        starter().run(context -> {
            Exchange exchange = context.getBean(Exchange.class);
            TradePulse tp = context.getBean(TradePulse.class);
            tp.monitoring().addListener(new MonitoringListener() {
                @Override
                public void onRetryExhausted(RetryExhausted event) {
                    throw new AssertionError("listener broke");
                }
            });
            exchange.failFirst(100);

            assertThatThrownBy(() -> exchange.placeOrder("BTCUSDT")).isInstanceOf(IOException.class)
                    .hasMessage("exchange down for BTCUSDT");

            assertThat(exchange.calls()).isEqualTo(3);
            assertThat(tp.monitoring().instrumentationFailures()).isPositive();
        });
    }

    @Test
    void aFallbackThatDoesNotFitFailsTheStartNamingTheMethod() {
        starter().withBean(BadFallback.class).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("BadFallback.fetch")
                .hasMessageContaining("fallbackMethod = \"missing\""));
    }

    /** Micrometer's aspects on the application's registry, as an application declares them. */
    @Configuration(proxyBeanMethods = false)
    static class MicrometerAspects {
        @Bean
        TimedAspect timedAspect(MeterRegistry registry) {
            return new TimedAspect(registry);
        }

        @Bean
        CountedAspect countedAspect(MeterRegistry registry) {
            return new CountedAspect(registry);
        }
    }

    /** Fails the start: its fallback does not exist. */
    public static class BadFallback {
        @Retry(name = "exchange", fallbackMethod = "missing")
        public String fetch() {
            return "x";
        }
    }

    /** A registry whose timers throw on every record. */
    static final class BrokenTimers extends SimpleMeterRegistry {
        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            Timer real = super.newTimer(id, config, pauseDetector);
            return (Timer) Proxy.newProxyInstance(Timer.class.getClassLoader(), new Class<?>[] {Timer.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("record")) {
                            throw new IllegalStateException("broken timer");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
