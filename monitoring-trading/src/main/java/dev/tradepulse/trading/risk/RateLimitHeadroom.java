package dev.tradepulse.trading.risk;

import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exchange rate-limit headroom: the bot reports each exchange response's rate-limit headers
 * ({@link #report(String, HttpHeaders)}, or the numbers with {@link #reportUsage}), and this keeps
 * the used fraction per exchange, as a gauge and for a rule that alerts before the exchange bans
 * the bot ({@link #rule(String)}, HIGH above {@link RateLimitConfig#threshold()}, 0.8 by default).
 *
 * <pre>{@code
 * RateLimitHeadroom headroom = RateLimitHeadroom.builder().build();
 * headroom.bindTo(meterRegistry);
 * ruleEngine.rule(headroom.rule("binance").build());
 * HttpResponse<String> r = client.send(request, BodyHandlers.ofString());
 * headroom.report("binance", r.headers());     // X-MBX-USED-WEIGHT-1M: 1931 -> 0.80 of 2,400
 * }</pre>
 *
 * <p>Headers come from a peer and are parsed defensively: negative, fractional, huge or non-numeric
 * values, too many headers, an unknown exchange beyond {@link RateLimitConfig#maxExchanges()} and
 * an exchange name that is not a word are counted ({@link #badValues()}) and ignored, never thrown
 * into the caller; a bad value is logged at most once a minute, escaped. Reporting costs a scan of
 * the headers and one map update, on the caller's thread.
 *
 * <h2>Meters</h2>
 * A {@link MeterBinder}: {@link #bindTo} publishes {@code tradepulse.exchange.rate_limit.used}
 * (the used fraction, tagged {@code exchange}; NaN before the first report) for every exchange
 * reported before or after, and {@code tradepulse.exchange.rate_limit.bad_values}.
 *
 * <p>Thread-safe: any thread may report, read and bind at once. Holds no thread and nothing to close.
 */
public final class RateLimitHeadroom implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitHeadroom.class);
    private static final Pattern EXCHANGE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private record Stamped(RateLimitHeaders.Reading reading, Instant at) {
    }

    private final RateLimitConfig config;
    private final Clock clock;
    private final Map<String, Stamped> readings = new ConcurrentHashMap<>();
    private final Set<String> exchanges = ConcurrentHashMap.newKeySet();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final LongAdder bad = new LongAdder();
    private final LogThrottle badLog = new LogThrottle(Duration.ofMinutes(1));

    private RateLimitHeadroom(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
    }

    /**
     * Starts a builder.
     *
     * @return a builder with the default settings and the system UTC clock
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings */
    public RateLimitConfig config() {
        return config;
    }

    /**
     * Reads an exchange response's rate-limit headers, as the JDK client gives them. Never throws.
     *
     * @param exchange the exchange's name, a word such as {@code binance}
     * @param headers the response's headers
     */
    public void report(String exchange, HttpHeaders headers) {
        try {
            report(exchange, headers.map());
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            badValue(1, "headers could not be read: " + t.getClass().getSimpleName());
        }
    }

    /**
     * Reads rate-limit headers given as a map of name to values (names in any case), as most HTTP
     * clients can give them. Never throws.
     *
     * @param exchange the exchange's name, a word such as {@code binance}
     * @param headers header name to its values
     */
    public void report(String exchange, Map<String, ? extends @Nullable Collection<String>> headers) {
        try {
            if (headers == null || !known(exchange)) {
                return;
            }
            Instant now = clock.instant();
            RateLimitHeaders.Reading reading = RateLimitHeaders.parse(headers, config.weightLimit(exchange), now,
                    config.maxHeaders(), n -> badValue(n, "a rate-limit header of '" + exchange + "' was not a count"));
            if (reading != null) {
                readings.put(exchange, new Stamped(reading, now));
            }
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            badValue(1, "headers could not be read: " + t.getClass().getSimpleName());
        }
    }

    /**
     * Reports usage the bot read itself: {@code used} of {@code limit} in the current window.
     * Never throws; a negative {@code used}, a {@code limit} below 1 or a used count above ten
     * times the limit is counted as a bad value.
     *
     * @param exchange the exchange's name, a word such as {@code binance}
     * @param used what the window has used
     * @param limit what the window allows
     * @param resetAt when the window resets, or null to count the reading for
     *     {@link RateLimitConfig#staleAfter()}
     */
    public void reportUsage(String exchange, long used, long limit, @Nullable Instant resetAt) {
        try {
            if (used < 0 || limit < 1 || used / 10 > limit) {
                badValue(1, "usage of '" + exchange + "' out of range: " + used + " of " + limit);
                return;
            }
            if (!known(exchange)) {
                return;
            }
            Instant now = clock.instant();
            Instant reset = resetAt == null || !resetAt.isAfter(now) ? null
                    : resetAt.isAfter(now.plus(RateLimitHeaders.MAX_RESET)) ? now.plus(RateLimitHeaders.MAX_RESET)
                    : resetAt;
            readings.put(exchange, new Stamped(new RateLimitHeaders.Reading(used, limit, reset), now));
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            badValue(1, "usage could not be recorded: " + t.getClass().getSimpleName());
        }
    }

    /**
     * The used fraction of an exchange's current window: 0 once the window has reset (or the
     * reading is older than {@link RateLimitConfig#staleAfter()}), empty before any report.
     *
     * @param exchange the exchange's name
     * @return the used fraction, such as 0.8; above 1 if the exchange reports more than its limit
     */
    public OptionalDouble usedFraction(String exchange) {
        Stamped s = exchange == null ? null : readings.get(exchange);
        if (s == null) {
            return OptionalDouble.empty();
        }
        Instant now = clock.instant();
        Instant reset = s.reading().resetAt();
        boolean expired = reset != null ? !now.isBefore(reset) : Duration.between(s.at(), now).compareTo(
                config.staleAfter()) > 0;
        return OptionalDouble.of(expired ? 0 : s.reading().fraction());
    }

    /** @return how many bad values (headers, usage, exchange names) were ignored */
    public long badValues() {
        return bad.sum();
    }

    /**
     * The rule that alerts (HIGH) while an exchange's used fraction is above the threshold;
     * silent before the first report.
     *
     * @param exchange the exchange's name, a word such as {@code binance}
     * @return the rule builder, named {@code risk.rate-limit:<exchange>}
     * @throws NullPointerException if {@code exchange} is null
     * @throws IllegalArgumentException if {@code exchange} is not a word of letters, digits, '_', '.', '-'
     */
    public Rule.Builder rule(String exchange) {
        Checks.notNull(exchange, "exchange");
        if (!EXCHANGE.matcher(exchange).matches()) {
            throw new IllegalArgumentException("exchange must be a word of letters, digits, '_', '.' or '-', got '"
                    + LogText.clean(exchange, 64) + "'");
        }
        double threshold = config.threshold();
        return Rule.when("risk.rate-limit:" + exchange, now -> usedFraction(exchange)).above(threshold)
                .severity(Severity.HIGH).summary(String.format(Locale.ROOT,
                        "Rate limit of '%s' more than %.0f%% used: slow down before the exchange bans the bot",
                        exchange, threshold * 100));
    }

    /**
     * Publishes the meters (see the class description) to {@code registry}, for exchanges reported
     * now and later. Binding the same registry twice does nothing.
     *
     * @param registry the meter registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Checks.notNull(registry, "registry");
        if (registries.contains(registry)) {
            return;
        }
        registries.add(registry);
        FunctionCounter.builder("tradepulse.exchange.rate_limit.bad_values", bad, LongAdder::doubleValue)
                .description("Rate-limit headers and usage reports that were ignored as bad values").register(registry);
        for (String exchange : exchanges) {
            gauge(registry, exchange);
        }
    }

    private void gauge(MeterRegistry registry, String exchange) {
        try {
            Gauge.builder("tradepulse.exchange.rate_limit.used", this, h -> h.usedFraction(exchange).orElse(Double.NaN))
                    .tag("exchange", exchange).description("Used fraction of the exchange's rate limit window")
                    .register(registry);
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            badValue(0, "the gauge of '" + exchange + "' could not be registered: " + t.getClass().getSimpleName());
        }
    }

    /** Whether the exchange may be tracked: a word, and a known one or room for one more. */
    private boolean known(@Nullable String exchange) {
        if (exchange == null || !EXCHANGE.matcher(exchange).matches()) {
            badValue(1, "an exchange name is not a word: '" + LogText.clean(exchange, 64) + "'");
            return false;
        }
        if (exchanges.contains(exchange)) {
            return true;
        }
        if (exchanges.size() >= config.maxExchanges()) { // no lock for an exchange that will never fit
            badValue(1, "more than " + config.maxExchanges() + " exchanges; '" + exchange + "' is ignored");
            return false;
        }
        synchronized (this) {
            if (exchanges.contains(exchange)) {
                return true;
            }
            if (exchanges.size() >= config.maxExchanges()) {
                badValue(1, "more than " + config.maxExchanges() + " exchanges; '" + exchange + "' is ignored");
                return false;
            }
            exchanges.add(exchange);
            for (MeterRegistry registry : registries) {
                gauge(registry, exchange);
            }
            return true;
        }
    }

    private void badValue(int n, String what) {
        bad.add(n);
        try {
            if (badLog.tryAcquire(System.nanoTime())) {
                LOG.warn("Rate-limit headroom ignored a bad value ({} so far): {}", bad.sum(), LogText.clean(what));
            }
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t); // a broken logging backend must not reach the caller
        }
    }

    @Override
    public String toString() {
        return "RateLimitHeadroom[" + config + "]";
    }

    /** Configures the headroom. Not thread-safe. */
    public static final class Builder {
        private RateLimitConfig config = RateLimitConfig.ofDefaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The settings; {@link RateLimitConfig#ofDefaults()} unless set.
         *
         * @param config the settings
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(RateLimitConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * The clock readings are stamped and expired with; the system UTC clock by default.
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
         * Builds the headroom; it holds no thread.
         *
         * @return the headroom
         */
        public RateLimitHeadroom build() {
            return new RateLimitHeadroom(this);
        }
    }
}
