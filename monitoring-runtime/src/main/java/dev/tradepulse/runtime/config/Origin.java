package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;

/**
 * Where a configuration value came from. Immutable.
 *
 * @param kind the kind of source
 * @param where the file and line, the variable or the property, or the profile's name
 */
public record Origin(Kind kind, String where) {

    /** The sources, from the weakest to the strongest. */
    public enum Kind {
        /** The key's built-in default. */
        DEFAULT,
        /** The active profile's default. */
        PROFILE,
        /** The configuration file. */
        FILE,
        /** An environment variable. */
        ENVIRONMENT,
        /** A JVM system property. */
        SYSTEM_PROPERTY
    }

    /**
     * Checks.
     *
     * @throws NullPointerException if an argument is null
     */
    public Origin {
        Checks.notNull(kind, "kind");
        Checks.notNull(where, "where");
    }

    static Origin file(String file, int line, int column) {
        return new Origin(Kind.FILE, file + ":" + line + ":" + column);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "default";
            case PROFILE -> "profile " + where;
            case FILE -> where;
            case ENVIRONMENT -> "environment variable " + where;
            case SYSTEM_PROPERTY -> "system property " + where;
        };
    }
}
