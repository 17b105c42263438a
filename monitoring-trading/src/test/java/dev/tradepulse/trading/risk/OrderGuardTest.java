package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.trading.Side;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OrderGuardTest {

    /** A client interface of the kind bots have. */
    interface ExchangeClient {
        String placeOrder(String symbol, Side side, double quantity, double price);

        String placeOrder(String symbol, Side side, double quantity);

        String closePosition(String symbol, Side side, double quantity);

        void cancelOrder(String orderId);

        double balance();
    }

    /** A real implementation that records what reached it. */
    static final class PaperExchange implements ExchangeClient {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public String placeOrder(String symbol, Side side, double quantity, double price) {
            received.add("place " + side + " " + quantity + " " + symbol + " @ " + price);
            return "o-" + received.size();
        }

        @Override
        public String placeOrder(String symbol, Side side, double quantity) {
            received.add("market " + side + " " + quantity + " " + symbol);
            return "o-" + received.size();
        }

        @Override
        public String closePosition(String symbol, Side side, double quantity) {
            received.add("close " + symbol);
            return "o-" + received.size();
        }

        @Override
        public void cancelOrder(String orderId) {
            received.add("cancel " + orderId);
        }

        @Override
        public double balance() {
            throw new IllegalStateException("exchange unreachable");
        }
    }

    private final AtomicReference<TradingState> state = new AtomicReference<>(TradingState.ACTIVE);
    private final PreTradeGate gate = PreTradeGate.builder("momentum").state(state::get).build();
    private final PaperExchange exchange = new PaperExchange();
    private final ExchangeClient client = OrderGuard.wrap(ExchangeClient.class, exchange, gate, Map.of(
            "placeOrder", args -> OrderIntent.of((String) args[0], (Side) args[1], (double) args[2],
                    args.length > 3 ? (double) args[3] : Double.NaN),
            "closePosition", args -> OrderIntent.of((String) args[0], (Side) args[1], (double) args[2], Double.NaN)
                    .asReduceOnly()));

    @Test
    void anAllowedOrderReachesTheClient() {
        assertThat(client.placeOrder("BTCUSDT", Side.BUY, 0.1, 60_000)).isEqualTo("o-1");
        assertThat(exchange.received).containsExactly("place BUY 0.1 BTCUSDT @ 60000.0");
        assertThat(gate.allowed()).isEqualTo(1);
    }

    @Test
    void aHaltedStrategyCannotSendAnOrderThroughTheGuardedClientButCanCancel() {
        state.set(TradingState.HALTED);

        assertThatThrownBy(() -> client.placeOrder("BTCUSDT", Side.BUY, 0.1, 60_000))
                .isInstanceOfSatisfying(OrderDeniedException.class, e -> {
                    assertThat(e.decision().reason()).isEqualTo(GateDecision.Reason.STATE_HALTED);
                    assertThat(e.intent()).isNotNull();
                    assertThat(e.getMessage()).contains("ExchangeClient.placeOrder", "BTCUSDT", "HALTED");
                });
        assertThatThrownBy(() -> client.placeOrder("BTCUSDT", Side.BUY, 0.1)).isInstanceOf(OrderDeniedException.class);
        client.cancelOrder("o-7");

        assertThat(exchange.received).containsExactly("cancel o-7");
    }

    @Test
    void reducingLetsTheReduceOnlyMethodThroughAndStopsNewEntries() {
        state.set(TradingState.REDUCING);

        assertThatThrownBy(() -> client.placeOrder("BTCUSDT", Side.BUY, 0.1, 60_000))
                .isInstanceOfSatisfying(OrderDeniedException.class, e -> assertThat(e.decision().verdict())
                        .isEqualTo(GateDecision.Verdict.ALLOWED_IF_REDUCE_ONLY));
        client.closePosition("BTCUSDT", Side.SELL, 0.1);

        assertThat(exchange.received).containsExactly("close BTCUSDT");
    }

    @Test
    void anExtractorThatFailsRefusesTheCallRatherThanGuessing() {
        ExchangeClient broken = OrderGuard.wrap(ExchangeClient.class, exchange, gate,
                Map.of("placeOrder", args -> OrderIntent.of((String) args[0], (Side) args[1], -1, 1)));

        assertThatThrownBy(() -> broken.placeOrder("BTCUSDT", Side.BUY, 0.1, 60_000))
                .isInstanceOfSatisfying(OrderDeniedException.class, e -> {
                    assertThat(e.decision().reason()).isEqualTo(GateDecision.Reason.INVALID_INTENT);
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
                });
        assertThat(exchange.received).isEmpty();
    }

    @Test
    void theTargetsOwnExceptionsReachTheCallerUnwrapped() {
        assertThatThrownBy(client::balance).isInstanceOf(IllegalStateException.class)
                .hasMessage("exchange unreachable");
    }

    @Test
    void aMappingThatNamesNoMethodFailsAtWrapTimeWithTheKnownNames() {
        assertThatThrownBy(() -> OrderGuard.wrap(ExchangeClient.class, exchange, gate,
                Map.of("submitOrder", args -> OrderIntent.of("X", Side.BUY, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'submitOrder'", "placeOrder", "cancelOrder");
        assertThatThrownBy(() -> OrderGuard.wrap(ExchangeClient.class, exchange, gate, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mapping");
    }

    @Test
    void theProxyHasIdentityEqualityAndSaysWhatItGuards() {
        assertThat(client).isEqualTo(client).isNotEqualTo(exchange);
        assertThat(client.hashCode()).isEqualTo(System.identityHashCode(client));
        assertThat(client.toString()).isEqualTo("OrderGuard[ExchangeClient, momentum]");
    }
}
