package dev.tradepulse.http.stream.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.http.internal.StreamSlots;
import dev.tradepulse.http.stream.MessageType;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection: its visibility (fixed at the handshake by the token rule), its stream
 * slot, its bounded outgoing queue, and what it asked for.
 *
 * <p>Messages go out one at a time: the next is written when Jetty has written the last. A
 * client that does not read stops that, its queue fills, and at {@code maxQueuedMessages} it is
 * disconnected and counted ({@code StatusStream.droppedSlowClients()}).
 *
 * <p>Internal to monitoring-http: public only because Jetty's WebSocket layer calls a listener
 * through method handles, which need a public class; it has no public constructor.
 *
 * <p>Thread-safe: the hub's thread sends, Jetty's threads deliver client messages and completions.
 */
public final class StreamSession implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    /** The least time between two snapshots for one client, however often it asks. */
    static final long SNAPSHOT_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Error replies per client per minute; later bad messages are counted and ignored. */
    static final int ERROR_REPLIES_PER_MINUTE = 10;

    private final StreamHub hub;
    private final boolean details;
    private final StreamSlots.Slot slot;
    private final @Nullable String strategy;
    private final int maxQueued;
    private final StreamCounters counters;
    private final Clock clock;
    private final Object lock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile @Nullable Session session;
    private volatile boolean snapshotWanted = true;
    private volatile long lastActivityNanos = System.nanoTime();
    private long lastSnapshotNanos;
    private boolean snapshotSent;
    // guarded by lock
    private long seq;
    private boolean sending;
    private boolean pumping;
    private boolean completedInline;
    private long errorWindowStart = System.nanoTime();
    private int errorsInWindow;

    StreamSession(StreamHub hub, boolean details, StreamSlots.Slot slot, @Nullable String strategy, int maxQueued,
            StreamCounters counters, Clock clock) {
        this.hub = hub;
        this.details = details;
        this.slot = slot;
        this.strategy = strategy;
        this.maxQueued = maxQueued;
        this.counters = counters;
        this.clock = clock;
    }

    boolean details() {
        return details;
    }

    /** Whether this client wants messages about this strategy (all, unless it asked for one). */
    boolean follows(@Nullable String subject) {
        return strategy == null || subject == null || strategy.equals(subject);
    }

    /** On the hub's thread: whether a snapshot is wanted and may go now. */
    boolean snapshotDue(long now) {
        return snapshotWanted && (!snapshotSent || now - lastSnapshotNanos >= SNAPSHOT_SPACING_NANOS);
    }

    boolean snapshotWanted() {
        return snapshotWanted;
    }

    boolean snapshotSent() {
        return snapshotSent;
    }

    /** On the hub's thread. */
    void sendSnapshot(long now, String json) {
        snapshotWanted = false;
        snapshotSent = true;
        lastSnapshotNanos = now;
        send(MessageType.SNAPSHOT, json);
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        counters.opened.increment();
        hub.add(this);
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            JsonNode message = Messages.MAPPER.readTree(text);
            String type = message != null && message.isObject() ? message.path("type").asText("") : "";
            if (type.equals(MessageType.REQUEST_SNAPSHOT.wireName())) {
                snapshotWanted = true;
                hub.wake();
            } else if (type.equals(MessageType.PING.wireName())) {
                send(MessageType.PONG, "{}");
            } else if (type.isEmpty()) {
                reject("bad_message", "a message is a JSON object with a \"type\"");
            } else {
                reject("unknown_type", "unknown message type; this server understands REQUEST_SNAPSHOT and PING");
            }
        } catch (Exception e) { // not JSON: an answer, not a disconnect
            reject("bad_json", "a message is a JSON object with a \"type\"");
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        reject("binary", "this server reads text messages only");
    }

    @Override
    public void onWebSocketClose(int status, @Nullable String reason, Callback callback) {
        end();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Status stream connection failed: {}", LogText.describe(cause));
        end();
    }

    /** Answers a bad client message with ERROR, at most {@value #ERROR_REPLIES_PER_MINUTE} times a minute. */
    private void reject(String code, String message) {
        counters.clientErrors.increment();
        synchronized (lock) {
            long now = System.nanoTime();
            if (now - errorWindowStart >= TimeUnit.MINUTES.toNanos(1)) {
                errorWindowStart = now;
                errorsInWindow = 0;
            }
            if (++errorsInWindow > ERROR_REPLIES_PER_MINUTE) {
                return;
            }
        }
        String payload = Messages.write(Messages.error(code, message));
        if (payload != null) {
            send(MessageType.ERROR, payload);
        }
    }

    /** Queues a message; a full queue disconnects the client. Never blocks, never throws. */
    void send(MessageType type, String payload) {
        boolean drop = false;
        boolean start = false;
        synchronized (lock) {
            if (ended.get()) {
                return;
            }
            if (queue.size() >= maxQueued) {
                drop = true;
            } else {
                queue.add(Messages.envelope(type, ++seq, clock.instant(), payload));
                if (!sending) {
                    sending = true;
                    start = true;
                }
            }
        }
        if (drop) {
            hub.droppedSlow(this);
            disconnect();
        } else if (start) {
            pump();
        }
    }

    /** Writes queued messages one after another; loops instead of recursing when Jetty completes inline. */
    private void pump() {
        Session s = session;
        if (s == null) {
            return;
        }
        while (true) {
            String next;
            synchronized (lock) {
                next = queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
                pumping = true;
                completedInline = false;
            }
            try {
                s.sendText(next, Callback.from(this::written, this::failed));
            } catch (Throwable e) {
                failed(e);
                return;
            }
            synchronized (lock) {
                pumping = false;
                if (!completedInline) {
                    return; // written() continues when Jetty completes
                }
            }
        }
    }

    private void written() {
        lastActivityNanos = System.nanoTime();
        counters.sent.increment();
        synchronized (lock) {
            if (pumping) {
                completedInline = true;
                return;
            }
        }
        pump();
    }

    private void failed(Throwable cause) {
        LOG.debug("Status stream write failed: {}", LogText.describe(cause));
        disconnect();
    }

    /** A WebSocket ping, from the hub's thread, when nothing was written for a heartbeat. */
    void ping() {
        Session s = session;
        if (s != null && !ended.get()) {
            lastActivityNanos = System.nanoTime();
            try {
                s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            } catch (Throwable e) {
                disconnect();
            }
        }
    }

    /** Closes politely: a close frame, then Jetty ends the connection. */
    void close(int status, String reason) {
        Session s = session;
        if (s != null) {
            try {
                s.close(status, reason, Callback.NOOP);
            } catch (Throwable ignored) {
                // ending anyway
            }
        }
        end();
    }

    /** Ends the connection at once, without waiting for a client that does not read. */
    void disconnect() {
        Session s = session;
        if (s != null) {
            try {
                s.disconnect();
            } catch (Throwable ignored) {
                // ending anyway
            }
        }
        end();
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            synchronized (lock) {
                queue.clear();
            }
            slot.release();
            hub.remove(this);
        }
    }

    @Override
    public String toString() {
        return "StreamSession[" + (details ? "details" : "statuses only") + (strategy == null ? "" : ", one strategy")
                + "]";
    }
}
