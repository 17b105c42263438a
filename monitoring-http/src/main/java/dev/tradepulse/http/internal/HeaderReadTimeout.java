package dev.tradepulse.http.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a new connection that has not sent its first request's headers within the deadline,
 * however slowly it trickles bytes (the idle timeout alone would let a client that sends one
 * byte every few seconds hold the connection for ever). Later requests on a kept-alive
 * connection are bounded by the idle timeout.
 *
 * <p>Added as a bean of the HTTP/1.1 connection factory, so it sees HTTP connections only (not
 * a WebSocket connection after an upgrade).
 *
 * <p>Thread-safe: Jetty calls it from its selector threads.
 */
public final class HeaderReadTimeout implements Connection.Listener {

    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final AtomicLong closed = new AtomicLong();

    /**
     * Creates the listener.
     *
     * @param scheduler the server's scheduler
     * @param timeoutMillis the deadline for the first request's headers
     */
    public HeaderReadTimeout(Scheduler scheduler, long timeoutMillis) {
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void onOpened(Connection connection) {
        // not cancelled on close: the check does nothing once the connection is closed
        scheduler.schedule(() -> expire(connection), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void expire(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        // getMessagesIn() counts requests whose headers were complete
        if (endPoint.isOpen() && connection.getMessagesIn() == 0) {
            closed.incrementAndGet();
            endPoint.close();
        }
    }

    /**
     * Connections closed for sending no complete headers in time.
     *
     * @return the count since the server started
     */
    public long closedCount() {
        return closed.get();
    }
}
