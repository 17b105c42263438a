package dev.tradepulse.core.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @Counted} layer, tagged as Micrometer's {@code CountedAspect} tags:
 * {@code result} ({@code success}/{@code failure}) and {@code exception}.
 */
final class CountingStage {

    private final String name;
    private final Tags tags;
    private final @Nullable String description;
    private final MonitoringContext context;
    private final @Nullable Counter success;
    private final ConcurrentMap<Class<?>, Counter> failures = new ConcurrentHashMap<>();

    private CountingStage(String name, Tags tags, @Nullable String description, boolean failuresOnly, MonitoringContext context) {
        this.name = name;
        this.tags = tags;
        this.description = description;
        this.context = context;
        this.success = failuresOnly ? null : counter("success", "none");
    }

    static Invoker of(String name, Tags tags, @Nullable String description, boolean failuresOnly, boolean async,
            MonitoringContext context, Invoker next) {
        CountingStage stage = new CountingStage(name, tags, description, failuresOnly, context);
        if (async) {
            return (target, args) -> {
                CompletableFuture<Object> promise = new CompletableFuture<>();
                Futures.stageOf(next, target, args).whenComplete((value, failure) -> {
                    Throwable cause = failure == null ? null : Futures.unwrap(failure);
                    stage.count(cause);
                    TimingStage.complete(promise, value, cause);
                });
                return promise;
            };
        }
        return (target, args) -> {
            Object result;
            try {
                result = next.invoke(target, args);
            } catch (Throwable failure) {
                stage.count(failure);
                throw failure;
            }
            stage.count(null);
            return result;
        };
    }

    private void count(@Nullable Throwable failure) {
        try {
            if (failure == null) {
                if (success != null) {
                    success.increment();
                }
            } else {
                failures.computeIfAbsent(failure.getClass(), type -> counter("failure", type.getSimpleName())).increment();
            }
        } catch (Throwable e) {
            context.failures().report("counter " + name, e);
        }
    }

    private Counter counter(String result, String exception) {
        return Counter.builder(name)
                .tags(tags)
                .tag("result", result)
                .tag("exception", exception)
                .description(description)
                .register(context.registry());
    }
}
