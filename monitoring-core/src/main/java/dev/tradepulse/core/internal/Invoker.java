package dev.tradepulse.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * One layer of a precomputed call chain. The chain for a method is built once; each call
 * passes the target and its arguments down through the layers. Implementations are stateless
 * or thread-safe, since one chain serves every thread calling the proxy.
 */
@FunctionalInterface
public interface Invoker {

    /**
     * Performs the call.
     *
     * @param target the object called (for programmatic decorations, the task itself)
     * @param args the arguments; empty for none
     * @return the result, null for a void method or a null result
     * @throws Throwable what the call threw, unwrapped
     */
    @Nullable Object invoke(Object target, @Nullable Object[] args) throws Throwable;
}
