package dev.tradepulse.examples.spring;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bot's own settings, under {@code bot.*} (TradePulse's are under {@code tradepulse.*}).
 * Immutable and thread-safe.
 *
 * @param symbol the one instrument the paper market quotes
 * @param startingEquity each strategy's starting cash, in account currency
 * @param tickInterval how often the trading loop ticks on its own; zero: only when
 *     {@link TradingLoop#tick()} is called (tests)
 * @param seed the paper market's random seed: the same seed, the same prices
 * @param crashAtTick the tick at which the scripted flash crash starts; zero: no crash
 */
@ConfigurationProperties("bot")
public record BotProperties(
        @DefaultValue("BTCUSDT") String symbol,
        @DefaultValue("10000") double startingEquity,
        @DefaultValue("250ms") Duration tickInterval,
        @DefaultValue("7") long seed,
        @DefaultValue("240") long crashAtTick) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code symbol} or {@code tickInterval} is null
     * @throws IllegalArgumentException if {@code symbol} is blank, {@code startingEquity} is not a
     *     positive finite number, or {@code tickInterval} or {@code crashAtTick} is negative
     */
    public BotProperties {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("bot.symbol must not be blank");
        }
        if (!(startingEquity > 0) || !Double.isFinite(startingEquity)) {
            throw new IllegalArgumentException("bot.starting-equity must be a positive finite number, got " + startingEquity);
        }
        if (tickInterval.isNegative()) {
            throw new IllegalArgumentException("bot.tick-interval must not be negative, got " + tickInterval);
        }
        if (crashAtTick < 0) {
            throw new IllegalArgumentException("bot.crash-at-tick must not be negative, got " + crashAtTick);
        }
    }
}
