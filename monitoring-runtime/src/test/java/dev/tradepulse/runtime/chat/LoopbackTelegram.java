package dev.tradepulse.runtime.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.support.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The smallest Telegram Bot API the runtime's chat needs, on loopback: getUpdates long polls over
 * the updates a test adds, sendMessage and answerCallbackQuery recorded.
 */
final class LoopbackTelegram implements AutoCloseable {

    static final String TOKEN = "654321:loopback-telegram-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, Threads.daemon("loopback-telegram"));
    private final List<ObjectNode> updates = new ArrayList<>();
    final BlockingQueue<JsonNode> sent = new LinkedBlockingQueue<>();
    private long nextId = 7_000;

    LoopbackTelegram() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    synchronized void message(long userId, String name, long chatId, String text) {
        ObjectNode u = JSON.createObjectNode().put("update_id", nextId++);
        ObjectNode m = u.putObject("message").put("message_id", nextId).put("date", 1_700_000_000).put("text", text);
        m.putObject("from").put("id", userId).put("is_bot", false).put("first_name", name);
        m.putObject("chat").put("id", chatId).put("type", chatId < 0 ? "supergroup" : "private");
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

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            if (!path.startsWith("/bot" + TOKEN + "/")) {
                reply(ex, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                return;
            }
            switch (path.substring(path.lastIndexOf('/') + 1)) {
                case "getUpdates" -> getUpdates(ex, body);
                case "sendMessage" -> {
                    sent.add(body);
                    reply(ex, 200, "{\"ok\":true,\"result\":{\"message_id\":1}}");
                }
                case "answerCallbackQuery" -> reply(ex, 200, "{\"ok\":true,\"result\":true}");
                default -> reply(ex, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            }
        }
    }

    private void getUpdates(HttpExchange ex, JsonNode body) throws IOException {
        long offset = body.path("offset").asLong(0);
        long end = System.currentTimeMillis() + body.path("timeout").asLong(0) * 1000;
        ArrayNode result = JSON.createArrayNode();
        synchronized (this) {
            while (updates.stream().noneMatch(u -> u.path("update_id").asLong() >= offset)) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(left); // the long poll, woken by a new update
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            for (ObjectNode u : updates) {
                if (u.path("update_id").asLong() >= offset) {
                    result.add(u);
                }
            }
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
        pool.shutdownNow();
    }
}
