package dev.tradepulse.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.sinks.WebhookSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #4: from {@code fire()} of a CRITICAL alert to its request arriving at a loopback
 * webhook. 1,000 alerts, 5 ms apart, each with a distinct key.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.AlertLatencyHarness
 * </pre>
 */
public final class AlertLatencyHarness {

    private static final Pattern SEQ = Pattern.compile("\"key\":\"crit-(\\d+)\"");

    private AlertLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long[] firedAt = new long[n];
        long[] latency = new long[n];
        ConcurrentHashMap<Integer, Boolean> seen = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(n);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = SEQ.matcher(body);
            while (m.find()) {
                int i = Integer.parseInt(m.group(1));
                if (seen.putIfAbsent(i, true) == null) {
                    latency[i] = now - firedAt[i];
                    all.countDown();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        try (AlertDispatcher dispatcher = AlertDispatcher.builder()
                .sink(WebhookSink.create("webhook", hook, HttpClient.newHttpClient())).build()) {
            for (int i = 0; i < n; i++) {
                firedAt[i] = System.nanoTime();
                dispatcher.fire(Alert.builder("crit-" + i, Severity.CRITICAL, "exchange down").build());
                Thread.sleep(5);
            }
            all.await(60, TimeUnit.SECONDS);
        }
        server.stop(0);
        long[] sorted = Arrays.stream(latency).sorted().toArray();
        System.out.printf(Locale.ROOT, "fire() to webhook arrival, %d CRITICAL alerts: p50 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms, received %d%n", n, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6,
                sorted[n - 1] / 1e6, seen.size());
    }
}
