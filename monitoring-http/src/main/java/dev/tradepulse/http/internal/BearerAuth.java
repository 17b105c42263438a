package dev.tradepulse.http.internal;

import dev.tradepulse.http.DetailVisibility;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * The token rule: a request is authenticated when its {@code Authorization: Bearer} value equals
 * the server's token, compared in constant time (a request with two {@code Authorization} fields
 * is not authenticated); details follow the {@link DetailVisibility}.
 * The token is never logged or shown.
 *
 * <p>Thread-safe (immutable).
 */
public final class BearerAuth {

    private final byte @Nullable [] token;
    private final DetailVisibility visibility;

    /**
     * Creates the rule.
     *
     * @param token the token, or null if none is set (then nobody is authenticated)
     * @param visibility when details are shown
     */
    public BearerAuth(@Nullable String token, DetailVisibility visibility) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.visibility = visibility;
    }

    /**
     * Whether a token is configured.
     *
     * @return true if set
     */
    public boolean hasToken() {
        return token != null;
    }

    /**
     * Whether the headers carry the token. A request with more than one {@code Authorization}
     * field is never authenticated, whatever their order: RFC 9110 allows one, and a proxy in
     * front may keep either.
     *
     * @param headers the request headers
     * @return true if authenticated
     */
    public boolean authenticated(HttpFields headers) {
        byte[] expected = token;
        if (expected == null) {
            return false;
        }
        String header = null;
        for (HttpField field : headers) {
            if (field.getHeader() == HttpHeader.AUTHORIZATION
                    || HttpHeader.AUTHORIZATION.is(field.getName())) {
                if (header != null) {
                    return false; // ambiguous: two Authorization fields
                }
                header = field.getValue() == null ? "" : field.getValue();
            }
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(offered, expected);
    }

    /**
     * Whether a request with these headers may see details.
     *
     * @param headers the request headers
     * @return true if details may be shown
     */
    public boolean showsDetails(HttpFields headers) {
        return switch (visibility) {
            case NEVER -> false;
            case ALWAYS -> true;
            case WHEN_AUTHORIZED -> authenticated(headers);
        };
    }

    @Override
    public String toString() {
        return "BearerAuth[details " + visibility + ", token " + (token == null ? "unset" : "set") + "]";
    }
}
