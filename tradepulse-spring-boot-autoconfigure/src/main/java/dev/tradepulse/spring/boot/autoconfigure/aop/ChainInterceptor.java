package dev.tradepulse.spring.boot.autoconfigure.aop;

import dev.tradepulse.core.MethodChain;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;

/**
 * The advisor of one bean: its pointcut matches the methods that have a chain, and its
 * interceptor runs each call through the chain precomputed for the method. An attempt proceeds
 * down Spring's interceptor chain; a chain that retries proceeds on a fresh copy of the invocation
 * for each attempt (as Spring's AspectJ {@code proceed()} does), so the interceptors inside it run
 * again on every attempt.
 *
 * <p>Immutable and thread-safe.
 */
final class ChainInterceptor extends StaticMethodMatcherPointcutAdvisor implements MethodInterceptor {

    private static final long serialVersionUID = 1L;

    private final transient Map<Method, MethodChain> chains;
    // A proxy passes the same Method object on every call (a static field of the proxy class), while
    // reflection hands out copies; an identity map keyed by the proxy's own objects finds the chain
    // without Method.equals. Copied on write: misses are bounded by the Method objects the proxy has.
    private transient volatile IdentityHashMap<Method, MethodChain> byIdentity = new IdentityHashMap<>();

    ChainInterceptor(Map<Method, MethodChain> chains) {
        this.chains = Map.copyOf(chains);
        setAdvice(this);
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        return chains.containsKey(method);
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        MethodChain chain = byIdentity.get(method);
        if (chain == null) {
            chain = chains.get(method);
            if (chain != null) {
                remember(method, chain);
            }
        }
        Object target = invocation.getThis();
        if (chain == null || target == null) {
            return invocation.proceed();
        }
        MethodChain.Attempt attempt = chain.retries() && invocation instanceof ProxyMethodInvocation proxied
                ? () -> proxied.invocableClone().proceed()
                : invocation::proceed;
        return chain.call(target, invocation.getArguments(), attempt);
    }

    private synchronized void remember(Method method, MethodChain chain) {
        IdentityHashMap<Method, MethodChain> copy = new IdentityHashMap<>(byIdentity);
        copy.put(method, chain);
        byIdentity = copy;
    }
}
