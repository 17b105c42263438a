package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** ByteBuddy is optional: without it, interfaces work and classes get the documented error. */
class WithoutByteBuddyTest {

    /**
     * Loads TradePulse's own classes afresh and hides ByteBuddy from them, as an application
     * without byte-buddy on its class path would; everything else comes from the test's loader.
     */
    static final class HidingByteBuddy extends ClassLoader {

        private final String hidden;

        HidingByteBuddy(ClassLoader parent, String hiddenPackage) {
            super(parent);
            this.hidden = hiddenPackage;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith(hidden)) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.startsWith("dev.tradepulse.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = defineOwn(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private Class<?> defineOwn(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }

        @Override
        public URL getResource(String name) {
            return name.replace('/', '.').startsWith(hidden) ? null : super.getResource(name);
        }
    }

    /** Run inside the hiding loader: instruments a class, then an interface. */
    public static final class Probe implements Callable<List<Object>> {
        @Override
        public List<Object> call() {
            List<Object> seen = new ArrayList<>();
            try (Monitoring monitoring = Monitoring.ofDefaults()) {
                try {
                    monitoring.instrument(ArrayList.class, new ArrayList<>());
                    seen.add("no failure");
                } catch (Throwable e) {
                    seen.add(e);
                }
                Runnable plain = () -> seen.add("interface proxy ran");
                monitoring.instrument(Runnable.class, plain).run();
            }
            return seen;
        }
    }

    private static List<?> runHiding(String hiddenPackage) throws Exception {
        ClassLoader hiding = new HidingByteBuddy(WithoutByteBuddyTest.class.getClassLoader(), hiddenPackage);
        Class<?> probe = hiding.loadClass(Probe.class.getName());
        assertThat(probe.getClassLoader()).isSameAs(hiding);
        Method call = probe.getMethod("call");
        try {
            return (List<?>) call.invoke(probe.getConstructor().newInstance());
        } catch (InvocationTargetException e) {
            throw new AssertionError("the probe failed", e.getCause());
        }
    }

    @Test
    void the_hiding_loader_really_hides_byte_buddy() {
        ClassLoader hiding = new HidingByteBuddy(WithoutByteBuddyTest.class.getClassLoader(), "net.bytebuddy.");

        assertThatThrownBy(() -> Class.forName("net.bytebuddy.ByteBuddy", false, hiding))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void instrumenting_a_class_without_byte_buddy_is_an_illegal_state_naming_the_dependency() throws Exception {
        List<?> seen = runHiding("net.bytebuddy.");

        assertThat(seen.get(0)).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(((Throwable) seen.get(0)).getMessage())
                .contains("java.util.ArrayList", "net.bytebuddy:byte-buddy", "instrument an interface instead");
        assertThat(seen).element(1).isEqualTo("interface proxy ran");
    }

    @Test
    void a_partial_byte_buddy_is_an_illegal_state_too_not_a_linkage_error() throws Exception {
        List<?> seen = runHiding("net.bytebuddy.matcher.");

        assertThat(seen.get(0)).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(((Throwable) seen.get(0)).getMessage())
                .contains("java.util.ArrayList", "needs a working net.bytebuddy:byte-buddy", "ElementMatcher");
        assertThat(seen).element(1).isEqualTo("interface proxy ran");
    }
}
