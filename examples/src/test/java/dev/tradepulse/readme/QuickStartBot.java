package dev.tradepulse.readme;

// snippet: quick-start
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Timed;
import java.nio.file.Path;
import java.time.Instant;

public final class QuickStartBot {

    public interface Exchange {                       // your client's interface, annotated
        @Timed("exchange.requests") @Retry(name = "exchange") double lastPrice(String symbol);
        @Timed("exchange.requests") @Retry(name = "exchange") void buy(String symbol, double quantity);
        double equity();
    }

    public static void main(String[] args) {
        try (TradePulse tp = TradePulse.fromConfig(Path.of(args.length > 0 ? args[0] : "tradepulse.yml"))) {
            Exchange exchange = tp.instrument(Exchange.class, new PaperExchange());
            Strategy momentum = tp.strategy("momentum");
            while (!momentum.isHalted() && exchange.lastPrice("BTCUSDT") > 0) {
                exchange.buy("BTCUSDT", 0.01);
                momentum.recordEquity(Instant.now(), exchange.equity());
                momentum.afterTick();                 // risk rules run here: a breach halts before the next order
            }
        }                                             // journal checkpointed, alerts resolved, server stopped
    }
}
// end snippet
