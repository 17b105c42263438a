package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Puts a {@link PreTradeGate} in front of the order-placing methods of an interface, so that an
 * order the gate refuses never reaches the client: a halted strategy cannot send an order
 * through it at all.
 *
 * <pre>{@code
 * ExchangeClient guarded = OrderGuard.wrap(ExchangeClient.class, client, gate, Map.of(
 *     "placeOrder", args -> OrderIntent.of((String) args[0], (Side) args[1], (double) args[2], (double) args[3]),
 *     "closePosition", args -> OrderIntent.of((String) args[0], (Side) args[1], (double) args[2], Double.NaN)
 *         .asReduceOnly()));
 * guarded.placeOrder("BTCUSDT", Side.BUY, 0.1, 64_000);   // checked, then sent
 * guarded.cancelOrder("o-1");                             // not mapped: passes straight through
 * }</pre>
 *
 * <p>The mapping names methods; every overload of a named method is guarded by its extractor,
 * which reads the intent from the call's arguments. Everything is resolved at {@link #wrap}
 * time: a name that matches no method of the interface fails there, with the known names.
 * Unmapped methods (cancels, queries) pass through untouched. A refused call throws
 * {@link OrderDeniedException}; an extractor that throws, or returns null, refuses the call with
 * {@link GateDecision.Reason#INVALID_INTENT} (a guard does not guess). Exceptions from the target
 * reach the caller unwrapped.
 *
 * <p>The proxy is thread-safe when the target and the extractors are.
 */
public final class OrderGuard {

    /**
     * Reads the order a call would place from its arguments. Must be thread-safe.
     */
    @FunctionalInterface
    public interface IntentExtractor {
        /**
         * @param args the call's arguments (an empty array for none)
         * @return the order
         */
        OrderIntent intentOf(@Nullable Object[] args);
    }

    private OrderGuard() {
    }

    /**
     * A proxy of {@code type} that checks the mapped methods' orders with the gate before calling
     * the target.
     *
     * @param <T> the interface
     * @param type the interface, such as {@code ExchangeClient.class}
     * @param target the real client
     * @param gate the gate
     * @param mapping method name to the extractor of its order
     * @return the guarded client
     * @throws NullPointerException if an argument, or an extractor, is null
     * @throws IllegalArgumentException if {@code type} is not an interface, {@code mapping} is
     *     empty, or names a method {@code type} does not have
     */
    public static <T> T wrap(Class<T> type, T target, PreTradeGate gate, Map<String, IntentExtractor> mapping) {
        Checks.notNull(type, "type");
        Checks.notNull(target, "target");
        Checks.notNull(gate, "gate");
        Checks.notNull(mapping, "mapping");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("type must be an interface, got " + type.getName());
        }
        if (mapping.isEmpty()) {
            throw new IllegalArgumentException("mapping must name at least one order-placing method of "
                    + type.getName());
        }
        Map<String, List<Method>> byName = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            if (!m.getDeclaringClass().equals(Object.class)) {
                byName.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            }
        }
        List<String> problems = new ArrayList<>();
        Map<Method, IntentExtractor> guarded = new HashMap<>();
        mapping.forEach((name, extractor) -> {
            Checks.notNull(extractor, "mapping[" + name + "]");
            List<Method> methods = byName.get(name);
            if (methods == null) {
                problems.add("'" + name + "'");
            } else {
                methods.forEach(m -> guarded.put(m, extractor));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("mapping names " + String.join(", ", problems) + ", which "
                    + type.getName() + " does not have; its methods are " + new TreeSet<>(byName.keySet()));
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Handler(target, gate, Map.copyOf(guarded), type.getSimpleName()));
        return type.cast(proxy);
    }

    private static final class Handler implements InvocationHandler {
        private static final Object[] NO_ARGS = new Object[0];

        private final Object target;
        private final PreTradeGate gate;
        private final Map<Method, IntentExtractor> guarded;
        private final String typeName;

        Handler(Object target, PreTradeGate gate, Map<Method, IntentExtractor> guarded, String typeName) {
            this.target = target;
            this.gate = gate;
            this.guarded = guarded;
            this.typeName = typeName;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
                throws Throwable {
            if (method.getDeclaringClass().equals(Object.class)) {
                return objectMethod(proxy, method, args);
            }
            IntentExtractor extractor = guarded.get(method);
            if (extractor != null) {
                guard(method, extractor, args == null ? NO_ARGS : args);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw cause == null ? e : cause;
            }
        }

        private void guard(Method method, IntentExtractor extractor, @Nullable Object[] args) {
            OrderIntent intent;
            try {
                intent = extractor.intentOf(args);
            } catch (RuntimeException e) {
                throw denied(method, null, e);
            }
            if (intent == null) {
                throw denied(method, null, null);
            }
            GateDecision decision = gate.check(intent);
            if (!decision.allowed()) {
                throw new OrderDeniedException(typeName + "." + method.getName(), decision, intent, null);
            }
        }

        private OrderDeniedException denied(Method method, @Nullable OrderIntent intent, @Nullable Throwable cause) {
            return new OrderDeniedException(typeName + "." + method.getName(),
                    GateDecision.of(GateDecision.Reason.INVALID_INTENT), intent, cause);
        }

        private @Nullable Object objectMethod(Object proxy, Method method, @Nullable Object @Nullable [] args) {
            switch (method.getName()) {
                case "equals":
                    return args != null && args.length == 1 && proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "OrderGuard[" + typeName + ", " + gate.strategy() + "]";
                default:
                    throw new UnsupportedOperationException(method.getName() + Arrays.toString(args));
            }
        }
    }
}
