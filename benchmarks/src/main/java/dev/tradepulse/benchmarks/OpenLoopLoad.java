package dev.tradepulse.benchmarks;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate (open-loop) HTTP/1.1 load generator for the issue #3 latency figure: C keep-alive
 * connections share a total rate R for D seconds. Latency is measured from when each request
 * was <em>due</em>, not when it was sent, so a stalled server cannot hide its stall
 * (no coordinated omission). Run it in a second process against HealthServerHarness.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.OpenLoopLoad PORT RATE [CONNECTIONS] [SECONDS]
 * </pre>
 */
public final class OpenLoopLoad {

    private OpenLoopLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        byte[] request = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long intervalNanos = 1_000_000_000L * connections / rate; // each connection sends every interval
        int perConnection = (int) ((long) rate * seconds / connections);
        long[][] latencies = new long[connections][perConnection];
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime() + 200_000_000L;
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress("127.0.0.1", port));
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
                        readResponse(in, buffer);
                        latencies[id][i] = System.nanoTime() - due;
                    }
                } catch (Exception e) {
                    System.err.println("connection " + id + " failed: " + e);
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        done.await();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "open loop %d req/s, %d connections, %d s: p50 %.2f ms, p90 %.2f ms, "
                + "p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", rate, connections, seconds, pct(all, 0.50),
                pct(all, 0.90), pct(all, 0.99), pct(all, 0.999), all[all.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, sorted.length * p)] / 1e6;
    }

    /** Reads one response: headers, then Content-Length bytes of body. */
    private static void readResponse(InputStream in, byte[] buffer) throws java.io.IOException {
        int length = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                throw new java.io.EOFException("connection closed");
            }
            length += n;
            headerEnd = indexOf(buffer, length);
        }
        String headers = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int at = headers.indexOf("content-length:");
        int contentLength = Integer.parseInt(headers.substring(at + 15, headers.indexOf('\r', at)).trim());
        int have = length - (headerEnd + 4);
        while (have < contentLength) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new java.io.EOFException("connection closed");
            }
            have += n;
        }
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
