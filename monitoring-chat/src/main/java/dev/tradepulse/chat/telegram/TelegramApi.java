package dev.tradepulse.chat.telegram;

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
import java.time.Duration;
import java.util.Optional;

/**
 * The few Bot API calls the transport makes, each with a deadline and a bounded body. The token
 * is part of every URL, so no URL, request or response is ever logged or put in an exception.
 */
final class TelegramApi {

    static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A call the API refused, with what Telegram said and how long to wait, if it said. */
    static final class ApiException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient Optional<Duration> retryAfter;

        ApiException(int status, String description, Optional<Duration> retryAfter) {
            super("Telegram answered " + status + (description.isEmpty() ? "" : ": " + description));
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http;

    TelegramApi(URI base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    private URI method(String name) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b : b + "/") + "bot" + token + "/" + name);
    }

    JsonNode getUpdates(long offset, Duration timeout) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("offset", offset);
        body.put("timeout", timeout.toSeconds());
        body.putArray("allowed_updates").add("message").add("callback_query");
        return call("getUpdates", body, timeout.plusSeconds(10));
    }

    void sendMessage(String chatId, Reply reply, Duration timeout) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("chat_id", chatId);
        body.put("text", reply.text().length() > 4096 ? reply.text().substring(0, 4093) + "..." : reply.text());
        if (!reply.buttons().isEmpty()) {
            ArrayNode row = body.putObject("reply_markup").putArray("inline_keyboard").addArray();
            for (Reply.Button b : reply.buttons()) {
                row.addObject().put("text", b.label()).put("callback_data", b.data());
            }
        }
        call("sendMessage", body, timeout);
    }

    void answerCallbackQuery(String id, Duration timeout) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("callback_query_id", id);
        call("answerCallbackQuery", body, timeout);
    }

    private JsonNode call(String name, ObjectNode body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(method(name))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        BoundedExchange.Response response = BoundedExchange.send(http, request, MAX_BODY, timeout);
        if (response.truncated()) {
            throw new IOException("Telegram's answer to " + name + " is larger than 1 MiB");
        }
        byte[] bytes = response.body();
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("Telegram's answer to " + name + " is not JSON (HTTP " + response.status() + ")");
        }
        if (node == null || !node.path("ok").asBoolean(false)) {
            int status = node == null ? response.status() : node.path("error_code").asInt(response.status());
            String description = node == null ? "" : clean(node.path("description").asText(""));
            // Either number may be anything a peer sends ("1e9", "2.5", junk): read, never thrown.
            JsonNode retry = node == null ? null : node.path("parameters").get("retry_after");
            Optional<Duration> after = retry != null && retry.isValueNode() ? RetryAfter.seconds(retry.asText()) : Optional.empty();
            if (after.isEmpty()) {
                after = RetryAfter.seconds(response.headers().firstValue("Retry-After").orElse(null));
            }
            throw new ApiException(status, description, after);
        }
        return node;
    }

    private String clean(String s) {
        String t = s.replace(token, "<token>").replaceAll("\\p{Cntrl}", "?");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
