package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.risk.GateDecision;
import dev.tradepulse.trading.risk.OrderDeniedException;
import dev.tradepulse.trading.risk.OrderIntent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trading thread that outlives TradePulse (a hook closed it) sends no unguarded order. */
class GateAfterCloseTest {

    /** A client whose one order-placing method the gate guards. */
    public interface Exchange {
        void buy(String symbol, double quantity, double price);
    }

    @TempDir
    Path dir;

    @Test
    void onceTradePulseIsClosedTheGateAndTheGuardedClientRefuseEveryOrder() throws Exception {
        Path file = dir.resolve("tradepulse.yml");
        Files.writeString(file, "profile: testing\ndata-dir: " + dir.resolve("data") + "\nserver:\n  enabled: false\n"
                + "strategies:\n  momentum: {}\n");
        AtomicInteger sent = new AtomicInteger();
        OrderIntent buy = OrderIntent.of("BTCUSDT", Side.BUY, 0.01, 60_000);
        Strategy s;
        Exchange guarded;
        try (TradePulse tp = TradePulse.builder()
                .config(ConfigLoader.of(RuntimeSchema.schema()).file(file).environment(Map.of()).load()).build()) {
            s = tp.strategy("momentum");
            guarded = s.guard(Exchange.class, (symbol, quantity, price) -> sent.incrementAndGet(),
                    Map.of("buy", args -> OrderIntent.of((String) args[0], Side.BUY, (double) args[1], (double) args[2])));
            assertThat(s.check(buy).allowed()).isTrue();
            guarded.buy("BTCUSDT", 0.01, 60_000);
            assertThat(sent).hasValue(1);
        }

        GateDecision after = s.check(buy);
        assertThat(after.allowed()).isFalse();
        assertThat(after.reason()).isEqualTo(GateDecision.Reason.CLOSED);
        assertThat(s.check(OrderIntent.of("BTCUSDT", Side.SELL, 0.01, 60_000).asReduceOnly()).allowed())
                .as("not even a reduce-only order: nothing would journal it").isFalse();
        assertThatThrownBy(() -> guarded.buy("BTCUSDT", 0.01, 60_000)).isInstanceOf(OrderDeniedException.class);
        assertThat(sent).as("the client never saw the order").hasValue(1);
        assertThat(s.gate().isClosed()).isTrue();
        assertThat(s.gate().denials(GateDecision.Reason.CLOSED)).isEqualTo(3);
    }
}
