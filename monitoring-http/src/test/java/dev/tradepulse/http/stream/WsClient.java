package dev.tradepulse.http.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real client: the JDK HttpClient's WebSocket, collecting the server's messages as JSON. */
final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final WebSocket socket;
    final BlockingQueue<JsonNode> messages;
    final CompletableFuture<Integer> closed;

    private WsClient(WebSocket socket, BlockingQueue<JsonNode> messages, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.messages = messages;
        this.closed = closed;
    }

    /** Connects; {@code reads} false makes a client that never reads a message (not even the first). */
    static WsClient connect(URI uri, boolean reads, String... headersAndProtocols) throws Exception {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        List<String> protocols = new ArrayList<>();
        for (int i = 0; i < headersAndProtocols.length; i++) {
            if (headersAndProtocols[i].equals("protocol")) {
                protocols.add(headersAndProtocols[++i]);
            } else {
                builder.header(headersAndProtocols[i], headersAndProtocols[++i]);
            }
        }
        if (!protocols.isEmpty()) {
            builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
        WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                if (reads) {
                    webSocket.request(1);
                }
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        messages.add(JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        messages.add(JSON.getNodeFactory().textNode("unparseable: " + text));
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        }).get(10, TimeUnit.SECONDS);
        return new WsClient(socket, messages, closed);
    }

    /** The next message of this type, skipping others; fails after the timeout. */
    JsonNode next(String type, Duration timeout) throws InterruptedException {
        return next(m -> type.equals(m.path("type").asText()), timeout, type);
    }

    JsonNode next(Predicate<JsonNode> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError("no " + what + " message within " + timeout);
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
