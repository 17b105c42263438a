package dev.tradepulse.http.internal;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Checks every request before any route or mount sees it: a Host on the allowlist (else 421),
 * a request line within its limit (else 414), headers within theirs (else 431). Body size is
 * bounded by Jetty's {@code SizeLimitHandler} around this guard (413).
 *
 * <p>Thread-safe (immutable after construction).
 */
public final class Guard extends Handler.Wrapper {

    private final HostAllowlist hosts;
    private final int maxRequestLine;
    private final int maxHeaderBytes;

    /**
     * Creates the guard.
     *
     * @param next the handler behind it
     * @param hosts the Host allowlist
     * @param maxRequestLine the longest request line
     * @param maxHeaderBytes the most header bytes
     */
    public Guard(Handler next, HostAllowlist hosts, int maxRequestLine, int maxHeaderBytes) {
        super(next);
        this.hosts = hosts;
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (Responses.requestLineLength(request) > maxRequestLine) {
            Responses.error(response, callback, 414, "request line too long");
            return true;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            Responses.error(response, callback, 431, "request headers too large");
            return true;
        }
        if (!hosts.allowed(request.getHeaders().get(HttpHeader.HOST))) {
            // 421 Misdirected Request: this server does not answer for that name
            Responses.error(response, callback, 421, "host not allowed");
            return true;
        }
        Handler next = getHandler();
        if (next != null && next.handle(request, response, callback)) {
            return true;
        }
        Responses.error(response, callback, 404, "not found");
        return true;
    }

    private static int headerBytes(Request request) {
        int total = 0;
        for (HttpField field : request.getHeaders()) {
            total += field.getName().length() + (field.getValue() == null ? 0 : field.getValue().length()) + 4;
        }
        return total;
    }
}
