package dev.tradepulse.http;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One request as a {@link Route} sees it. Bodies are not offered: TradePulse's endpoints are
 * read-only, and the server refuses request bodies above its limit before a route runs.
 *
 * <p>Not thread-safe to share beyond the call: use it on the thread that called the route.
 */
public interface RouteRequest {

    /**
     * The method, such as {@code GET} or {@code HEAD}.
     *
     * @return the method
     */
    String method();

    /**
     * The path as sent (still percent-encoded), such as {@code /health/live}.
     *
     * @return the path
     */
    String path();

    /**
     * The raw query string without {@code ?}, or null if there is none.
     *
     * @return the query or null
     */
    @Nullable String query();

    /**
     * The first value of a header.
     *
     * @param name the header name, case-insensitive
     * @return the value, or null if absent
     * @throws NullPointerException if {@code name} is null
     */
    @Nullable String header(String name);

    /**
     * Every value of a header, in order.
     *
     * @param name the header name, case-insensitive
     * @return the values; empty if absent
     * @throws NullPointerException if {@code name} is null
     */
    List<String> headers(String name);

    /**
     * Whether the request carries the server's bearer token (compared in constant time).
     *
     * @return true if authenticated
     */
    boolean authenticated();

    /**
     * Whether the request may see details, by the server's {@link DetailVisibility} and its token:
     * the rule {@code /health} and {@code /status} follow.
     *
     * @return true if details may be shown
     */
    boolean showsDetails();
}
