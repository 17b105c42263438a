package dev.tradepulse.runtime.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP metrics receiver on loopback: it decodes every request body as an
 * {@code ExportMetricsServiceRequest} with opentelemetry-proto and keeps it with its headers, then
 * answers as its {@link Mode} says.
 */
public final class LoopbackCollector implements AutoCloseable {

    /** How the collector answers. */
    public enum Mode {
        /** 200 with an empty body. */
        ACCEPT,
        /** 500. */
        FAIL,
        /** Reads the request, then never answers until closed. */
        HANG,
        /** 200 with a body of {@link #HUGE_BYTES}, streamed. */
        HUGE
    }

    /** The size of a {@link Mode#HUGE} answer. */
    public static final long HUGE_BYTES = 256L * 1024 * 1024;

    /** One request as received. */
    public record Received(Map<String, String> headers, ExportMetricsServiceRequest body) {

        /** @return the resource's attributes, as strings */
        public Map<String, String> resource() {
            return attributes(body.getResourceMetrics(0).getResource().getAttributesList());
        }

        /** @return every metric of the request */
        public List<Metric> metrics() {
            return body.getResourceMetricsList().stream().flatMap(r -> r.getScopeMetricsList().stream())
                    .flatMap(s -> s.getMetricsList().stream()).toList();
        }

        /**
         * @param name the metric's name, as Micrometer names it (dotted)
         * @return its first number data point (gauge or sum), if it was sent
         */
        public Optional<NumberDataPoint> point(String name) {
            return metrics().stream().filter(m -> m.getName().equals(name)).findFirst().flatMap(m ->
                    m.hasGauge() ? m.getGauge().getDataPointsList().stream().findFirst()
                            : m.hasSum() ? m.getSum().getDataPointsList().stream().findFirst() : Optional.empty());
        }
    }

    /** @return the attributes as strings */
    public static Map<String, String> attributes(List<KeyValue> kvs) {
        return kvs.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> b));
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-collector");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger hungUpOn = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile Mode mode;

    private LoopbackCollector(Mode mode) throws IOException {
        this.mode = mode;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/v1/metrics", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * @param mode how to answer
     * @return a started collector
     * @throws IOException if it cannot bind
     */
    public static LoopbackCollector start(Mode mode) throws IOException {
        return new LoopbackCollector(mode);
    }

    /** @param mode how to answer from now on */
    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** @return the endpoint to configure as metrics.otlp.url */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/metrics");
    }

    /** @return every request so far, decoded */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** @return the newest request */
    public Received last() {
        return received.get(received.size() - 1);
    }

    /** @return how many huge answers the client stopped reading before their end */
    public int hungUpOn() {
        return hungUpOn.get();
    }

    /** @return how many requests are waiting for an answer that does not come */
    public int waiting() {
        return waiting.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT),
                            e -> String.join(",", e.getValue()), (a, b) -> b));
            received.add(new Received(headers, ExportMetricsServiceRequest.parseFrom(body)));
            switch (mode) {
                case ACCEPT -> exchange.sendResponseHeaders(200, -1);
                case FAIL -> exchange.sendResponseHeaders(500, -1);
                case HANG -> {
                    waiting.incrementAndGet();
                    try {
                        closed.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        waiting.decrementAndGet();
                    }
                }
                case HUGE -> {
                    exchange.sendResponseHeaders(200, HUGE_BYTES);
                    byte[] chunk = new byte[64 * 1024];
                    long sent = 0;
                    try (OutputStream out = exchange.getResponseBody()) {
                        while (sent < HUGE_BYTES) {
                            out.write(chunk);
                            sent += chunk.length;
                        }
                    } catch (IOException hungUp) {
                        hungUpOn.incrementAndGet();
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
