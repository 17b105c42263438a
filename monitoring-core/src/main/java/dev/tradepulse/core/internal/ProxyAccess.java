package dev.tradepulse.core.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds, before a JDK proxy is made, the result types that proxy could not name. The proxy casts
 * every result to the method's return type; for a public interface it lives in a package of
 * its own, so a return type that is not public there fails each call with
 * {@code IllegalAccessError}. Arguments and declared exceptions are passed untyped and never
 * fail this way, so they are not checked.
 */
final class ProxyAccess {

    private ProxyAccess() {
    }

    /**
     * Rejects an interface whose proxy would fail at its first call.
     *
     * @param type the interface to proxy
     * @param methods the methods the proxy implements
     * @throws IllegalArgumentException naming every method and type it cannot return
     */
    static void check(Class<?> type, Collection<Method> methods) {
        List<String> problems = new ArrayList<>();
        for (Method method : methods) {
            Class<?> returned = method.getReturnType();
            Class<?> base = returned;
            while (base.isArray()) {
                base = base.getComponentType();
            }
            if (!base.isPrimitive() && !accessible(base, type)) {
                problems.add(type.getSimpleName() + "." + method.getName() + " returns " + returned.getTypeName()
                        + ", and " + base.getName() + " is not public, so the proxy (outside package "
                        + type.getPackageName() + ") cannot return it; make " + base.getName() + " public");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot instrument " + type.getName() + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** Whether the proxy class of {@code proxied} can name {@code type}, by the JVM's rules. */
    private static boolean accessible(Class<?> type, Class<?> proxied) {
        int mods = type.getModifiers();
        // javac writes a protected member class as public in the class file, which is what the JVM checks
        if (Modifier.isPublic(mods) || (type.isMemberClass() && Modifier.isProtected(mods))) {
            return true;
        }
        // a non-public interface's proxy is defined in that interface's own package and loader
        return !Modifier.isPublic(proxied.getModifiers())
                && type.getPackageName().equals(proxied.getPackageName())
                && type.getClassLoader() == proxied.getClassLoader();
    }
}
