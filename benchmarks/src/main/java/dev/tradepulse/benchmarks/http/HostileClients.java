package dev.tradepulse.benchmarks.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The hostile-clients attack on loopback, bounded in counts and time: P sockets that send a
 * partial request line ({@code GET /hea}) and idle (re-opened when the server closes them, at
 * most 20 re-opens per socket), plus S clients that open {@code /events} and never read a byte
 * (a 1 KiB receive buffer). Meanwhile a well-behaved client, like a liveness probe, opens a new
 * connection for {@code GET /health/live} every 100 ms with a 2 s timeout, and its latencies
 * are reported before the attack, during it, and how many exceeded 100 ms. Run it in a second
 * process against {@link HttpServerTarget}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.http.HostileClients PORT [PARTIAL] [STREAMS] [SECONDS] [LABEL]
 * </pre>
 */
public final class HostileClients {

    private static final int MAX_REOPENS_PER_SOCKET = 20;
    private static final long PROBE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int PROBE_TIMEOUT_MS = 2_000;

    private HostileClients() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int partial = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        String label = args.length > 4 ? args[4] : "";
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);

        List<Long> before = probe(target, System.nanoTime() + TimeUnit.SECONDS.toNanos(3));

        Attack attack = new Attack(target, partial, streams);
        Thread attacker = new Thread(attack, "attacker");
        attacker.setDaemon(true);
        attacker.start();
        long attackStart = System.nanoTime();
        while (!attack.established.get() && System.nanoTime() - attackStart < TimeUnit.SECONDS.toNanos(20)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        long establishedAfter = System.nanoTime() - attackStart;
        List<Long> during = probe(target, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        attack.stop.set(true);
        attacker.join(TimeUnit.SECONDS.toMillis(10));

        System.out.printf(Locale.ROOT, "%s attack: %d partial-header sockets (%d opened in all, %d closed by the "
                + "server), %d streams that never read (at the end: %d closed by the server, %d open with unread "
                + "bytes (events or a 503), %d open and silent, %d not connected), attack up after %.1f s%n", label,
                partial, attack.partialOpened.get(), attack.partialClosed.get(), streams, attack.streamsClosed,
                attack.streamsWithData, attack.streamsSilent, attack.streamsFailed.get(), establishedAfter / 1e9);
        System.out.println(label + " /health/live before the attack: " + summary(before));
        System.out.println(label + " /health/live during the attack: " + summary(during));
    }

    /** Probes until the deadline; a failed or timed-out probe is recorded as -1. */
    private static List<Long> probe(InetSocketAddress target, long deadline) {
        List<Long> out = new ArrayList<>();
        byte[] request = ("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:" + target.getPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[16 * 1024];
        for (long next = System.nanoTime(); next < deadline; next += PROBE_EVERY_NANOS) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long t0 = System.nanoTime();
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.setSoTimeout(PROBE_TIMEOUT_MS);
                s.connect(target, PROBE_TIMEOUT_MS);
                OutputStream o = s.getOutputStream();
                o.write(request);
                o.flush();
                InputStream in = s.getInputStream();
                int status = HttpOpenLoop.readResponse(in, buffer);
                out.add(status == 200 ? System.nanoTime() - t0 : -1L);
            } catch (IOException e) {
                out.add(-1L);
            }
        }
        return out;
    }

    private static String summary(List<Long> nanos) {
        long failed = nanos.stream().filter(v -> v < 0).count();
        long[] ok = nanos.stream().filter(v -> v >= 0).mapToLong(Long::longValue).sorted().toArray();
        if (ok.length == 0) {
            return nanos.size() + " probes, all failed";
        }
        long over = java.util.Arrays.stream(ok).filter(v -> v > TimeUnit.MILLISECONDS.toNanos(100)).count();
        return String.format(Locale.ROOT, "%d probes: p50 %s, p90 %s, p99 %s, max %s; over 100 ms: %d; failed "
                + "(error or no answer in %d ms): %d", nanos.size(), HttpOpenLoop.ms(ok, 0.5),
                HttpOpenLoop.ms(ok, 0.9), HttpOpenLoop.ms(ok, 0.99), HttpOpenLoop.ms(ok, 1.0), over,
                PROBE_TIMEOUT_MS, failed);
    }

    /** Holds the hostile sockets on one selector thread. */
    private static final class Attack implements Runnable {
        private final InetSocketAddress target;
        private final int partial;
        private final int streams;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean established = new AtomicBoolean();
        final AtomicLong partialOpened = new AtomicLong();
        final AtomicLong partialClosed = new AtomicLong();
        final AtomicLong streamsFailed = new AtomicLong();
        volatile long streamsClosed;
        volatile long streamsWithData;
        volatile long streamsSilent;
        private final ByteBuffer sink = ByteBuffer.allocate(4096);

        Attack(InetSocketAddress target, int partial, int streams) {
            this.target = target;
            this.partial = partial;
            this.streams = streams;
        }

        @Override
        public void run() {
            byte[] head = "GET /hea".getBytes(StandardCharsets.US_ASCII);
            byte[] events = ("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + target.getPort()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            List<SocketChannel> streamChannels = new ArrayList<>();
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < partial; i++) {
                    openPartial(selector, head, new int[] {0});
                }
                for (int i = 0; i < streams; i++) {
                    try {
                        SocketChannel c = SocketChannel.open();
                        c.setOption(StandardSocketOptions.SO_RCVBUF, 1024);
                        c.socket().connect(target, 5_000);
                        c.write(ByteBuffer.wrap(events));
                        c.configureBlocking(false);
                        streamChannels.add(c); // never read
                    } catch (IOException e) {
                        streamsFailed.incrementAndGet();
                    }
                }
                established.set(true);
                while (!stop.get()) {
                    selector.select(100);
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        handle(selector, key, head);
                    }
                }
                long closed = 0;
                long data = 0;
                long silent = 0;
                for (SocketChannel c : streamChannels) {
                    sink.clear();
                    try {
                        int n = c.read(sink);
                        if (n < 0) {
                            closed++;
                        } else if (n > 0) {
                            data++;
                        } else {
                            silent++;
                        }
                    } catch (IOException e) {
                        closed++;
                    }
                    c.close();
                }
                streamsClosed = closed;
                streamsWithData = data;
                streamsSilent = silent;
                for (SelectionKey k : selector.keys()) {
                    k.channel().close();
                }
            } catch (IOException e) {
                System.err.println("attack failed: " + e);
                established.set(true);
            }
        }

        private void openPartial(Selector selector, byte[] head, int[] reopens) {
            try {
                SocketChannel c = SocketChannel.open();
                c.socket().connect(target, 5_000);
                c.write(ByteBuffer.wrap(head));
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ, reopens);
                partialOpened.incrementAndGet();
            } catch (IOException e) {
                partialClosed.incrementAndGet();
            }
        }

        private void handle(Selector selector, SelectionKey key, byte[] head) {
            SocketChannel c = (SocketChannel) key.channel();
            int[] reopens = (int[]) key.attachment();
            int n;
            try {
                sink.clear();
                n = c.read(sink);
            } catch (IOException e) {
                n = -1;
            }
            if (n >= 0) {
                return; // the server answered (a 400 or 408, say); keep reading until it closes
            }
            key.cancel();
            try {
                c.close();
            } catch (IOException ignored) {
                // already gone
            }
            partialClosed.incrementAndGet();
            if (++reopens[0] <= MAX_REOPENS_PER_SOCKET && !stop.get()) {
                openPartial(selector, head, reopens);
            }
        }
    }
}
