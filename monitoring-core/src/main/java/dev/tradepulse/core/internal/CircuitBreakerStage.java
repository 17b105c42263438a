package dev.tradepulse.core.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.CompletableFuture;

/** The circuit-breaker layer: each attempt asks for permission and reports its outcome. */
final class CircuitBreakerStage {

    private CircuitBreakerStage() {
    }

    static Invoker of(CircuitBreaker breaker, boolean async, Invoker next) {
        return async ? asyncStage(breaker, next) : syncStage(breaker, next);
    }

    private static Invoker syncStage(CircuitBreaker breaker, Invoker next) {
        return (target, args) -> {
            if (!breaker.tryAcquirePermission()) {
                throw CallNotPermittedException.createCallNotPermittedException(breaker);
            }
            long start = breaker.getCurrentTimestamp();
            Object result;
            try {
                result = next.invoke(target, args);
            } catch (Exception failure) {
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), failure);
                throw failure;
            } catch (Throwable error) {
                // An Error says nothing about the remote side; give the permission back unjudged.
                breaker.releasePermission();
                throw error;
            }
            breaker.onResult(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), result);
            return result;
        };
    }

    private static Invoker asyncStage(CircuitBreaker breaker, Invoker next) {
        return (target, args) -> {
            if (!breaker.tryAcquirePermission()) {
                return CompletableFuture.failedFuture(CallNotPermittedException.createCallNotPermittedException(breaker));
            }
            long start = breaker.getCurrentTimestamp();
            CompletableFuture<Object> promise = new CompletableFuture<>();
            Futures.stageOf(next, target, args).whenComplete((value, error) -> {
                Throwable failure = error == null ? null : Futures.unwrap(error);
                long elapsed = breaker.getCurrentTimestamp() - start;
                if (failure == null) {
                    breaker.onResult(elapsed, breaker.getTimestampUnit(), value);
                } else if (failure instanceof Exception) {
                    breaker.onError(elapsed, breaker.getTimestampUnit(), failure);
                } else {
                    breaker.releasePermission();
                }
                TimingStage.complete(promise, value, failure);
            });
            return promise;
        };
    }
}
