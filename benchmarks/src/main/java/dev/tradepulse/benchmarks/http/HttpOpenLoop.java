package dev.tradepulse.benchmarks.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate (open-loop) HTTP/1.1 load generator: C keep-alive connections share a total rate
 * R for D seconds, and latency counts from when each request was <em>due</em>, so a stalled
 * server cannot hide its stall. Unlike the issue 3 {@code OpenLoopLoad} it sends a {@code Host}
 * with the port (the Jetty server's Host allowlist wants one) and counts every answer that is
 * not 200 as an error. Run it in a second process against {@link HttpServerTarget}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.http.HttpOpenLoop PORT RATE [CONNECTIONS] [SECONDS] [PATH] [LABEL]
 * </pre>
 */
public final class HttpOpenLoop {

    private HttpOpenLoop() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String path = args.length > 4 ? args[4] : "/health";
        String label = args.length > 5 ? args[5] : "";
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long intervalNanos = 1_000_000_000L * connections / rate; // each connection sends every interval
        int perConnection = (int) ((long) rate * seconds / connections);
        long[][] latencies = new long[connections][perConnection];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime() + 200_000_000L;
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                Arrays.fill(latencies[id], Long.MAX_VALUE); // a request never answered counts as the worst
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(10_000);
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[16 * 1024];
                    long first = start + intervalNanos * id / connections; // spread the connections out
                    for (int i = 0; i < perConnection; i++) {
                        long due = first + i * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        out.write(request);
                        out.flush();
                        if (readResponse(in, buffer) != 200) {
                            errors.incrementAndGet();
                        }
                        latencies[id][i] = System.nanoTime() - due;
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    System.err.println("connection " + id + " failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s open loop %d req/s, %d connections, %d s, %s: p50 %s, p90 %s, p99 %s, "
                + "p99.9 %s, max %s, not 200: %d%n", label, rate, connections, seconds, path, ms(all, 0.50),
                ms(all, 0.90), ms(all, 0.99), ms(all, 0.999), ms(all, 1.0), errors.get());
    }

    static String ms(long[] sorted, double p) {
        long v = sorted[(int) Math.min(sorted.length - 1, sorted.length * p)];
        return v == Long.MAX_VALUE ? "unanswered" : String.format(Locale.ROOT, "%.2f ms", v / 1e6);
    }

    /** Reads one response (headers, then Content-Length bytes of body) and returns its status. */
    static int readResponse(InputStream in, byte[] buffer) throws IOException {
        int length = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                throw new EOFException("connection closed");
            }
            length += n;
            headerEnd = indexOf(buffer, length);
        }
        String headers = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(headers.substring(9, 12));
        int at = headers.indexOf("content-length:");
        int contentLength = at < 0 ? 0 : Integer.parseInt(headers.substring(at + 15, eol(headers, at)).trim());
        int have = length - (headerEnd + 4);
        while (have < contentLength) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new EOFException("connection closed");
            }
            have += n;
        }
        return status;
    }

    private static int eol(String s, int from) {
        int r = s.indexOf('\r', from);
        return r < 0 ? s.length() : r;
    }

    private static int indexOf(byte[] b, int length) {
        for (int i = 3; i < length; i++) {
            if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
                return i - 3;
            }
        }
        return -1;
    }
}
