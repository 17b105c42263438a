package dev.tradepulse.core.internal;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The innermost layer as a direct call: {@link LambdaMetafactory} spins a small class that
 * casts the arguments and calls the method with an ordinary invoke instruction, which the JIT
 * inlines. Since JDK 18, {@code Method.invoke} goes through a method handle that cannot be
 * inlined from a non-constant {@code Method}, so the argument array and boxed result escape;
 * this layer avoids that. Where a direct call cannot be made safely it falls back to
 * {@link MethodTerminal}.
 */
final class DirectCalls {

    /** Zero arguments, with a result. */
    @FunctionalInterface
    public interface Call0 {
        Object call(Object target) throws Throwable;
    }

    /** One argument, with a result. */
    @FunctionalInterface
    public interface Call1 {
        Object call(Object target, Object a0) throws Throwable;
    }

    /** Two arguments, with a result. */
    @FunctionalInterface
    public interface Call2 {
        Object call(Object target, Object a0, Object a1) throws Throwable;
    }

    /** Three arguments, with a result. */
    @FunctionalInterface
    public interface Call3 {
        Object call(Object target, Object a0, Object a1, Object a2) throws Throwable;
    }

    /** Zero arguments, void. */
    @FunctionalInterface
    public interface Run0 {
        void call(Object target) throws Throwable;
    }

    /** One argument, void. */
    @FunctionalInterface
    public interface Run1 {
        void call(Object target, Object a0) throws Throwable;
    }

    /** Two arguments, void. */
    @FunctionalInterface
    public interface Run2 {
        void call(Object target, Object a0, Object a1) throws Throwable;
    }

    /** Three arguments, void. */
    @FunctionalInterface
    public interface Run3 {
        void call(Object target, Object a0, Object a1, Object a2) throws Throwable;
    }

    private static final Class<?>[] CALLS = {Call0.class, Call1.class, Call2.class, Call3.class};
    private static final Class<?>[] RUNS = {Run0.class, Run1.class, Run2.class, Run3.class};

    private DirectCalls() {
    }

    /** A direct-call terminal for {@code method}, or the reflective one if that is not possible. */
    static Invoker terminal(Method method) {
        int arity = method.getParameterCount();
        if (arity >= CALLS.length || Modifier.isStatic(method.getModifiers()) || !visibleFromHere(method)) {
            return new MethodTerminal(method);
        }
        try {
            boolean isVoid = method.getReturnType() == void.class;
            Class<?> shape = isVoid ? RUNS[arity] : CALLS[arity];
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle impl = lookup.unreflect(method);
            MethodType erased = isVoid ? MethodType.genericMethodType(arity + 1).changeReturnType(void.class)
                    : MethodType.genericMethodType(arity + 1);
            MethodType exact = impl.type().wrap();
            if (isVoid) {
                exact = exact.changeReturnType(void.class);
            }
            Object call = LambdaMetafactory.metafactory(lookup, "call", MethodType.methodType(shape), erased, impl, exact)
                    .getTarget().invoke();
            return adapt(call);
        } catch (Throwable notPossible) {
            return new MethodTerminal(method);
        }
    }

    private static Invoker adapt(Object call) {
        if (call instanceof Call0 c) {
            return (target, args) -> c.call(target);
        }
        if (call instanceof Call1 c) {
            return (target, args) -> c.call(target, args[0]);
        }
        if (call instanceof Call2 c) {
            return (target, args) -> c.call(target, args[0], args[1]);
        }
        if (call instanceof Call3 c) {
            return (target, args) -> c.call(target, args[0], args[1], args[2]);
        }
        if (call instanceof Run0 r) {
            return (target, args) -> {
                r.call(target);
                return null;
            };
        }
        if (call instanceof Run1 r) {
            return (target, args) -> {
                r.call(target, args[0]);
                return null;
            };
        }
        if (call instanceof Run2 r) {
            return (target, args) -> {
                r.call(target, args[0], args[1]);
                return null;
            };
        }
        Run3 r = (Run3) call;
        return (target, args) -> {
            r.call(target, args[0], args[1], args[2]);
            return null;
        };
    }

    /**
     * The spun class lives in our class loader and links the method's types lazily; if any of
     * them is not the same class when seen from here (a child loader, say), linking would fail
     * at the first call, so use reflection instead.
     */
    private static boolean visibleFromHere(Method method) {
        if (!Modifier.isPublic(method.getModifiers()) || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            return false;
        }
        List<Class<?>> types = new ArrayList<>(List.of(method.getParameterTypes()));
        types.add(method.getReturnType());
        types.add(method.getDeclaringClass());
        ClassLoader ours = DirectCalls.class.getClassLoader();
        for (Class<?> type : types) {
            Class<?> base = type;
            while (base.isArray()) {
                base = base.getComponentType();
            }
            if (base.isPrimitive()) {
                continue;
            }
            if (!Modifier.isPublic(base.getModifiers())) {
                return false;
            }
            try {
                if (Class.forName(base.getName(), false, ours) != base) {
                    return false;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }
}
