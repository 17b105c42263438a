package dev.tradepulse.spring.boot.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own settings. The runtime's settings ({@code tradepulse.app},
 * {@code tradepulse.server.*}, {@code tradepulse.strategies.*}...) are not mirrored here: they are
 * read by the runtime's {@code ConfigLoader} (see {@link SpringConfigSource}), and their metadata
 * comes from the runtime's schema.
 *
 * <p>Not thread-safe while Spring binds it; read-only afterwards.
 */
@ConfigurationProperties("tradepulse")
public class TradePulseProperties {

    /** Whether to auto-configure TradePulse at all. */
    private boolean enabled = true;

    private final Health health = new Health();

    /** @return whether TradePulse is auto-configured */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether TradePulse is auto-configured */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the health settings */
    public Health getHealth() {
        return health;
    }

    /** How TradePulse's health appears under Actuator. Not thread-safe while bound. */
    public static class Health {

        /**
         * How long one round of TradePulse's checks answers every component of one
         * /actuator/health request (Actuator asks each component separately).
         */
        private Duration cache = Duration.ofSeconds(1);

        /** @return how long one round of checks is reused */
        public Duration getCache() {
            return cache;
        }

        /**
         * @param cache how long one round of checks is reused; zero or more
         * @throws IllegalArgumentException if {@code cache} is negative
         * @throws NullPointerException if {@code cache} is null
         */
        public void setCache(Duration cache) {
            if (cache.isNegative()) {
                throw new IllegalArgumentException("tradepulse.health.cache must not be negative: " + cache);
            }
            this.cache = cache;
        }
    }
}
