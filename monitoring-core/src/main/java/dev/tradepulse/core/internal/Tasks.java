package dev.tradepulse.core.internal;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The innermost layer for programmatic calls, where the "target" is the task itself, and the
 * entry points that run a chain and give the task's own exceptions back as thrown.
 */
final class Tasks {

    private static final Object[] NO_ARGS = new Object[0];

    /** Runs a {@link Callable}, {@link Supplier} or {@link Runnable}. */
    static final Invoker SYNC = (task, args) -> {
        if (task instanceof Callable<?> callable) {
            return callable.call();
        }
        if (task instanceof Supplier<?> supplier) {
            return supplier.get();
        }
        ((Runnable) task).run();
        return null;
    };

    /** Starts a {@code Supplier<CompletionStage>}. */
    static final Invoker ASYNC = (task, args) -> ((Supplier<?>) task).get();

    private Tasks() {
    }

    static void run(Invoker chain, Runnable task) {
        try {
            chain.invoke(task, NO_ARGS);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    // T is the caller's: a task that returns null returns null through the chain
    @SuppressWarnings({"unchecked", "NullAway"})
    static <T> T get(Invoker chain, Supplier<T> task) {
        try {
            return (T) chain.invoke(task, NO_ARGS);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    // T is the caller's: a task that returns null returns null through the chain
    @SuppressWarnings({"unchecked", "NullAway"})
    static <T> T call(Invoker chain, Callable<T> task) throws Exception {
        try {
            return (T) chain.invoke(task, NO_ARGS);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    // an async task returns its stage; a null one is the task's own bug, reported by the chain's stages
    @SuppressWarnings({"unchecked", "NullAway"})
    static <T> CompletionStage<T> stage(Invoker chain, Supplier<? extends CompletionStage<T>> task) {
        try {
            return (CompletionStage<T>) chain.invoke(task, NO_ARGS);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** A task given as Runnable or Supplier can only throw unchecked exceptions; anything else is wrapped. */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new UndeclaredThrowableException(t);
    }
}
