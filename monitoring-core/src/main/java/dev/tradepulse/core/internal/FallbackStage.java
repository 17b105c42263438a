package dev.tradepulse.core.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Calls a fallback method when the layer inside it fails, as resilience4j's
 * {@code fallbackMethod} does: the fallback takes the original arguments plus the failure,
 * and the one declaring the most specific matching exception type wins.
 */
final class FallbackStage {

    /** A fallback method and the failure type its last parameter accepts. */
    record Candidate(Method method, Class<?> accepts) {
    }

    private final List<Candidate> candidates;

    private FallbackStage(List<Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    static Invoker of(List<Candidate> mostSpecificFirst, boolean async, Invoker next) {
        FallbackStage stage = new FallbackStage(mostSpecificFirst);
        if (async) {
            return (target, args) -> {
                CompletableFuture<Object> promise = new CompletableFuture<>();
                Futures.stageOf(next, target, args).whenComplete((value, error) -> {
                    if (error == null) {
                        promise.complete(value);
                        return;
                    }
                    Throwable failure = Futures.unwrap(error);
                    Candidate candidate = stage.find(failure);
                    if (candidate == null) {
                        promise.completeExceptionally(failure);
                        return;
                    }
                    Futures.stageOf((t, a) -> stage.call(candidate, t, a, failure), target, args)
                            .whenComplete((fallbackValue, fallbackError) -> TimingStage.complete(promise, fallbackValue,
                                    fallbackError == null ? null : Futures.unwrap(fallbackError)));
                });
                return promise;
            };
        }
        return (target, args) -> {
            try {
                return next.invoke(target, args);
            } catch (Throwable failure) {
                Candidate candidate = stage.find(failure);
                if (candidate == null) {
                    throw failure;
                }
                return stage.call(candidate, target, args, failure);
            }
        };
    }

    private @Nullable Candidate find(Throwable failure) {
        for (Candidate candidate : candidates) {
            if (candidate.accepts().isInstance(failure)) {
                return candidate;
            }
        }
        return null;
    }

    private Object call(Candidate candidate, Object target, Object[] args, Throwable failure) throws Throwable {
        int n = args == null ? 0 : args.length;
        Object[] withFailure = new Object[n + 1];
        if (n > 0) {
            System.arraycopy(args, 0, withFailure, 0, n);
        }
        withFailure[n] = failure;
        try {
            return candidate.method().invoke(InterceptedChain.Intercepted.receiver(target), withFailure);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
