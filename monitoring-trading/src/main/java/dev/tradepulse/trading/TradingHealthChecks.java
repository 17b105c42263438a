package dev.tradepulse.trading;

import dev.tradepulse.alerts.rules.Condition;
import dev.tradepulse.alerts.rules.Conditions;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.health.checks.HealthChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Health checks a trading bot needs beyond the generic ones: market data, the exchange, order
 * rejects. Each is built on a generic piece (monitoring-health's {@link HealthChecks#freshness}
 * and {@link HealthChecks#http}, the alert rules' {@link Conditions#windowedTotal}). The checks
 * are thread-safe: the health registry may run one from several threads at once.
 */
public final class TradingHealthChecks {

    private TradingHealthChecks() {
    }

    /**
     * Market-data freshness per symbol, one {@link HealthChecks#freshness} check each: unhealthy
     * if any symbol's last tick is older than {@code maxAge} (or never came), naming the stale
     * symbols, with every symbol's age in seconds ({@code <symbol>_age_seconds}, or {@code never})
     * in the details.
     *
     * @param lastTicks symbol to the time of its last tick (the supplier returns null for none yet)
     * @param maxAge the oldest acceptable tick
     * @param clock the clock ages are measured against
     * @return the check
     * @throws NullPointerException if an argument, a symbol or a supplier is null
     * @throws IllegalArgumentException if {@code maxAge} is not positive
     */
    public static HealthCheck marketData(Map<String, Supplier<@Nullable Instant>> lastTicks, Duration maxAge,
            Clock clock) {
        Checks.notNull(lastTicks, "lastTicks");
        Checks.positive(maxAge, "maxAge");
        Checks.notNull(clock, "clock");
        Map<String, HealthCheck> symbols = new TreeMap<>();
        lastTicks.forEach((symbol, tick) -> symbols.put(Checks.notNull(symbol, "symbol"),
                HealthChecks.freshness(Checks.notNull(tick, "lastTicks[" + symbol + "]"), maxAge, clock)));
        return () -> {
            Map<String, Object> ages = new LinkedHashMap<>();
            StringBuilder stale = new StringBuilder();
            for (Map.Entry<String, HealthCheck> e : symbols.entrySet()) {
                HealthResult one = e.getValue().check();
                Object age = one.details().get("age_seconds");
                ages.put(e.getKey() + "_age_seconds", age == null ? "never" : age);
                if (one.status() != HealthStatus.HEALTHY) {
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
     * Exchange connectivity and latency: a ping endpoint answering 200 within 5 seconds is
     * healthy, slower than {@code degradedAbove} is degraded, anything else unhealthy.
     *
     * @param client the HTTP client
     * @param ping the exchange's ping or time endpoint
     * @param degradedAbove latency above which the exchange is degraded
     * @return the check
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code degradedAbove} is not positive
     */
    public static HealthCheck exchange(HttpClient client, URI ping, Duration degradedAbove) {
        return HealthChecks.http(client, ping, Set.of(200), Duration.ofSeconds(5), degradedAbove);
    }

    /**
     * Order reject rate over a sliding window of checks: degraded above {@code degradedAbove},
     * unhealthy above {@code unhealthyAbove}. Reads two running counts (placed and rejected
     * orders) and compares them with their values one window ago ({@link Conditions#windowedTotal});
     * before a whole window has passed, with their values at the first check.
     *
     * @param placed total orders placed so far
     * @param rejected total orders rejected so far
     * @param window how far back
     * @param degradedAbove such as 0.05
     * @param unhealthyAbove such as 0.20
     * @param clock the clock
     * @return the check
     * @throws NullPointerException if {@code placed}, {@code rejected}, {@code window} or {@code clock} is null
     * @throws IllegalArgumentException if {@code window} is not positive, or the thresholds are
     *     not fractions with {@code 0 <= degradedAbove <= unhealthyAbove <= 1}
     */
    public static HealthCheck orderRejectRate(LongSupplier placed, LongSupplier rejected, Duration window,
            double degradedAbove, double unhealthyAbove, Clock clock) {
        Checks.notNull(placed, "placed");
        Checks.notNull(rejected, "rejected");
        Checks.positive(window, "window");
        Checks.notNull(clock, "clock");
        if (!(degradedAbove >= 0 && degradedAbove <= unhealthyAbove && unhealthyAbove <= 1)) {
            throw new IllegalArgumentException("need 0 <= degradedAbove <= unhealthyAbove <= 1, got " + degradedAbove
                    + " and " + unhealthyAbove);
        }
        Condition orders = Conditions.windowedTotal(() -> OptionalDouble.of(placed.getAsLong()), window);
        Condition rejects = Conditions.windowedTotal(() -> OptionalDouble.of(rejected.getAsLong()), window);
        return () -> {
            Instant now = clock.instant();
            long placedNow = (long) orders.value(now).orElse(0);
            long rejectedNow = (long) rejects.value(now).orElse(0);
            double rate = placedNow == 0 ? 0 : (double) rejectedNow / placedNow;
            HealthStatus status = rate > unhealthyAbove ? HealthStatus.UNHEALTHY
                    : rate > degradedAbove ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
            HealthResult.Builder result = HealthResult.builder(status).detail("orders", placedNow)
                    .detail("rejects", rejectedNow).detail("reject_rate", rate);
            if (status != HealthStatus.HEALTHY) {
                result.message(String.format(Locale.ROOT, "%.1f%% of %d orders rejected in the last %ds",
                        rate * 100, placedNow, window.toSeconds()));
            }
            return result.build();
        };
    }
}
