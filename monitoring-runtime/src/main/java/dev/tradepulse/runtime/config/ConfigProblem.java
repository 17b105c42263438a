package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;

/**
 * One thing wrong with a configuration. Immutable.
 *
 * @param key the key as written
 * @param origin where it was written
 * @param message what is wrong and what is allowed; never a secret's value
 */
public record ConfigProblem(String key, Origin origin, String message) {

    /**
     * Checks.
     *
     * @throws NullPointerException if an argument is null
     */
    public ConfigProblem {
        Checks.notNull(key, "key");
        Checks.notNull(origin, "origin");
        Checks.notNull(message, "message");
    }

    @Override
    public String toString() {
        return key + " (" + origin + "): " + message;
    }
}
