package dev.tradepulse.trading;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.checks.HealthChecks;
import io.micrometer.core.instrument.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Health checks a trading bot needs beyond the generic ones: market data, the exchange, order rejects. */
public final class TradingHealthChecks {

    private TradingHealthChecks() {
    }

    /**
     * Market-data freshness per symbol: unhealthy if any symbol's last tick is older than
     * {@code maxAge} (or never came), with every symbol's age in the details.
     *
     * @param lastTicks symbol to the time of its last tick (null for none yet)
     * @param maxAge the oldest acceptable tick
     * @param clock the clock
     * @return the check
     */
    public static HealthCheck marketData(Map<String, Supplier<Instant>> lastTicks, Duration maxAge, Clock clock) {
        Map<String, Supplier<Instant>> symbols = new TreeMap<>(Objects.requireNonNull(lastTicks, "lastTicks must not be null"));
        Objects.requireNonNull(maxAge, "maxAge must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        return () -> {
            Instant now = Instant.ofEpochMilli(clock.wallTime());
            Map<String, Object> ages = new java.util.LinkedHashMap<>();
            StringBuilder stale = new StringBuilder();
            for (Map.Entry<String, Supplier<Instant>> e : symbols.entrySet()) {
                Instant last = e.getValue().get();
                double age = last == null ? Double.POSITIVE_INFINITY : Duration.between(last, now).toMillis() / 1000.0;
                ages.put(e.getKey() + "_age_seconds", last == null ? "never" : (Object) age);
                if (last == null || age > maxAge.toMillis() / 1000.0) {
                    stale.append(stale.length() == 0 ? "" : ", ").append(e.getKey());
                }
            }
            HealthResult.Builder result = HealthResult.builder(stale.length() == 0 ? HealthStatus.HEALTHY
                    : HealthStatus.UNHEALTHY);
            ages.forEach(result::detail);
            if (stale.length() > 0) {
                result.message("stale market data (older than " + maxAge.toSeconds() + "s): " + stale);
            }
            return result.build();
        };
    }

    /**
     * Exchange connectivity and latency: a ping endpoint answering 200 is healthy, slower than
     * {@code degradedAbove} is degraded, anything else unhealthy.
     *
     * @param client the HTTP client
     * @param ping the exchange's ping or time endpoint
     * @param degradedAbove latency above which the exchange is degraded
     * @return the check
     */
    public static HealthCheck exchange(HttpClient client, URI ping, Duration degradedAbove) {
        return HealthChecks.http(client, ping, Set.of(200), Duration.ofSeconds(5), degradedAbove);
    }

    /**
     * Order reject rate over a sliding window of checks: degraded above {@code degradedAbove},
     * unhealthy above {@code unhealthyAbove}. Reads two running counts (placed and rejected
     * orders) and compares them with their values one window ago.
     *
     * @param placed total orders placed so far
     * @param rejected total orders rejected so far
     * @param window how far back
     * @param degradedAbove such as 0.05
     * @param unhealthyAbove such as 0.20
     * @param clock the clock
     * @return the check
     */
    public static HealthCheck orderRejectRate(LongSupplier placed, LongSupplier rejected, Duration window,
            double degradedAbove, double unhealthyAbove, Clock clock) {
        Objects.requireNonNull(placed, "placed must not be null");
        Objects.requireNonNull(rejected, "rejected must not be null");
        Objects.requireNonNull(window, "window must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        if (!(degradedAbove <= unhealthyAbove)) {
            throw new IllegalArgumentException("need degradedAbove <= unhealthyAbove, got " + degradedAbove + " and "
                    + unhealthyAbove);
        }
        ArrayDeque<long[]> samples = new ArrayDeque<>(); // {time ms, placed, rejected}
        return () -> {
            long now = clock.wallTime();
            long[] current = {now, placed.getAsLong(), rejected.getAsLong()};
            long[] base;
            synchronized (samples) {
                samples.addLast(current);
                while (samples.size() > 1 && samples.peekFirst()[0] < now - window.toMillis()) {
                    samples.removeFirst();
                }
                base = samples.peekFirst();
            }
            long orders = current[1] - base[1];
            long rejects = current[2] - base[2];
            double rate = orders == 0 ? 0 : (double) rejects / orders;
            HealthStatus status = rate > unhealthyAbove ? HealthStatus.UNHEALTHY
                    : rate > degradedAbove ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
            HealthResult.Builder result = HealthResult.builder(status).detail("orders", orders)
                    .detail("rejects", rejects).detail("reject_rate", rate);
            if (status != HealthStatus.HEALTHY) {
                result.message(String.format(java.util.Locale.ROOT, "%.1f%% of %d orders rejected in the last %ds",
                        rate * 100, orders, window.toSeconds()));
            }
            return result.build();
        };
    }
}
