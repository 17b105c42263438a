package dev.tradepulse.runtime.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OTLP export's settings from {@code metrics.otlp.*}, checked: nothing here needs
 * {@code micrometer-registry-otlp}, so a configuration is checked whether or not it is on the
 * classpath. Immutable and thread-safe; {@link #toString()} never shows a header's value.
 *
 * @param url the collector's endpoint; no user info, query or fragment, so it may be logged
 * @param step how often the meters are pushed
 * @param timeout the most one push may take
 * @param headers the headers of every push; secret values
 * @param resourceAttributes the resource of every push, {@code service.name} and
 *     {@code service.instance.id} included
 */
record OtlpSettings(URI url, Duration step, Duration timeout, Map<String, Secret> headers,
        Map<String, String> resourceAttributes) {

    static final Duration MIN_STEP = Duration.ofSeconds(1);
    static final Duration MAX_STEP = Duration.ofHours(1);

    // RFC 9110 token characters; a header name is one token.
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // Headers the JDK client sets itself and refuses from callers, and the one this export sets.
    private static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "content-type");
    private static final Set<String> RESERVED_ATTRIBUTES = Set.of("telemetry.sdk.name", "telemetry.sdk.language",
            "telemetry.sdk.version");

    /**
     * Copies the maps.
     *
     * @throws NullPointerException if an argument is null
     */
    OtlpSettings {
        Checks.notNull(url, "url");
        Checks.notNull(step, "step");
        Checks.notNull(timeout, "timeout");
        headers = Map.copyOf(new LinkedHashMap<>(Checks.notNull(headers, "headers")));
        resourceAttributes = Map.copyOf(new LinkedHashMap<>(Checks.notNull(resourceAttributes, "resourceAttributes")));
    }

    /**
     * Reads and checks {@code metrics.otlp.*}.
     *
     * @param config the configuration
     * @param app the bot's name: {@code service.name}
     * @param instance this process's instance name: {@code service.instance.id}
     * @return the settings
     * @throws IllegalArgumentException naming the key and what is wrong, never a header's value
     */
    static OtlpSettings from(Config config, String app, String instance) {
        URI url = url(config.string("metrics.otlp.url").orElse(""));
        Duration step = config.duration("metrics.otlp.step");
        if (step.compareTo(MIN_STEP) < 0 || step.compareTo(MAX_STEP) > 0) {
            throw new IllegalArgumentException("metrics.otlp.step must be from 1s to 1h, but was " + step);
        }
        Duration timeout = config.duration("metrics.otlp.timeout");
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(step) >= 0) {
            throw new IllegalArgumentException("metrics.otlp.timeout must be positive and shorter than metrics.otlp.step ("
                    + step + "), but was " + timeout + "; a push that outlasts its step makes the next one skip");
        }
        Map<String, Secret> headers = headers(config.secret("metrics.otlp.headers"));
        Map<String, String> resource = new LinkedHashMap<>();
        resource.put("service.name", app);
        resource.put("service.instance.id", instance);
        resource.putAll(attributes(config.list("metrics.otlp.resource-attributes")));
        return new OtlpSettings(url, step, timeout, headers, resource);
    }

    /** The host name, as the journal names its instance when none is configured. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static URI url(String text) {
        URI u;
        try {
            u = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("metrics.otlp.url is not a URL (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("metrics.otlp.url must be an http or https URL with a host, such as "
                    + "http://localhost:4318/v1/metrics");
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            // The URL is logged and shown in health output: a credential in it would leak there.
            throw new IllegalArgumentException("metrics.otlp.url must have no user info, query or fragment; "
                    + "put credentials in metrics.otlp.headers");
        }
        return u;
    }

    private static Map<String, Secret> headers(Optional<Secret> secret) {
        Map<String, Secret> out = new LinkedHashMap<>();
        if (secret.isEmpty()) {
            return out;
        }
        String[] entries = secret.get().reveal().split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            int eq = entry.indexOf('=');
            // Messages say which entry, never what it holds: the value is a credential.
            if (eq <= 0) {
                throw new IllegalArgumentException("metrics.otlp.headers: entry " + (i + 1) + " is not name=value");
            }
            String name = entry.substring(0, eq).strip();
            String value = entry.substring(eq + 1).strip();
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("metrics.otlp.headers: the name of entry " + (i + 1)
                        + " is not an HTTP header name");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("metrics.otlp.headers: entry " + (i + 1) + " sets " + name
                        + ", which the export sets itself");
            }
            // Checked here rather than refused by the HTTP client at every push.
            if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c > 0x7e)) {
                throw new IllegalArgumentException("metrics.otlp.headers: the value of entry " + (i + 1) + " ("
                        + name + ") is empty or holds a control or non-ASCII character");
            }
            if (out.put(name, Secret.of(value)) != null) {
                throw new IllegalArgumentException("metrics.otlp.headers: " + name + " is set twice");
            }
        }
        return out;
    }

    private static Map<String, String> attributes(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String key = eq <= 0 ? "" : entry.substring(0, eq).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("metrics.otlp.resource-attributes: \"" + clean(entry)
                        + "\" is not key=value");
            }
            if (RESERVED_ATTRIBUTES.contains(key)) {
                throw new IllegalArgumentException("metrics.otlp.resource-attributes: " + clean(key)
                        + " is set by Micrometer itself");
            }
            out.put(key, entry.substring(eq + 1).strip());
        }
        return out;
    }

    private static String clean(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** @return the endpoint as it may be shown: it holds no credential (checked at start) */
    String endpoint() {
        return url.toString();
    }

    @Override
    public String toString() {
        return "OtlpSettings[url=" + url + ", step=" + step + ", timeout=" + timeout + ", headers=" + headers.keySet()
                + " (values redacted), resourceAttributes=" + resourceAttributes + "]";
    }
}
