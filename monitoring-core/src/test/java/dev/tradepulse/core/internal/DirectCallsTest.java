package dev.tradepulse.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class DirectCallsTest {

    /** Public, so the direct path applies. */
    public interface Venue {
        long clock();

        double quote(String symbol);

        String pair(String base, String quote) throws IOException;

        int sum(int a, int b, int c);

        void cancel(String id) throws IOException;

        void cancelAll();

        String four(String a, String b, String c, String d);
    }

    /** The implementation the calls reach. */
    public static final class Impl implements Venue {
        String cancelled = "";

        @Override
        public long clock() {
            return 42L;
        }

        @Override
        public double quote(String symbol) {
            return symbol.length() * 1.5;
        }

        @Override
        public String pair(String base, String quote) throws IOException {
            if (base.isEmpty()) {
                throw new IOException("no base");
            }
            return base + "/" + quote;
        }

        @Override
        public int sum(int a, int b, int c) {
            return a + b + c;
        }

        @Override
        public void cancel(String id) throws IOException {
            if (id.isEmpty()) {
                throw new IOException("no id");
            }
            cancelled += id;
        }

        @Override
        public void cancelAll() {
            cancelled = "all";
        }

        @Override
        public String four(String a, String b, String c, String d) {
            return a + b + c + d;
        }
    }

    private static Invoker terminal(String name, Class<?>... params) throws Exception {
        Method method = Venue.class.getMethod(name, params);
        return DirectCalls.terminal(method);
    }

    @Test
    void public_methods_of_up_to_three_arguments_get_a_direct_call_with_results_and_exceptions_intact() throws Throwable {
        Impl impl = new Impl();

        Invoker clock = terminal("clock");
        Invoker quote = terminal("quote", String.class);
        Invoker pair = terminal("pair", String.class, String.class);
        Invoker sum = terminal("sum", int.class, int.class, int.class);
        Invoker cancel = terminal("cancel", String.class);
        Invoker cancelAll = terminal("cancelAll");

        assertThat(java.util.List.of(clock, quote, pair, sum, cancel, cancelAll)).noneMatch(MethodTerminal.class::isInstance);
        assertThat(clock.invoke(impl, null)).isEqualTo(42L);
        assertThat(quote.invoke(impl, new Object[] {"BTC"})).isEqualTo(4.5);
        assertThat(pair.invoke(impl, new Object[] {"BTC", "USDT"})).isEqualTo("BTC/USDT");
        assertThat(sum.invoke(impl, new Object[] {1, 2, 3})).isEqualTo(6);
        assertThatThrownBy(() -> pair.invoke(impl, new Object[] {"", "USDT"}))
                .isExactlyInstanceOf(IOException.class).hasMessage("no base");
        assertThat(cancel.invoke(impl, new Object[] {"o-1"})).isNull();
        assertThat(impl.cancelled).isEqualTo("o-1");
        assertThatThrownBy(() -> cancel.invoke(impl, new Object[] {""})).isExactlyInstanceOf(IOException.class);
        cancelAll.invoke(impl, null);
        assertThat(impl.cancelled).isEqualTo("all");
    }

    @Test
    void four_arguments_fall_back_to_reflection_and_still_work() throws Throwable {
        Invoker four = terminal("four", String.class, String.class, String.class, String.class);

        assertThat(four).isInstanceOf(MethodTerminal.class);
        assertThat(four.invoke(new Impl(), new Object[] {"a", "b", "c", "d"})).isEqualTo("abcd");
    }

    interface Hidden {
        String name();
    }

    @Test
    void a_method_of_a_non_public_type_falls_back_to_reflection() throws Throwable {
        Method method = Hidden.class.getDeclaredMethod("name");
        method.setAccessible(true);
        Invoker name = DirectCalls.terminal(method);

        assertThat(name).isInstanceOf(MethodTerminal.class);
        assertThat(name.invoke((Hidden) () -> "hidden", null)).isEqualTo("hidden");
    }
}
