package dev.tradepulse.runtime.config;

/** The kinds of value a {@link ConfigKey} holds, and how each is written. */
public enum ValueType {
    /** Any text. */
    STRING("text"),
    /**
     * A secret: a token, password, key or a URL that embeds one. Written literally, or as
     * {@code ${env:NAME}} or {@code ${file:/path}} (the only references TradePulse resolves, and only
     * for secrets). Never printed.
     */
    SECRET("secret: literal, ${env:NAME} or ${file:/path}"),
    /** A whole number within the key's range. */
    INTEGER("a whole number"),
    /** A decimal number within the key's range, such as {@code 0.15}. */
    DECIMAL("a decimal number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false"),
    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT30S}. */
    DURATION("a duration such as 500ms, 30s, 5m, 2h, 1d or PT30S"),
    /** A file-system path. */
    PATH("a path"),
    /** One of a fixed set of words. */
    ENUM("one of the listed values"),
    /** A list of texts: a YAML sequence, or comma-separated. */
    LIST("a list: a YAML sequence or comma-separated");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** @return how a value of this type is written, for error messages and the reference */
    public String description() {
        return description;
    }
}
