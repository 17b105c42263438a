package dev.tradepulse.chat.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;

/**
 * A loopback Slack: {@code apps.connections.open} and {@code chat.postMessage} over HTTP (checking
 * each one's token), and the Socket Mode WebSocket at {@code /link}, which greets with
 * {@code hello} and records what the client sends (the acknowledgements). Tests push envelopes and
 * schedule faults for the next {@code apps.connections.open} or {@code chat.postMessage}.
 */
public final class FakeSlack implements AutoCloseable {

    static final String APP_TOKEN = "xapp-1-A0FAKE-1234567890-feedfacecafebeef";
    static final String BOT_TOKEN = "xoxb-1234-5678-fakebottokenfortests";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum OpenFault { HUGE_BODY, DRIP, TOO_MANY_REQUESTS, GARBAGE, NOT_WSS }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Deque<OpenFault> openFaults = new ArrayDeque<>();
    private final AtomicInteger postFaults = new AtomicInteger();
    private final AtomicInteger envelopeIds = new AtomicInteger();
    final BlockingQueue<JsonNode> acks = new LinkedBlockingQueue<>();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> posted = new LinkedBlockingQueue<>();
    final BlockingQueue<Session> sockets = new LinkedBlockingQueue<>();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    /** When set, the socket answers no ping: a peer gone silent. */
    volatile boolean silent;
    private volatile @Nullable Session current;

    FakeSlack() throws Exception {
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container ->
                container.addMapping("/link", (request, response, callback) -> new Peer()));
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return web(request, response, callback);
            }
        });
        server.setHandler(ws);
        server.start();
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/api/");
    }

    synchronized void faultNextOpen(OpenFault f) {
        openFaults.add(f);
    }

    void failNextPost() {
        postFaults.incrementAndGet();
    }

    /** The WebSocket side: greets, records, and remembers the session for the test to talk on. */
    public final class Peer implements Session.Listener.AutoDemanding {
        private @Nullable Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            current = s;
            s.sendText("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0FAKE\"}}",
                    org.eclipse.jetty.websocket.api.Callback.NOOP);
            sockets.add(s);
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            pings.incrementAndGet();
            Session s = session;
            if (!silent && s != null) {
                s.sendPong(payload, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketText(String text) {
            received.add(text);
            try {
                acks.add(JSON.readTree(text));
            } catch (IOException e) {
                // recorded in received only
            }
        }

        @Override
        public void onWebSocketClose(int status, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            if (current == session) {
                current = null;
            }
            callback.succeed();
        }
    }

    private boolean web(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        byte[] body = Content.Source.asByteBuffer(request).array();
        switch (path) {
            case "/api/apps.connections.open" -> {
                if (!("Bearer " + APP_TOKEN).equals(auth)) {
                    reply(response, callback, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
                    return true;
                }
                opens.incrementAndGet();
                OpenFault fault;
                synchronized (this) {
                    fault = openFaults.poll();
                }
                open(fault, response, callback);
            }
            case "/api/chat.postMessage" -> {
                if (!("Bearer " + BOT_TOKEN).equals(auth)) {
                    reply(response, callback, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
                    return true;
                }
                if (postFaults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    response.getHeaders().put("Retry-After", "1e9");
                    reply(response, callback, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
                    return true;
                }
                posted.add(JSON.readTree(body));
                reply(response, callback, 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}");
            }
            default -> reply(response, callback, 404, "{\"ok\":false,\"error\":\"unknown_method\"}");
        }
        return true;
    }

    private void open(@Nullable OpenFault fault, Response response, Callback callback) throws Exception {
        String url = "ws://127.0.0.1:" + connector.getLocalPort() + "/link?ticket=secret-ticket-0001";
        if (fault == null) {
            reply(response, callback, 200, "{\"ok\":true,\"url\":\"" + url + "\"}");
            return;
        }
        switch (fault) {
            case TOO_MANY_REQUESTS -> {
                response.getHeaders().put("Retry-After", "1e9");
                reply(response, callback, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            }
            case GARBAGE -> reply(response, callback, 200, "{\"ok\":tru<<garbage " + "\u0000\u0007");
            case NOT_WSS -> reply(response, callback, 200, "{\"ok\":true,\"url\":\"http://evil.example/\"}");
            case HUGE_BODY, DRIP -> {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                byte[] chunk = (fault == OpenFault.HUGE_BODY ? "x".repeat(64 * 1024) : "x").getBytes(StandardCharsets.US_ASCII);
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    out.write("{\"ok\":true,\"url\":\"".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 2_000; i++) {   // 128 MiB, or a byte every 50 ms for 100 s
                        out.write(chunk);
                        out.flush();
                        if (fault == OpenFault.DRIP) {
                            Thread.sleep(50);   // the dripping peer; the client's deadline must cut it
                        }
                    }
                    callback.succeeded();
                } catch (IOException e) {
                    callback.failed(e);   // the client hung up, as it should
                }
            }
            default -> throw new IllegalStateException(fault.toString());
        }
    }

    private static void reply(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    // ---- the socket, for tests ----

    private Session session() {
        Session s = current;
        if (s == null) {
            throw new IllegalStateException("no socket is open");
        }
        return s;
    }

    void sendRaw(String text) {
        session().sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }

    String nextEnvelopeId() {
        return "env-" + envelopeIds.incrementAndGet();
    }

    /** Sends a slash command; returns its envelope id. */
    String slash(String envelopeId, String userId, String userName, String channel, String command, String text) {
        ObjectNode e = JSON.createObjectNode().put("envelope_id", envelopeId).put("type", "slash_commands")
                .put("accepts_response_payload", true);
        e.putObject("payload").put("command", command).put("text", text).put("user_id", userId)
                .put("user_name", userName).put("channel_id", channel).put("team_id", "T1");
        sendRaw(e.toString());
        return envelopeId;
    }

    /** Presses a button (block_actions); returns its envelope id. */
    String press(String userId, String userName, String channel, String value) {
        String id = nextEnvelopeId();
        ObjectNode e = JSON.createObjectNode().put("envelope_id", id).put("type", "interactive");
        ObjectNode p = e.putObject("payload").put("type", "block_actions");
        p.putObject("user").put("id", userId).put("username", userName);
        p.putObject("channel").put("id", channel);
        p.putArray("actions").addObject().put("action_id", "tradepulse-0").put("value", value);
        sendRaw(e.toString());
        return id;
    }

    /** A message event from a user; returns its envelope id. */
    String message(String userId, String channel, String text) {
        String id = nextEnvelopeId();
        ObjectNode e = JSON.createObjectNode().put("envelope_id", id).put("type", "events_api");
        e.putObject("payload").putObject("event").put("type", "message").put("user", userId).put("channel", channel)
                .put("text", text);
        sendRaw(e.toString());
        return id;
    }

    void disconnectEnvelope() {
        sendRaw("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\"}");
    }

    void dropSocket() {
        session().disconnect();
    }

    /** Starts a text message and never ends it: fragments of 64 KiB, {@code fragments} of them. */
    void endlessFrame(int fragments) {
        Session s = session();
        String chunk = "{\"x\":\"" + "y".repeat(64 * 1024);
        for (int i = 0; i < fragments && s.isOpen(); i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            s.sendPartialText(chunk, false, org.eclipse.jetty.websocket.api.Callback.from(() -> done.complete(null),
                    done::completeExceptionally));
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                return;   // the client hung up, as it should
            }
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the fake Slack did not stop", e);
        }
    }
}
