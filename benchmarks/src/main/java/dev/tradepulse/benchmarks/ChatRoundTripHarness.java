package dev.tradepulse.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.chat.ChatControl;
import dev.tradepulse.chat.Command;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.Role;
import dev.tradepulse.chat.telegram.TelegramTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * A chat command's round trip: a Telegram update appears on a loopback Bot API, the transport's
 * long poll picks it up, {@link ChatControl} runs {@code /status}, and the reply's
 * {@code sendMessage} arrives back. One command at a time, each from its own private chat (so
 * Telegram's one-message-a-second-per-chat pacing, which is Telegram's limit and not our cost, is
 * not measured).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.ChatRoundTripHarness [commands]</pre>
 */
public final class ChatRoundTripHarness {

    private static final String TOKEN = "123456:harness-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<ObjectNode> pending = new ArrayDeque<>();
    private final SynchronousQueue<Long> replies = new SynchronousQueue<>();
    private long nextId = 1;

    private ChatRoundTripHarness() {
    }

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        // The fake Bot API must not add Nagle's delay to its small answers (40 ms a round trip),
        // or the harness measures the JDK server's socket option instead of TradePulse.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        new ChatRoundTripHarness().run(commands);
    }

    private void run(int commands) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        ChatControl control = ChatControl.builder().allow("telegram", "42", Role.VIEWER).rateLimit(1_000_000)
                .command(Command.of("status", Role.VIEWER, "status", inv -> Reply.text("momentum ACTIVE, P&L today +1.2 %")))
                .build();
        URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        try (TelegramTransport transport = TelegramTransport.builder(TOKEN, control).api(api)
                .pollTimeout(Duration.ofSeconds(5)).build()) {
            int warmup = Math.min(200, commands);
            long[] micros = new long[commands];
            for (int i = 0; i < warmup + commands; i++) {
                long start = System.nanoTime();
                enqueue(100_000 + i);
                Long chat = replies.poll(10, TimeUnit.SECONDS);
                if (chat == null) {
                    throw new IllegalStateException("no reply within 10 s at command " + i);
                }
                if (i >= warmup) {
                    micros[i - warmup] = (System.nanoTime() - start) / 1_000;
                }
            }
            if (transport.sendFailures() > 0) {
                throw new IllegalStateException(transport.sendFailures() + " replies failed");
            }
            Arrays.sort(micros);
            System.out.printf("chat round trip, %d commands: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", commands,
                    micros[commands / 2] / 1e3, micros[(int) (commands * 0.99)] / 1e3, micros[commands - 1] / 1e3);
        } finally {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private synchronized void enqueue(long chat) {
        ObjectNode u = JSON.createObjectNode().put("update_id", nextId++);
        ObjectNode m = u.putObject("message").put("message_id", 1).put("date", 1).put("text", "/status");
        m.putObject("from").put("id", 42).put("is_bot", false).put("first_name", "ops");
        m.putObject("chat").put("id", chat).put("type", "private");
        pending.add(u);
        notifyAll();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            String answer;
            if (path.endsWith("/getUpdates")) {
                long offset = body.path("offset").asLong();
                ObjectNode out = JSON.createObjectNode().put("ok", true);
                var result = out.putArray("result");
                synchronized (this) {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(body.path("timeout").asLong());
                    while (pending.isEmpty() && System.nanoTime() < end) {
                        try {
                            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    while (!pending.isEmpty()) {
                        ObjectNode u = pending.poll();
                        if (u.path("update_id").asLong() >= offset) {
                            result.add(u);
                        }
                    }
                }
                answer = out.toString();
            } else {
                answer = "{\"ok\":true,\"result\":{\"message_id\":1}}";
                try {
                    replies.put(body.path("chat_id").asLong());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        }
    }
}
