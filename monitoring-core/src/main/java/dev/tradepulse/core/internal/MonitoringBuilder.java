package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.core.MonitoringListener;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** The mutable side of {@link Monitoring.Builder}; {@link #build()} copies everything. */
public final class MonitoringBuilder implements Monitoring.Builder {

    private @Nullable MeterRegistry meterRegistry;
    private @Nullable RetryRegistry retryRegistry;
    private @Nullable CircuitBreakerRegistry circuitBreakerRegistry;
    private final Map<String, RetryConfig> retries = new LinkedHashMap<>();
    private final Map<String, CircuitBreakerConfig> breakers = new LinkedHashMap<>();
    private @Nullable Clock clock;
    private Sleeper sleeper = Sleeper.THREAD_SLEEP;
    private @Nullable ScheduledExecutorService scheduler;
    private Duration slowCallThreshold = Duration.ofSeconds(1);
    private final Map<String, Duration> slowCallByName = new HashMap<>();
    private final List<MonitoringListener> listeners = new ArrayList<>();

    /** Use {@link Monitoring#builder()}. */
    public MonitoringBuilder() {
    }

    @Override
    public Monitoring.Builder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Checks.notNull(registry, "registry");
        return this;
    }

    @Override
    public Monitoring.Builder retryRegistry(RetryRegistry registry) {
        this.retryRegistry = Checks.notNull(registry, "registry");
        return this;
    }

    @Override
    public Monitoring.Builder circuitBreakerRegistry(CircuitBreakerRegistry registry) {
        this.circuitBreakerRegistry = Checks.notNull(registry, "registry");
        return this;
    }

    @Override
    public Monitoring.Builder retry(String name) {
        return retry(name, Monitoring.defaultRetryConfig());
    }

    @Override
    public Monitoring.Builder retry(String name, RetryConfig config) {
        retries.put(Checks.notBlank(name, "name"), Checks.notNull(config, "config"));
        return this;
    }

    @Override
    public Monitoring.Builder circuitBreaker(String name, CircuitBreakerConfig config) {
        breakers.put(Checks.notBlank(name, "name"), Checks.notNull(config, "config"));
        return this;
    }

    @Override
    public Monitoring.Builder clock(Clock clock) {
        this.clock = Checks.notNull(clock, "clock");
        return this;
    }

    @Override
    public Monitoring.Builder sleeper(Sleeper sleeper) {
        this.sleeper = Checks.notNull(sleeper, "sleeper");
        return this;
    }

    @Override
    public Monitoring.Builder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = Checks.notNull(scheduler, "scheduler");
        return this;
    }

    @Override
    public Monitoring.Builder slowCallThreshold(Duration threshold) {
        this.slowCallThreshold = Checks.positive(threshold, "threshold");
        return this;
    }

    @Override
    public Monitoring.Builder slowCallThreshold(String metricName, Duration threshold) {
        slowCallByName.put(Checks.notBlank(metricName, "metricName"), Checks.positive(threshold, "threshold"));
        return this;
    }

    @Override
    public Monitoring.Builder listener(MonitoringListener listener) {
        listeners.add(Checks.notNull(listener, "listener"));
        return this;
    }

    @Override
    public Monitoring build() {
        MeterRegistry registry = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
        RetryRegistry retryReg = retryRegistry != null ? retryRegistry
                : RetryRegistry.of(Monitoring.defaultRetryConfig());
        CircuitBreakerRegistry breakerReg = circuitBreakerRegistry != null ? circuitBreakerRegistry
                : CircuitBreakerRegistry.ofDefaults();
        retries.forEach(retryReg::retry);
        breakers.forEach(breakerReg::circuitBreaker);
        Clock effectiveClock = clock != null ? clock : registry.config().clock();
        return new DefaultMonitoring(registry, retryReg, breakerReg, effectiveClock, sleeper, scheduler,
                slowCallThreshold, slowCallByName, listeners);
    }
}
