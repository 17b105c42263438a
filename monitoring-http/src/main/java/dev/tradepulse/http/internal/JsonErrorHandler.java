package dev.tradepulse.http.internal;

import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error responses (bad requests the parser refuses before any handler: 400, 413, 414,
 * 431, and failures after a handler) as TradePulse JSON: a fixed message per status, never an
 * exception's message or a stack trace: the ones below for the common cases, otherwise the
 * standard reason phrase in lower case (505 is "http version not supported").
 *
 * <p>Thread-safe (stateless).
 */
public final class JsonErrorHandler extends ErrorHandler {

    /** Creates the handler. */
    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_STATUS) instanceof Integer s) {
            status = s;
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        Responses.error(response, callback, status, message(status));
        return true;
    }

    /**
     * The fixed message for a status.
     *
     * @param status the status
     * @return the message
     */
    static String message(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 408 -> "request timeout";
            case 413 -> "request body too large";
            case 414 -> "request line too long";
            case 431 -> "request headers too large";
            case 500 -> "internal error";
            case 503 -> "unavailable";
            default -> reasonPhrase(status);
        };
    }

    /** The standard reason phrase in lower case, such as "http version not supported" for 505. */
    private static String reasonPhrase(int status) {
        HttpStatus.Code code = HttpStatus.getCode(status);
        if (code == null) {
            return status < 500 ? "bad request" : "internal error";
        }
        return code.getMessage().toLowerCase(Locale.ROOT);
    }
}
