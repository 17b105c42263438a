package dev.tradepulse.benchmarks.http;

import dev.tradepulse.health.HealthRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Memory per idle connection: starts a server in this JVM, measures heap after GC, thread count
 * and resident set size, then has a <em>child</em> JVM (so the clients' own sockets are not
 * counted) open N connections, and measures again while they idle. {@code fresh} connections
 * send nothing; {@code keepalive} ones send one {@code GET /health/live}, read the answer and
 * idle. Before measuring, the child reports how many of its connections the server still holds
 * open, so a server that closed them is not credited with saving memory.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.http.IdleConnectionMemory jetty|jdk [N]
 * </pre>
 */
public final class IdleConnectionMemory {

    private IdleConnectionMemory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("clients")) {
            clients(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            return;
        }
        String mode = args.length > 0 ? args[0] : "jetty";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        HealthRegistry registry = HttpServerTarget.registry();
        try (HttpServerTarget.Running server = HttpServerTarget.start(mode, registry, 0, 8)) {
            int port = server.port();
            for (String variant : List.of("fresh", "keepalive")) {
                // a first round warms buffer pools and classes, so the second measures connections
                measure(mode, port, n, variant, "warm-up");
                measure(mode, port, n, variant, "measured");
            }
        }
        registry.close();
    }

    private static void measure(String mode, int port, int n, String variant, String round) throws Exception {
        Sample before = Sample.take();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                IdleConnectionMemory.class.getName(), "clients", Integer.toString(port), Integer.toString(n), variant)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader from = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8)); PrintStream to = new PrintStream(child.getOutputStream(), true,
                StandardCharsets.UTF_8)) {
            String opened = from.readLine(); // "opened N"
            TimeUnit.SECONDS.sleep(2); // let the server settle its buffers
            Sample after = Sample.take();
            to.println("check");
            String open = from.readLine(); // "open K"
            int stillOpen = Integer.parseInt(open.split(" ")[1]);
            System.out.printf(Locale.ROOT, "%s %s (%s): %s, %d still open at the measurement; heap after GC "
                    + "+%.1f KiB per connection (%.1f MiB in all), RSS +%.1f KiB per connection, threads %d -> %d%n",
                    mode, variant, round, opened, stillOpen, (after.heap - before.heap) / 1024.0 / Math.max(1, stillOpen),
                    (after.heap - before.heap) / 1024.0 / 1024.0, (after.rss - before.rss) / 1024.0
                    / Math.max(1, stillOpen), before.threads, after.threads);
        } finally {
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        TimeUnit.SECONDS.sleep(1);
    }

    /** The child: opens the connections, says so, and on "check" says how many are still open. */
    private static void clients(int port, int n, String variant) throws IOException {
        byte[] request = ("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> open = new ArrayList<>(n);
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        for (int i = 0; i < n; i++) {
            SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            if (variant.equals("keepalive")) {
                c.write(ByteBuffer.wrap(request));
                buffer.clear();
                c.read(buffer); // the answer is small: one read holds it
            }
            open.add(c);
        }
        OutputStream out = System.out;
        out.write(("opened " + open.size() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if ("check".equals(in.readLine())) {
            int alive = 0;
            for (SocketChannel c : open) {
                c.configureBlocking(false);
                buffer.clear();
                try {
                    if (c.read(buffer) >= 0) {
                        alive++;
                    }
                } catch (IOException e) {
                    // reset by the server: not open
                }
            }
            out.write(("open " + alive + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        in.readLine(); // until the parent closes our stdin
    }

    /** Heap used after GC, resident set size and live threads of this JVM. */
    private record Sample(long heap, long rss, int threads) {
        static Sample take() throws Exception {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                System.gc();
                TimeUnit.MILLISECONDS.sleep(200);
            }
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new Sample(memory.getHeapMemoryUsage().getUsed(), rss, Thread.activeCount());
        }
    }
}
