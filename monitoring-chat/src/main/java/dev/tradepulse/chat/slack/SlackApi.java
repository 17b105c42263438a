package dev.tradepulse.chat.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.internal.BoundedExchange;
import dev.tradepulse.chat.internal.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The two Web API calls the transport makes, each under one deadline with a bounded body:
 * {@code apps.connections.open} with the app-level token and {@code chat.postMessage} with the bot
 * token. Tokens travel only in the {@code Authorization} header; no request, header or socket URL
 * (which carries a ticket) is ever logged or put in an exception. Thread-safe (immutable).
 */
final class SlackApi {

    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A call Slack refused or failed, with how long to wait if it said. */
    static final class ApiException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient Optional<Duration> retryAfter;

        ApiException(int status, String what, Optional<Duration> retryAfter) {
            super(what);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        /** @return whether trying again later may help (429, 5xx) */
        boolean transientFailure() {
            return status == 429 || status >= 500;
        }
    }

    private final URI base;
    private final String appToken;
    private final String botToken;
    private final HttpClient http;
    private final Duration timeout;

    SlackApi(URI base, String appToken, String botToken, HttpClient http, Duration timeout) {
        this.base = base;
        this.appToken = appToken;
        this.botToken = botToken;
        this.http = http;
        this.timeout = timeout;
    }

    private URI method(String name) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b : b + "/") + name);
    }

    /**
     * @return the socket URL to connect to (holds a ticket: never log it)
     * @throws IOException if Slack refused, the answer is malformed, or the URL is not {@code wss}
     *     (plain {@code ws} only on loopback, for tests)
     */
    URI openConnection() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(method("apps.connections.open"))
                .header("Authorization", "Bearer " + appToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        JsonNode answer = call("apps.connections.open", request);
        String url = answer.path("url").asText("");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("apps.connections.open answered a malformed url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost())
                || "[::1]".equals(uri.getHost());
        if (!scheme.equals("wss") && !(scheme.equals("ws") && loopback)) {
            throw new IOException("apps.connections.open answered a url that is not wss");
        }
        return uri;
    }

    /**
     * Posts a reply, its buttons as a Block Kit actions block.
     *
     * @throws ApiException if Slack refused (with its Retry-After, if any)
     * @throws IOException if the exchange failed
     */
    void postMessage(String channel, Reply reply) throws IOException, InterruptedException {
        ObjectNode body = message(reply).put("channel", channel);
        HttpRequest request = HttpRequest.newBuilder(method("chat.postMessage"))
                .header("Authorization", "Bearer " + botToken)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        call("chat.postMessage", request);
    }

    /**
     * @param reply what to say
     * @return a message object: {@code text} (the notification fallback) and, with buttons, blocks
     *     of a plain-text section and an actions block whose button values are the buttons' data
     */
    static ObjectNode message(Reply reply) {
        ObjectNode m = JSON.createObjectNode().put("text", escape(reply.text()));
        if (!reply.buttons().isEmpty()) {
            ArrayNode blocks = m.putArray("blocks");
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "plain_text").put("text", cut(reply.text(), 3000));
            ObjectNode actions = blocks.addObject().put("type", "actions");
            ArrayNode elements = actions.putArray("elements");
            int i = 0;
            for (Reply.Button b : reply.buttons()) {
                ObjectNode e = elements.addObject().put("type", "button").put("action_id", "tradepulse-" + i++)
                        .put("value", b.data());
                e.putObject("text").put("type", "plain_text").put("text", cut(b.label(), 75));
            }
        }
        return m;
    }

    // Slack reads &, < and > in text as markup (links, mentions): send them as text.
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private JsonNode call(String name, HttpRequest request) throws IOException, InterruptedException {
        BoundedExchange.Response response = BoundedExchange.send(http, request, MAX_BODY, timeout);
        Optional<Duration> retryAfter = RetryAfter.seconds(response.headers().firstValue("Retry-After").orElse(null));
        if (response.status() == 429 || response.status() >= 500) {
            throw new ApiException(response.status(), name + " answered HTTP " + response.status(), retryAfter);
        }
        if (response.truncated()) {
            throw new ApiException(response.status(), name + "'s answer is larger than " + MAX_BODY + " bytes",
                    Optional.empty());
        }
        JsonNode node;
        try {
            node = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException(response.status(), name + "'s answer is not JSON (HTTP " + response.status() + ")",
                    Optional.empty());
        }
        if (node == null || !node.path("ok").asBoolean(false)) {
            String error = node == null ? "" : clean(node.path("error").asText(""));
            throw new ApiException(response.status(), name + " answered HTTP " + response.status()
                    + (error.isEmpty() ? "" : ": " + error), retryAfter);
        }
        return node;
    }

    private String clean(String s) {
        String t = s.replace(appToken, "<token>").replace(botToken, "<token>").replaceAll("[^a-zA-Z0-9_.:-]", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
