package dev.tradepulse.api.status;

/**
 * How an item reads at a glance. The page pairs every tone with a word and a symbol, so status
 * is never shown by colour alone.
 */
public enum Tone {
    /** Working as intended. */
    OK,
    /** Needs a look: degraded, half-open, a warning. */
    WARN,
    /** Needs action now: unhealthy, open breaker, halted, a critical alert. */
    CRITICAL,
    /** No judgement: informational. */
    NEUTRAL;

    /**
     * The lowercase name used in JSON.
     *
     * @return the name
     */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
