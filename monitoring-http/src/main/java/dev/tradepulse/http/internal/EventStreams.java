package dev.tradepulse.http.internal;

import dev.tradepulse.api.support.LogText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Server-Sent Events stream ({@code /events}): the status snapshot pushed whenever it changes,
 * a comment line as heartbeat. Streams hold no thread: one ticker thread looks for changes every
 * interval and writes without blocking. A client that does not read keeps at most one write
 * pending; when that write has waited the write timeout, the stream ends and its slot is freed.
 * Streams take slots from the shared {@link StreamSlots} (authenticated first); without one the
 * client gets 503 with {@code Retry-After}.
 *
 * <p>Thread-safe: requests arrive on Jetty's workers, ticks on the ticker thread.
 */
public final class EventStreams extends Handler.Abstract.NonBlocking {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
    private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: status\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String path;
    private final StreamSlots slots;
    private final BearerAuth auth;
    private final Function<Boolean, byte[]> snapshot;
    private final long intervalNanos;
    private final long heartbeatNanos;
    private final long writeTimeoutMillis;
    private final ScheduledExecutorService ticker;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;
    private volatile @Nullable ScheduledFuture<?> ticks;

    /**
     * Creates the endpoint.
     *
     * @param path the path, {@code /events}
     * @param slots the shared stream slots
     * @param auth the token rule
     * @param snapshot the JSON snapshot for a details flag (cached by the page)
     * @param interval how often to look for changes
     * @param heartbeat how long without a change before a heartbeat
     * @param writeTimeout how long a write may wait for a client that does not read
     * @param ticker the thread that looks for changes; owned by the caller
     */
    public EventStreams(String path, StreamSlots slots, BearerAuth auth, Function<Boolean, byte[]> snapshot,
            Duration interval, Duration heartbeat, Duration writeTimeout, ScheduledExecutorService ticker) {
        this.path = path;
        this.slots = slots;
        this.auth = auth;
        this.snapshot = snapshot;
        this.intervalNanos = interval.toNanos();
        this.heartbeatNanos = heartbeat.toNanos();
        this.writeTimeoutMillis = writeTimeout.toMillis();
        this.ticker = ticker;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!path.equals(request.getHttpURI().getPath())) {
            return false;
        }
        if (!request.getMethod().equals("GET")) {
            Responses.send(response, callback, 405, Responses.JSON, Responses.errorJson("method not allowed"),
                    Responses.headers("Allow", "GET"));
            return true;
        }
        StreamSlots.Slot slot = closing ? null : slots.acquire(auth.authenticated(request.getHeaders()));
        if (slot == null) {
            Responses.send(response, callback, 503, Responses.JSON, Responses.errorJson("too many status streams"),
                    Responses.headers("Retry-After", "5"));
            return true;
        }
        boolean details = auth.showsDetails(request.getHeaders());
        Stream stream = new Stream(response, callback, slot, details);
        response.setStatus(200);
        HttpFields.Mutable h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Accel-Buffering", "no");
        // A write blocked longer than this fails; idle between heartbeats is not a failure.
        request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(writeTimeoutMillis);
        request.addIdleTimeoutListener(timeout -> false);
        request.addFailureListener(stream::end);
        open.add(stream);
        startTicking();
        stream.write(RETRY, null);
        if (closing) {
            stream.finish();
        }
        return true;
    }

    /**
     * Streams open now.
     *
     * @return open streams
     */
    public int openStreams() {
        return open.size();
    }

    /**
     * Streams ended because their client did not read within the write timeout, or failed.
     *
     * @return the count
     */
    public long droppedStreams() {
        return dropped.get();
    }

    /** Ends every stream (browsers show "disconnected" and retry) and refuses new ones. */
    public void close() {
        closing = true;
        ScheduledFuture<?> t = ticks;
        if (t != null) {
            t.cancel(false);
        }
        for (Stream s : open) {
            s.finish();
        }
    }

    private synchronized void startTicking() {
        if (ticks == null && !closing) {
            long period = Math.max(1, intervalNanos / 1000);
            try {
                ticks = ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MICROSECONDS);
            } catch (RejectedExecutionException e) {
                closing = true; // the server is closing: handle() ends the stream it just opened
            }
        }
    }

    private void tick() {
        if (open.isEmpty()) {
            return;
        }
        byte[][] json = new byte[2][];
        for (Stream s : open) {
            try {
                int i = s.details ? 1 : 0;
                if (json[i] == null) {
                    json[i] = snapshot.apply(s.details);
                }
                s.tick(json[i]);
            } catch (Throwable e) {
                // the page already isolates sections; this is a last guard so the ticker lives on
                LOG.debug("Status stream tick failed: {}", LogText.describe(e));
            }
        }
    }

    /** One open stream. */
    private final class Stream {
        private final Response response;
        private final Callback callback;
        private final StreamSlots.Slot slot;
        private final boolean details;
        private final AtomicBoolean writing = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();
        private byte @Nullable [] last;
        private long lastWrite = System.nanoTime();

        Stream(Response response, Callback callback, StreamSlots.Slot slot, boolean details) {
            this.response = response;
            this.callback = callback;
            this.slot = slot;
            this.details = details;
        }

        void tick(byte[] json) {
            if (writing.get() || ended.get()) {
                return; // a client that does not read: at most one write pending
            }
            long now = System.nanoTime();
            if (!Arrays.equals(json, last)) {
                byte[] frame = new byte[EVENT.length + json.length + END.length];
                System.arraycopy(EVENT, 0, frame, 0, EVENT.length);
                System.arraycopy(json, 0, frame, EVENT.length, json.length); // Jackson escapes newlines
                System.arraycopy(END, 0, frame, EVENT.length + json.length, END.length);
                last = json;
                lastWrite = now;
                write(frame, null);
            } else if (now - lastWrite >= heartbeatNanos) {
                lastWrite = now;
                write(HEARTBEAT, null);
            }
        }

        void write(byte[] bytes, @Nullable Runnable then) {
            if (!writing.compareAndSet(false, true)) {
                return;
            }
            try {
                response.write(false, ByteBuffer.wrap(bytes), Callback.from(() -> {
                    writing.set(false);
                    if (then != null) {
                        then.run();
                    }
                }, this::end));
            } catch (Throwable e) {
                end(e);
            }
        }

        /** Ends the stream cleanly: the last chunk, so the client sees the end of the body. */
        void finish() {
            if (ended.get()) {
                return;
            }
            if (writing.compareAndSet(false, true)) {
                try {
                    response.write(true, BufferUtil.EMPTY_BUFFER, Callback.from(() -> end(null), this::end));
                } catch (Throwable e) {
                    end(e);
                }
            } else {
                end(new EofException("status stream closed with a write pending"));
            }
        }

        void end(@Nullable Throwable failure) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            open.remove(this);
            slot.release();
            if (failure == null) {
                callback.succeeded();
            } else {
                if (!closing) {
                    dropped.incrementAndGet();
                }
                LOG.debug("Status stream ended: {}", failure.toString()); // the viewer went away
                callback.failed(failure);
            }
        }
    }
}
