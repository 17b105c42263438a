package dev.tradepulse.trading.risk;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;

/**
 * One cause holding a {@link RiskState} down: the state's own level is the safest of its holds,
 * and {@link TradingState#ACTIVE} when it has none.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cause what holds it
 * @param level how far down, {@link TradingState#REDUCING} or {@link TradingState#HALTED}
 * @param reason why, for people
 * @param since when the cause placed the hold (or last lowered it further)
 */
public record Hold(Cause cause, TradingState level, String reason, Instant since) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code level} is {@link TradingState#ACTIVE}
     */
    public Hold {
        Checks.notNull(cause, "cause");
        Checks.notNull(level, "level");
        Checks.notNull(reason, "reason");
        Checks.notNull(since, "since");
        if (level == TradingState.ACTIVE) {
            throw new IllegalArgumentException("level must be REDUCING or HALTED, but was ACTIVE");
        }
    }
}
