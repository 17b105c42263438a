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

    /** The problem on one line, control characters escaped: a key or a path may come from anywhere. */
    @Override
    public String toString() {
        String line = key + " (" + origin + "): " + message;
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
