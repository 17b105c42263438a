package dev.tradepulse.examples;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What the bot knows of the exchange from its own price requests: when the last price arrived
 * (for the market-data freshness check) and how many requests in a row failed (for the
 * {@code exchange} check, which the runtime's default health mapping turns into REDUCING while
 * it is unhealthy). The trading thread records; health workers read. Thread-safe.
 */
final class ExchangeWatch {

    /** Price requests failing in a row (after their retries, or refused by the open breaker) that make the exchange unreachable. */
    static final int UNREACHABLE_AFTER = 2;

    private volatile @Nullable Instant lastPrice;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");

    /** A price arrived: the exchange answers. */
    void priceArrived(Instant at) {
        lastPrice = at;
        failuresInARow.set(0);
    }

    /** A price request failed for good. */
    void requestFailed(Throwable failure) {
        // The class name only: an exchange client's message may hold a signed URL.
        lastFailure.set(failure.getClass().getSimpleName());
        failuresInARow.incrementAndGet();
    }

    /** @return when the last price arrived, or null before the first */
    @Nullable Instant lastPrice() {
        return lastPrice;
    }

    /** @return the {@code exchange} check: unhealthy after {@link #UNREACHABLE_AFTER} failed requests in a row */
    HealthCheck healthCheck() {
        return () -> {
            int failures = failuresInARow.get();
            if (failures >= UNREACHABLE_AFTER) {
                return HealthResult.unhealthy("unreachable: " + failures + " price requests in a row failed, the last with "
                        + lastFailure.get());
            }
            return failures == 0 ? HealthResult.healthy()
                    : HealthResult.healthy("the last price request failed (" + lastFailure.get() + "); unreachable after "
                            + UNREACHABLE_AFTER + " in a row");
        };
    }
}
