package dev.tradepulse.core;

import org.jspecify.annotations.Nullable;

/**
 * The chain that {@link Monitoring#instrument(Class, Object)} builds for one annotated method
 * (timer, counter, retry, circuit breaker, fallbacks, in that nesting), for a framework that
 * intercepts calls itself, such as Spring AOP, instead of using TradePulse's proxy. Get it with
 * {@link Monitoring#chain}; it is built once per method and serves every call.
 *
 * <p>Each call hands in the target, the arguments and how to make one attempt of the underlying
 * call: the chain calls {@link Attempt#proceed()} once per attempt (more than once when it
 * retries, see {@link #retries()}) and a fallback method on the target when one applies.
 *
 * <p>Immutable and thread-safe: one chain serves any number of threads at once.
 */
public interface MethodChain {

    /**
     * Runs one call through the chain.
     *
     * @param target the object the method belongs to; fallback methods are called on it
     * @param args the call's arguments; empty or null for none
     * @param attempt makes one attempt of the underlying call
     * @return the result, null for a void method
     * @throws Throwable what the last attempt (or the fallback) threw, unwrapped, or resilience4j's
     *     {@code CallNotPermittedException} from an open breaker
     */
    @Nullable Object call(Object target, @Nullable Object @Nullable [] args, Attempt attempt) throws Throwable;

    /**
     * Whether the chain may make more than one attempt per call ({@code @Retry} applies), so that
     * {@link Attempt#proceed()} must be callable more than once.
     *
     * @return true if a retry layer is part of the chain
     */
    boolean retries();

    /** One attempt of the underlying call. Called on the caller's thread, or on the retry scheduler for asynchronous methods. */
    @FunctionalInterface
    interface Attempt {

        /**
         * Makes the attempt.
         *
         * @return the method's result
         * @throws Throwable what the method threw
         */
        @Nullable Object proceed() throws Throwable;
    }
}
