package dev.tradepulse.runtime.config;

import dev.tradepulse.api.support.Checks;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Writes the reference of every key from a schema, so the documentation cannot drift from the code. */
public final class ConfigReference {

    private ConfigReference() {
    }

    /**
     * @param schema the schema
     * @return a Markdown document: the override rule, the profiles, and a table of every key
     * @throws NullPointerException if {@code schema} is null
     */
    public static String markdown(ConfigSchema schema) {
        Checks.notNull(schema, "schema");
        StringBuilder b = new StringBuilder();
        b.append("# Configuration reference\n\n")
                .append("Generated from the code by `ConfigReference.markdown`; a test fails if this file differs.\n\n")
                .append("Values are read from, each overriding the one before: the defaults below, the profile's\n")
                .append("defaults, the file (YAML or properties), environment variables, system properties.\n")
                .append("A key `alerts.telegram.chat-id` is set by the variable `TRADEPULSE_ALERTS_TELEGRAM_CHAT_ID`\n")
                .append("(upper case, every `.` and `-` as `_`) and by `-Dtradepulse.alerts.telegram.chat-id=...`.\n")
                .append("A `*` in a key is a name you choose, such as a strategy's.\n\n")
                .append("Secrets are written as `${env:NAME}` or `${file:/path}` (the only references resolved, and\n")
                .append("only for secrets) or, where the profile allows it, literally. They are never printed.\n\n")
                .append("## Profiles\n\n| profile | sets | requires | literal secrets in the file |\n|---|---|---|---|\n");
        for (Profile p : schema.profiles().values()) {
            StringBuilder sets = new StringBuilder();
            for (Map.Entry<String, String> d : new TreeMap<>(p.defaults()).entrySet()) {
                sets.append(sets.length() == 0 ? "" : ", ").append('`').append(d.getKey()).append(": ").append(d.getValue()).append('`');
            }
            b.append("| `").append(p.name()).append("`").append(p.name().equals(schema.defaultProfile()) ? " (default)" : "")
                    .append(" | ").append(sets.length() == 0 ? "-" : sets).append(" | ")
                    .append(p.required().isEmpty() ? "-" : "`" + String.join("`, `", p.required()) + "`")
                    .append(" | ").append(p.literalSecretsAllowed() ? "allowed" : "refused").append(" |\n");
        }
        b.append("\n## Keys\n\n| key | type | default | description |\n|---|---|---|---|\n");
        for (ConfigKey k : schema.keys()) {
            String type = k.type() == ValueType.ENUM ? "one of `" + String.join("`, `", k.allowed()) + "`"
                    : k.type().name().toLowerCase(Locale.ROOT);
            b.append("| `").append(k.name()).append("` | ").append(type).append(" | ")
                    .append(k.defaultValue() == null ? "-" : "`" + k.defaultValue() + "`").append(" | ")
                    .append(k.description().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }
}
