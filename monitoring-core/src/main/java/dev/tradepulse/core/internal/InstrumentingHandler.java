package dev.tradepulse.core.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Dispatches each proxied call to the chain precomputed for its method. Serves both JDK
 * proxies and generated subclasses, which pass the same kind of {@link Method}.
 */
final class InstrumentingHandler implements InvocationHandler {

    private static final Object[] NO_ARGS = new Object[0];

    private final Object target;
    private final Map<Method, Invoker> chains;
    private final Map<String, Invoker> bySignature;
    private final Map<Method, Invoker> resolvedLate = new ConcurrentHashMap<>();
    // A JDK proxy passes the same Method object on every call (its class's static fields), so an
    // identity lookup finds the chain without Method.equals comparing parameter types each time.
    // Copied on write: misses are bounded by the number of Method objects the proxy ever passes.
    private volatile IdentityHashMap<Method, Invoker> byIdentity = new IdentityHashMap<>();

    InstrumentingHandler(Object target, Map<Method, Invoker> chains) {
        this.target = target;
        Map<Method, Invoker> all = new HashMap<>(chains);
        try {
            all.put(Object.class.getMethod("equals", Object.class), (t, args) -> t.equals(unwrap(args[0])));
            all.put(Object.class.getMethod("hashCode"), (t, args) -> t.hashCode());
            all.put(Object.class.getMethod("toString"), (t, args) -> t.toString());
            all.put(InstrumentedProxy.class.getMethod("tradepulseTarget"), (t, args) -> t);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        this.chains = Map.copyOf(all);
        Map<String, Invoker> signatures = new HashMap<>();
        all.forEach((method, invoker) -> signatures.put(signature(method), invoker));
        this.bySignature = Map.copyOf(signatures);
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
        Invoker chain = byIdentity.get(method);
        if (chain == null) {
            chain = chains.get(method);
            if (chain == null) {
                chain = resolve(method);
            }
            remember(method, chain);
        }
        return chain.invoke(target, args == null ? NO_ARGS : args); // a proxy passes null for no arguments
    }

    private synchronized void remember(Method method, Invoker chain) {
        IdentityHashMap<Method, Invoker> copy = new IdentityHashMap<>(byIdentity);
        copy.put(method, chain);
        byIdentity = copy;
    }

    /** A method seen through another declaration (an override, say) maps by its signature. */
    private Invoker resolve(Method method) {
        return resolvedLate.computeIfAbsent(method, m -> {
            Invoker known = bySignature.get(signature(m));
            if (known != null) {
                return known;
            }
            m.trySetAccessible();
            return new MethodTerminal(m);
        });
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }

    /** The target behind one of our proxies, or the object itself. */
    static Object unwrap(Object other) {
        if (other != null && Proxy.isProxyClass(other.getClass())
                && Proxy.getInvocationHandler(other) instanceof InstrumentingHandler handler) {
            return handler.target;
        }
        if (other instanceof InstrumentedProxy proxy) {
            return proxy.tradepulseTarget();
        }
        return other;
    }
}
