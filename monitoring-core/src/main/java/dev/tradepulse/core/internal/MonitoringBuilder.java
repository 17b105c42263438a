package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.core.MonitoringConfig;
import dev.tradepulse.core.MonitoringListener;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** The mutable side of {@link Monitoring.Builder}; {@link #build()} copies everything. Not thread-safe. */
public final class MonitoringBuilder implements Monitoring.Builder {

    private MonitoringConfig.Builder config = MonitoringConfig.custom();
    private @Nullable MeterRegistry meterRegistry;
    private @Nullable RetryRegistry retryRegistry;
    private @Nullable CircuitBreakerRegistry circuitBreakerRegistry;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.THREAD_SLEEP;
    private @Nullable ScheduledExecutorService scheduler;
    private final List<MonitoringListener> listeners = new ArrayList<>();

    /** Use {@link Monitoring#builder()}. */
    public MonitoringBuilder() {
    }

    @Override
    public Monitoring.Builder config(MonitoringConfig config) {
        this.config = MonitoringConfig.from(Checks.notNull(config, "config"));
        return this;
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
        config.retry(name);
        return this;
    }

    @Override
    public Monitoring.Builder retry(String name, RetryConfig config) {
        this.config.retry(name, config);
        return this;
    }

    @Override
    public Monitoring.Builder circuitBreaker(String name, CircuitBreakerConfig config) {
        this.config.circuitBreaker(name, config);
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
        config.slowCallThreshold(threshold);
        return this;
    }

    @Override
    public Monitoring.Builder slowCallThreshold(String metricName, Duration threshold) {
        config.slowCallThreshold(metricName, threshold);
        return this;
    }

    @Override
    public Monitoring.Builder listener(MonitoringListener listener) {
        listeners.add(Checks.notNull(listener, "listener"));
        return this;
    }

    @Override
    public Monitoring build() {
        MonitoringConfig settings = config.build();
        MeterRegistry registry = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
        RetryRegistry retryReg = retryRegistry != null ? retryRegistry
                : RetryRegistry.of(MonitoringConfig.defaultRetryConfig());
        CircuitBreakerRegistry breakerReg = circuitBreakerRegistry != null ? circuitBreakerRegistry
                : CircuitBreakerRegistry.ofDefaults();
        settings.retries().forEach(retryReg::retry);
        settings.circuitBreakers().forEach(breakerReg::circuitBreaker);
        return new DefaultMonitoring(settings, registry, retryReg, breakerReg, clock, sleeper, scheduler, listeners);
    }
}
