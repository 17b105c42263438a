package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;
import java.util.List;
import java.util.Map;

/**
 * A named set of defaults and requirements, chosen with the {@code profile} key. Immutable.
 *
 * @param name the profile's name, such as {@code production}
 * @param defaults keys this profile sets unless a file, variable or property does
 * @param required keys that must have a value under this profile
 * @param literalSecrets whether a secret may be written literally into the file (rather than
 *     as {@code ${env:NAME}} or {@code ${file:/path}})
 * @param description one sentence for the reference
 */
public record Profile(String name, Map<String, String> defaults, List<String> required, boolean literalSecrets,
        String description) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public Profile {
        Checks.notBlank(name, "name");
        defaults = Map.copyOf(Checks.notNull(defaults, "defaults"));
        required = List.copyOf(Checks.notNull(required, "required"));
        Checks.notNull(description, "description");
    }

    /** @return whether a secret may be written literally into the file */
    public boolean literalSecretsAllowed() {
        return literalSecrets;
    }
}
