package dev.tradepulse.chat.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback Telegram Bot API: getUpdates long polls over the updates a test adds, sendMessage and
 * answerCallbackQuery recorded, and faults a test schedules for the next poll (429 with
 * retry_after, a connection dropped mid-poll, an update sent twice).
 */
final class FakeTelegram implements AutoCloseable {

    static final String TOKEN = "123456:fake-telegram-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Fault { TOO_MANY_REQUESTS, DROP_CONNECTION, SEND_TWICE }

    private final HttpServer server;
    private final List<ObjectNode> updates = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    final BlockingQueue<JsonNode> sent = new LinkedBlockingQueue<>();
    final BlockingQueue<String> answered = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> offsets = new LinkedBlockingQueue<>();
    private long nextId = 5_000;

    FakeTelegram() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-telegram");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    synchronized void message(long userId, String name, long chatId, String chatType, String text) {
        ObjectNode u = JSON.createObjectNode().put("update_id", nextId++);
        ObjectNode m = u.putObject("message").put("message_id", nextId).put("date", 1_700_000_000).put("text", text);
        m.putObject("from").put("id", userId).put("is_bot", false).put("first_name", name).put("username", name);
        m.putObject("chat").put("id", chatId).put("type", chatType);
        updates.add(u);
        notifyAll();
    }

    synchronized void press(long userId, String name, long chatId, String data) {
        ObjectNode u = JSON.createObjectNode().put("update_id", nextId++);
        ObjectNode c = u.putObject("callback_query").put("id", "cb-" + nextId).put("data", data);
        c.putObject("from").put("id", userId).put("is_bot", false).put("first_name", name);
        c.putObject("message").putObject("chat").put("id", chatId).put("type", chatId < 0 ? "supergroup" : "private");
        updates.add(u);
        notifyAll();
    }

    synchronized void fault(Fault f) {
        faults.add(f);
        notifyAll();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            if (!path.startsWith("/bot" + TOKEN + "/")) {
                reply(ex, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                return;
            }
            String method = path.substring(path.lastIndexOf('/') + 1);
            switch (method) {
                case "getUpdates" -> getUpdates(ex, body);
                case "sendMessage" -> {
                    sent.add(body);
                    reply(ex, 200, "{\"ok\":true,\"result\":{\"message_id\":1}}");
                }
                case "answerCallbackQuery" -> {
                    answered.add(body.path("callback_query_id").asText());
                    reply(ex, 200, "{\"ok\":true,\"result\":true}");
                }
                default -> reply(ex, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            }
        }
    }

    private void getUpdates(HttpExchange ex, JsonNode body) throws IOException {
        long offset = body.path("offset").asLong(0);
        long timeoutMs = body.path("timeout").asLong(0) * 1000;
        offsets.add(offset);
        ArrayNode result = JSON.createArrayNode();
        Fault fault;
        synchronized (this) {
            long end = System.currentTimeMillis() + timeoutMs;
            // The long poll: the server holds the request until an update or a fault arrives.
            while (faults.isEmpty() && updates.stream().noneMatch(u -> u.path("update_id").asLong() >= offset)) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            fault = faults.poll();
            for (ObjectNode u : updates) {
                if (u.path("update_id").asLong() >= offset || fault == Fault.SEND_TWICE) {
                    result.add(u);
                }
            }
        }
        if (fault == Fault.TOO_MANY_REQUESTS) {
            reply(ex, 429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                    + "\"parameters\":{\"retry_after\":7}}");
            return;
        }
        if (fault == Fault.DROP_CONNECTION) {
            ex.getHttpContext().getServer();
            ex.sendResponseHeaders(200, 1_000);
            ex.getResponseBody().write("{\"ok\":tr".getBytes(StandardCharsets.US_ASCII));
            ex.getResponseBody().flush();
            throw new IOException("dropped on purpose");   // the server closes the connection mid-body
        }
        ObjectNode answer = JSON.createObjectNode().put("ok", true);
        answer.set("result", result);
        reply(ex, 200, answer.toString());
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
