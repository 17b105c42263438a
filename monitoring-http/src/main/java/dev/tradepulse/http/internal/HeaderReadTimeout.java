package dev.tradepulse.http.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request headers do not arrive within the deadline, however slowly it
 * trickles bytes (the idle timeout alone would let a client that sends one byte every few seconds
 * hold the connection for ever). It covers every request on a connection, not only the first:
 *
 * <ul>
 *   <li>the first request: a connection that has not completed its first request's headers at
 *       the deadline after it opened is closed;</li>
 *   <li>later requests on a kept-alive connection: the connection is looked at once per deadline.
 *       When bytes arrived between two looks while no request was in progress and no new
 *       request's headers completed, a request's headers are being received; if they are still not
 *       complete at the next look, they took longer than the deadline and the connection is
 *       closed. So the second and later requests' headers get at least the deadline and at most
 *       about twice the deadline. An idle kept-alive connection that sends nothing is left to the
 *       idle timeout, and a request being answered (a long stream included) is never cut.</li>
 * </ul>
 *
 * <p>Added as a bean of the HTTP/1.1 connection factory, so it sees HTTP connections only; after
 * an upgrade (a WebSocket) the endpoint belongs to another connection and the looks stop.
 *
 * <p>Thread-safe: Jetty calls it from its selector threads; the looks run on the scheduler and
 * read only the connection's atomic counters.
 */
public final class HeaderReadTimeout implements Connection.Listener {

    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final AtomicLong closed = new AtomicLong();

    /**
     * Creates the listener.
     *
     * @param scheduler the server's scheduler
     * @param timeoutMillis the deadline for each request's headers
     */
    public HeaderReadTimeout(Scheduler scheduler, long timeoutMillis) {
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void onOpened(Connection connection) {
        new Watch(connection).schedule();
    }

    /**
     * Connections closed for sending no complete headers in time.
     *
     * @return the count since the server started
     */
    public long closedCount() {
        return closed.get();
    }

    /** The looks at one connection; each look runs after the previous one, on the scheduler. */
    private final class Watch implements Runnable {
        private final Connection connection;
        private long lastIn = -1;
        private long lastBytes = -1;
        private boolean headersPending;

        Watch(Connection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, timeoutMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            EndPoint endPoint = connection.getEndPoint();
            if (!endPoint.isOpen() || endPoint.getConnection() != connection) {
                return; // closed, or upgraded to another protocol
            }
            // getMessagesIn() counts requests whose headers were complete, getMessagesOut() responses
            long in = connection.getMessagesIn();
            long out = connection.getMessagesOut();
            long bytes = connection.getBytesIn();
            if (in == 0 || (headersPending && in == lastIn)) {
                closed.incrementAndGet();
                endPoint.close();
                return;
            }
            // between requests, no new request completed and yet bytes came: headers are arriving
            headersPending = in == out && in == lastIn && bytes != lastBytes;
            lastIn = in;
            lastBytes = bytes;
            schedule();
        }
    }
}
