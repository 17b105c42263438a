package dev.tradepulse.spring.boot.autoconfigure.health;

import dev.tradepulse.health.CheckOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which of the application's Actuator {@code HealthIndicator}s run in TradePulse's health registry
 * (in parallel, each within its timeout, a round shared by every component of a request), and
 * with what timeout. See {@link AdoptedIndicators}.
 *
 * <p>Not thread-safe while Spring binds it; read-only afterwards.
 */
@ConfigurationProperties("tradepulse.health.indicators")
public class IndicatorProperties {

    /**
     * Actuator health indicators, by their component names (db, diskSpace, ...), that run in
     * TradePulse's registry instead of Actuator's; * takes every indicator of the application.
     */
    private List<String> include = new ArrayList<>();

    /** Indicators that stay with Actuator even when include is *. */
    private List<String> exclude = new ArrayList<>();

    /** How long one run of an adopted indicator may take before it is reported DOWN, timed out. */
    private Duration timeout = CheckOptions.DEFAULT_TIMEOUT;

    /** Timeouts of single indicators by name, overriding timeout. */
    private Map<String, Duration> timeouts = new LinkedHashMap<>();

    /**
     * Run the adopted indicators in the background at this interval and answer from their latest
     * result; unset: they run when health is asked (once per tradepulse.health.cache).
     */
    private @Nullable Duration refresh;

    /** @return the names to adopt, or {@code *} */
    public List<String> getInclude() {
        return include;
    }

    /** @param include the names to adopt, or {@code *} */
    public void setInclude(List<String> include) {
        this.include = new ArrayList<>(include);
    }

    /** @return the names that stay with Actuator */
    public List<String> getExclude() {
        return exclude;
    }

    /** @param exclude the names that stay with Actuator */
    public void setExclude(List<String> exclude) {
        this.exclude = new ArrayList<>(exclude);
    }

    /** @return the timeout of one run */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * @param timeout the timeout of one run; positive
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public void setTimeout(Duration timeout) {
        this.timeout = positive(timeout, "tradepulse.health.indicators.timeout");
    }

    /** @return the timeouts of single indicators */
    public Map<String, Duration> getTimeouts() {
        return timeouts;
    }

    /**
     * @param timeouts the timeouts of single indicators; each positive
     * @throws IllegalArgumentException if a timeout is not positive
     */
    public void setTimeouts(Map<String, Duration> timeouts) {
        timeouts.forEach((name, t) -> positive(t, "tradepulse.health.indicators.timeouts." + name));
        this.timeouts = new LinkedHashMap<>(timeouts);
    }

    /** @return the background refresh interval, or null to run on demand */
    public @Nullable Duration getRefresh() {
        return refresh;
    }

    /**
     * @param refresh the background refresh interval, or null to run on demand; positive
     * @throws IllegalArgumentException if {@code refresh} is not positive
     */
    public void setRefresh(@Nullable Duration refresh) {
        this.refresh = refresh == null ? null : positive(refresh, "tradepulse.health.indicators.refresh");
    }

    /** @return the options of the indicator of this name: its timeout, and the refresh if set */
    CheckOptions options(String name) {
        CheckOptions.Builder b = CheckOptions.custom().timeout(timeouts.getOrDefault(name, timeout));
        Duration r = refresh;
        if (r != null) {
            b.refreshEvery(r);
        }
        return b.build();
    }

    private static Duration positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
