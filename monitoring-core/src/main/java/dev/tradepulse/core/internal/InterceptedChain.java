package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.core.MethodChain;
import org.jspecify.annotations.Nullable;

/**
 * A precomputed chain whose innermost layer is the framework's own attempt rather than a call on
 * the target: each call passes an {@link Intercepted} down the layers as their target, which the
 * terminal proceeds with and a fallback unwraps. Immutable and thread-safe.
 */
final class InterceptedChain implements MethodChain {

    private static final Object[] NO_ARGS = new Object[0];

    /** The innermost layer: one attempt of the framework's call. */
    static final Invoker TERMINAL = (target, args) -> ((Intercepted) target).attempt().proceed();

    private final Invoker chain;
    private final boolean retries;

    InterceptedChain(Invoker chain, boolean retries) {
        this.chain = chain;
        this.retries = retries;
    }

    @Override
    public @Nullable Object call(Object target, @Nullable Object @Nullable [] args, Attempt attempt) throws Throwable {
        Checks.notNull(target, "target");
        Checks.notNull(attempt, "attempt");
        return chain.invoke(new Intercepted(target, attempt), args == null ? NO_ARGS : args);
    }

    @Override
    public boolean retries() {
        return retries;
    }

    /** What the layers of an intercepted call pass down as their target. */
    record Intercepted(Object target, Attempt attempt) {

        /** The object a fallback method is called on: the real target behind an intercepted call. */
        static Object receiver(Object target) {
            return target instanceof Intercepted intercepted ? intercepted.target() : target;
        }
    }
}
