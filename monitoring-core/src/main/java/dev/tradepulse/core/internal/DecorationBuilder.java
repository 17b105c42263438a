package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.core.Decoration;
import dev.tradepulse.core.ExecutionTimer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** Resolves the named layers of a decoration and builds its two chains, sync and async, once. */
final class DecorationBuilder implements Decoration.Builder {

    private final String operation;
    private final MonitoringContext context;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private @Nullable TimerSpec timer;
    private @Nullable String retryName;
    private @Nullable String breakerName;

    DecorationBuilder(String operation, MonitoringContext context, RetryRegistry retries,
            CircuitBreakerRegistry breakers) {
        this.operation = operation;
        this.context = context;
        this.retries = retries;
        this.breakers = breakers;
    }

    @Override
    public Decoration.Builder timer(String metricName) {
        this.timer = new TimerBuilder(Checks.notBlank(metricName, "metricName"), context).spec();
        return this;
    }

    @Override
    public Decoration.Builder timer(ExecutionTimer timer) {
        Checks.notNull(timer, "timer");
        if (!(timer instanceof TimerBuilder.DefaultExecutionTimer own) || own.context() != context) {
            throw new IllegalArgumentException("timer must come from this Monitoring's timer(...) builder");
        }
        this.timer = own.spec();
        return this;
    }

    @Override
    public Decoration.Builder retry(String name) {
        this.retryName = Checks.notBlank(name, "name");
        return this;
    }

    @Override
    public Decoration.Builder circuitBreaker(String name) {
        this.breakerName = Checks.notBlank(name, "name");
        return this;
    }

    @Override
    public Decoration build() {
        Retry retry = retryName == null ? null : retries.find(retryName).orElseThrow(() ->
                new IllegalArgumentException("decoration '" + operation + "': no retry named '" + retryName
                        + "'; register it with Monitoring.builder().retry(name, config)"));
        CircuitBreaker breaker = breakerName == null ? null : breakers.find(breakerName).orElseThrow(() ->
                new IllegalArgumentException("decoration '" + operation + "': no circuit breaker named '" + breakerName
                        + "'; register it with Monitoring.builder().circuitBreaker(name, config)"));
        OutcomeTimer outcomeTimer = timer == null ? null : new OutcomeTimer(timer, Tags.of("operation", operation),
                operation, LoggerFactory.getLogger(Decoration.class), context);
        return new DefaultDecoration(operation, chain(Tasks.SYNC, false, retry, breaker, outcomeTimer),
                chain(Tasks.ASYNC, true, retry, breaker, outcomeTimer));
    }

    private Invoker chain(Invoker terminal, boolean async, @Nullable Retry retry, @Nullable CircuitBreaker breaker,
            @Nullable OutcomeTimer timer) {
        Invoker chain = terminal;
        if (breaker != null) {
            chain = CircuitBreakerStage.of(breaker, async, chain);
        }
        if (retry != null) {
            chain = RetryStage.of(retry, operation, async, context, chain);
        }
        if (timer != null) {
            chain = TimingStage.of(timer, context.clock(), async, chain);
        }
        return chain;
    }

    /** An immutable decoration: two precomputed chains. */
    private record DefaultDecoration(String operation, Invoker sync, Invoker async) implements Decoration {

        @Override
        public <T> T call(Callable<T> task) throws Exception {
            return Tasks.call(sync, Checks.notNull(task, "task"));
        }

        @Override
        public <T> T get(Supplier<T> task) {
            return Tasks.get(sync, Checks.notNull(task, "task"));
        }

        @Override
        public void run(Runnable task) {
            Tasks.run(sync, Checks.notNull(task, "task"));
        }

        @Override
        public <T> CompletionStage<T> stage(Supplier<? extends CompletionStage<T>> task) {
            return Tasks.stage(async, Checks.notNull(task, "task"));
        }

        @Override
        public String toString() {
            return "Decoration[" + operation + "]";
        }
    }
}
