package dev.tradepulse.chat.slack;

import dev.tradepulse.api.support.Failures;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One Socket Mode connection, as a JDK WebSocket listener: it reassembles text messages up to a
 * cap (beyond it the connection is dropped), hands each whole message to the transport, keeps the
 * time anything was last heard for the idle watchdog, and serialises sends (the JDK allows one
 * outstanding text send), dropping when too many wait. Ends once, with the first reason.
 *
 * <p>Thread-safe: the client calls the listener methods one at a time; {@link #send},
 * {@link #ping}, {@link #end} and {@link #awaitEnd} may be called from any thread.
 */
final class SlackSocket implements WebSocket.Listener {

    /** Why a connection ended. */
    enum End {
        /** Slack sent a {@code disconnect} envelope: reconnect now. */
        DISCONNECT_REQUESTED,
        /** A message was longer than the cap. */
        OVERSIZED,
        /** Nothing was heard for the idle timeout. */
        IDLE,
        /** The peer closed the connection. */
        CLOSED,
        /** The connection failed. */
        FAILED,
        /** The transport is closing. */
        CLOSING
    }

    private static final int MAX_PENDING_SENDS = 64;

    private final int maxChars;
    private final Consumer<String> onMessage;
    private final CompletableFuture<End> ended = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final Object sendLock = new Object();
    private volatile @Nullable WebSocket socket;
    private volatile long lastHeardNanos = System.nanoTime();
    // guarded by sendLock
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private int pending;

    SlackSocket(int maxChars, Consumer<String> onMessage) {
        this.maxChars = maxChars;
        this.onMessage = onMessage;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        lastHeardNanos = System.nanoTime();
        webSocket.request(1);
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastHeardNanos = System.nanoTime();
        if (ended.isDone()) {
            return null;
        }
        if (partial.length() + data.length() > maxChars) {
            partial.setLength(0);
            end(End.OVERSIZED);
            return null;
        }
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                onMessage.accept(text);
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e); // the transport guards its own handler; this is a last resort
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        lastHeardNanos = System.nanoTime(); // Socket Mode sends no binary messages: ignored
        webSocket.request(1);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        lastHeardNanos = System.nanoTime(); // the client answers with a pong by itself
        webSocket.request(1);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        lastHeardNanos = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(End.CLOSED);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(End.FAILED);
    }

    /** @return nanoTime when anything (a message, ping or pong) was last heard */
    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /**
     * Queues one text message after those already sent.
     *
     * @return false if the connection is not open or too many sends wait (the text is dropped)
     */
    boolean send(String text) {
        WebSocket ws = socket;
        if (ws == null || ended.isDone()) {
            return false;
        }
        synchronized (sendLock) {
            if (pending >= MAX_PENDING_SENDS) {
                return false;
            }
            pending++;
            sends = sends.handle((r, e) -> null)
                    .thenCompose(x -> ws.sendText(text, true))
                    .whenComplete((r, e) -> {
                        synchronized (sendLock) {
                            pending--;
                        }
                        if (e != null) {
                            end(End.FAILED);
                        }
                    });
        }
        return true;
    }

    /** Sends a ping for the watchdog; a failure ends the connection. */
    void ping() {
        WebSocket ws = socket;
        if (ws == null || ended.isDone()) {
            return;
        }
        try {
            ws.sendPing(ByteBuffer.allocate(0)).whenComplete((r, e) -> {
                if (e != null) {
                    end(End.FAILED);
                }
            });
        } catch (RuntimeException e) {
            end(End.FAILED); // a ping still outstanding, or the socket closed under us
        }
    }

    /**
     * Ends the connection (the first reason wins) and drops it at once: no close handshake, so a
     * hostile peer cannot hold it open.
     */
    void end(End why) {
        if (ended.complete(why)) {
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }
    }

    /**
     * Attaches the socket the client built (in case {@link #onOpen} has not run yet) so that
     * {@link #end} can drop it.
     */
    void attach(WebSocket ws) {
        if (socket == null) {
            socket = ws;
        }
        if (ended.isDone()) {
            ws.abort();
        }
    }

    /**
     * @param timeout how long to wait
     * @return why it ended, or null if it is still open after {@code timeout}
     */
    @Nullable End awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return ended.get(timeout, unit);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return End.FAILED; // never completed exceptionally; for completeness
        }
    }
}
