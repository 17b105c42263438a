package dev.tradepulse.http.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Host allowlist against DNS rebinding: a page served from a hostile name that resolves to
 * this machine sends that name as {@code Host}, so only known names are answered. Names match
 * without case and with any port. An IP literal may be allowed too (rebinding needs a name).
 * A request without a Host (HTTP/1.0) is allowed: browsers always send one.
 *
 * <p>Thread-safe (immutable).
 */
public final class HostAllowlist {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names;
    private final boolean any;
    private final boolean ipLiterals;

    /**
     * Creates the allowlist.
     *
     * @param names lower-case names without port; IPv6 in brackets
     * @param any whether every host is allowed
     * @param ipLiterals whether IP literals are allowed besides the names
     */
    public HostAllowlist(List<String> names, boolean any, boolean ipLiterals) {
        this.names = Set.copyOf(names);
        this.any = any;
        this.ipLiterals = ipLiterals;
    }

    /**
     * Whether a {@code Host} header value is allowed.
     *
     * @param host such as {@code localhost:8080} or {@code [::1]:8080}, or null if absent
     * @return true if allowed
     */
    public boolean allowed(@Nullable String host) {
        if (any || host == null) {
            return true;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = h.substring(0, end + 1);
        } else {
            int colon = h.indexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1); // "localhost." is the same name
        }
        if (names.contains(name)) {
            return true;
        }
        return ipLiterals && (name.startsWith("[") || IPV4.matcher(name).matches());
    }

    /**
     * Whether a browser {@code Origin} header names an allowed host. A missing origin (a
     * non-browser client) is allowed; {@code null} (the literal origin of sandboxed frames) is not.
     *
     * @param origin such as {@code http://localhost:8080}, or null if absent
     * @return true if allowed
     */
    public boolean originAllowed(@Nullable String origin) {
        if (origin == null) {
            return true;
        }
        if (any) {
            return true;
        }
        try {
            URI uri = URI.create(origin.trim());
            String authority = uri.getRawAuthority();
            if (authority == null || uri.getScheme() == null) {
                return false;
            }
            return allowed(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "HostAllowlist[" + (any ? "*" : names + (ipLiterals ? " + IP literals" : "")) + "]";
    }
}
