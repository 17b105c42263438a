package dev.tradepulse.core.internal;

import dev.tradepulse.api.support.LogText;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Generates subclass proxies of plain classes with ByteBuddy. Touched only after
 * {@link ByteBuddyPresence} found ByteBuddy, so it stays an optional dependency.
 */
final class SubclassProxies {

    private static final String HANDLER_FIELD = "tradepulse$handler";
    private static final ClassValue<Class<?>> PROXY_CLASSES = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
            return generate(type);
        }
    };

    private SubclassProxies() {
    }

    /** The methods a subclass proxy intercepts: every overridable method, most derived first. */
    static List<Method> interceptedMethods(Class<?> type) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                int mods = m.getModifiers();
                if (!m.isSynthetic() && !Modifier.isStatic(mods) && !Modifier.isPrivate(mods) && !Modifier.isFinal(mods)) {
                    bySignature.putIfAbsent(m.getName() + Arrays.toString(m.getParameterTypes()), m);
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isDefault()) {
                bySignature.putIfAbsent(m.getName() + Arrays.toString(m.getParameterTypes()), m);
            }
        }
        return new ArrayList<>(bySignature.values());
    }

    static <T> T create(Class<T> type, InvocationHandler handler) {
        Class<?> proxyClass = PROXY_CLASSES.get(type);
        try {
            Constructor<?> constructor = proxyClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object proxy = constructor.newInstance();
            Field field = proxyClass.getDeclaredField(HANDLER_FIELD);
            field.setAccessible(true);
            field.set(proxy, handler);
            return type.cast(proxy);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("Cannot instrument " + type.getName()
                    + ": a class proxy needs a no-argument constructor (or instrument an interface instead)", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot instrument " + type.getName() + ": creating the proxy failed: "
                    + LogText.describe(e.getCause() != null ? e.getCause() : e), e);
        }
    }

    private static Class<?> generate(Class<?> type) {
        var builder = new ByteBuddy()
                .subclass(type)
                .name(type.getName() + "$TradePulseProxy")
                .implement(InstrumentedProxy.class)
                .defineField(HANDLER_FIELD, InvocationHandler.class, Visibility.PRIVATE)
                .method(ElementMatchers.not(ElementMatchers.isDeclaredBy(Object.class))
                        .or(ElementMatchers.isEquals())
                        .or(ElementMatchers.isHashCode())
                        .or(ElementMatchers.isToString()))
                .intercept(InvocationHandlerAdapter.toField(HANDLER_FIELD))
                .make();
        try {
            // Same package and loader as the type, so package-private methods are overridden too.
            var lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            return builder.load(type.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(lookup)).getLoaded();
        } catch (IllegalAccessException | RuntimeException e) {
            return builder.load(type.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        }
    }
}
