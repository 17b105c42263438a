package dev.tradepulse.spring.boot.autoconfigure.aop;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's settings for annotations on Spring beans. Read by the auto-configuration's
 * condition; bound here for the configuration metadata (IDE completion).
 *
 * <p>Not thread-safe while Spring binds it; read-only afterwards.
 */
@ConfigurationProperties("tradepulse.annotations")
public class TradePulseAnnotationsProperties {

    /**
     * Whether Spring beans' @Timed, @Counted, @Retry and @CircuitBreaker are applied by TradePulse
     * (each backs off to Micrometer's or resilience4j's own aspect when that is present).
     */
    private boolean enabled = true;

    /** Creates the settings with their defaults; Spring calls it. */
    public TradePulseAnnotationsProperties() {
    }

    /** @return whether the annotations are applied */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether the annotations are applied */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
