package dev.tradepulse.trading.risk;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Clock skew against the exchange's server time: the offset of the exchange's clock from the
 * local one, measured as {@code server − (sent + round trip / 2)}, so that the time the answer
 * spent on the way is split evenly between the two legs. Degraded above
 * {@link ClockSkewConfig#degradedAbove()} (1 s), unhealthy above
 * {@link ClockSkewConfig#unhealthyAbove()} (5 s); see {@link ClockSkewConfig} for why.
 *
 * <ul>
 *   <li>A healthy offset measured over a round trip whose half is longer than the degraded
 *       threshold is reported DEGRADED: the measurement cannot tell.</li>
 *   <li>A fetch that fails or takes longer than {@link ClockSkewConfig#timeout()} reports DEGRADED
 *       ("cannot measure"), by the exception's class name only; the exchange's reachability is
 *       the exchange check's business.</li>
 * </ul>
 * Details: {@code offset_ms} (positive: the exchange's clock is ahead), {@code round_trip_ms}.
 *
 * <p>Lifecycle: {@link Builder#build()} creates the fetch thread ({@code tradepulse-clock-skew-n},
 * a daemon, started on the first check); {@link #close()} stops it within a second, is idempotent
 * and never throws. Thread-safe.
 */
public final class ClockSkewCheck implements HealthCheck, AutoCloseable {

    /**
     * The exchange's current time, such as Binance's {@code GET /fapi/v1/time} ({@code serverTime}
     * in epoch milliseconds). Runs on the check's own fetch thread, one call at a time, bounded by
     * the timeout; should answer an interrupt.
     */
    @FunctionalInterface
    public interface ServerTime {
        /**
         * Asks the exchange for its time.
         *
         * @return the server's time
         * @throws Exception any failure
         */
        Instant fetch() throws Exception;
    }

    private final ServerTime serverTime;
    private final Clock clock;
    private final ClockSkewConfig config;
    private final BoundedFetch fetch = new BoundedFetch("clock-skew");
    private final AtomicReference<@Nullable Duration> lastOffset = new AtomicReference<>();

    private ClockSkewCheck(Builder b) {
        this.serverTime = b.serverTime;
        this.clock = b.clock;
        this.config = b.config;
    }

    /**
     * Starts a check against an exchange's time.
     *
     * @param serverTime the fetch of the exchange's time
     * @return a builder
     * @throws NullPointerException if {@code serverTime} is null
     */
    public static Builder builder(ServerTime serverTime) {
        return new Builder(Checks.notNull(serverTime, "serverTime"));
    }

    /** @return the thresholds and timeout */
    public ClockSkewConfig config() {
        return config;
    }

    /** @return the offset last measured (positive: the exchange is ahead), if one was */
    public Optional<Duration> lastOffset() {
        return Optional.ofNullable(lastOffset.get());
    }

    @Override
    public HealthResult check() {
        Instant sent = clock.instant();
        BoundedFetch.Fetched<Instant> fetched = fetch.call(serverTime::fetch, config.timeout());
        Instant received = clock.instant();
        Instant server = fetched.value();
        if (server == null) {
            return HealthResult.builder(HealthStatus.DEGRADED)
                    .message("cannot measure the clock skew: the server time fetch " + fetched.problem()).build();
        }
        Duration roundTrip = Duration.between(sent, received);
        if (roundTrip.isNegative()) {
            roundTrip = Duration.ZERO; // the local clock stepped back during the call
        }
        Duration offset = Duration.between(sent.plus(roundTrip.dividedBy(2)), server);
        lastOffset.set(offset);
        Duration size = offset.abs();
        HealthStatus status = size.compareTo(config.unhealthyAbove()) > 0 ? HealthStatus.UNHEALTHY
                : size.compareTo(config.degradedAbove()) > 0 ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        HealthResult.Builder result;
        if (status == HealthStatus.HEALTHY && roundTrip.dividedBy(2).compareTo(config.degradedAbove()) > 0) {
            result = HealthResult.builder(HealthStatus.DEGRADED).message("clock skew uncertain: the round trip took "
                    + roundTrip.toMillis() + " ms");
        } else {
            result = HealthResult.builder(status);
            if (status != HealthStatus.HEALTHY) {
                result.message("the local clock is " + size.toMillis() + " ms "
                        + (offset.isNegative() ? "ahead of" : "behind") + " the exchange's (above "
                        + (status == HealthStatus.UNHEALTHY ? config.unhealthyAbove() : config.degradedAbove())
                        .toMillis() + " ms)");
            }
        }
        return result.detail("offset_ms", offset.toMillis()).detail("round_trip_ms", roundTrip.toMillis()).build();
    }

    /** Stops the fetch thread, waiting at most a second. Idempotent; never throws. */
    @Override
    public void close() {
        fetch.close();
    }

    @Override
    public String toString() {
        return "ClockSkewCheck[" + config + "]";
    }

    /** Configures the check. Not thread-safe. */
    public static final class Builder {
        private final ServerTime serverTime;
        private Clock clock = Clock.systemUTC();
        private ClockSkewConfig config = ClockSkewConfig.ofDefaults();

        private Builder(ServerTime serverTime) {
            this.serverTime = serverTime;
        }

        /**
         * The local clock; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * The thresholds and timeout; {@link ClockSkewConfig#ofDefaults()} unless set.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(ClockSkewConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * Builds the live check (see the class description's lifecycle).
         *
         * @return the check, to register with a health registry
         */
        public ClockSkewCheck build() {
            return new ClockSkewCheck(this);
        }
    }
}
