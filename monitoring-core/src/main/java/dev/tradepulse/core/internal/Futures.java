package dev.tradepulse.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Small helpers for the asynchronous layers. */
final class Futures {

    private Futures() {
    }

    /** Strips the wrappers that stages add around the real failure. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Turns what an asynchronous method returned, or threw, into a stage. */
    static CompletionStage<?> stageOf(Invoker next, Object target, Object[] args) {
        try {
            Object result = next.invoke(target, args);
            if (result == null) {
                return CompletableFuture.failedFuture(
                        new NullPointerException("an asynchronous method returned null instead of a CompletionStage"));
            }
            return (CompletionStage<?>) result;
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }
}
