package dev.tradepulse.benchmarks.http;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import java.time.Duration;
import java.util.Locale;

/**
 * The server under load for the HTTP benchmarks, in its own JVM until killed: 5 cached checks
 * (refreshed every 5 s, so {@code /health} is served from the cache) in the liveness group.
 * {@code jetty} is TradePulse's {@link HealthServer} (Jetty 12) with its status page, so
 * {@code /events} exists; {@code jdk} is {@link JdkHealthServerBaseline}, the old JDK server.
 * See {@code benchmarks/scripts/http-bench.sh}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.http.HttpServerTarget jetty|jdk PORT [MAX_STREAMS]
 * </pre>
 */
public final class HttpServerTarget {

    private HttpServerTarget() {
    }

    /**
     * A registry of 5 cached, always healthy checks.
     *
     * @return the registry
     */
    static HealthRegistry registry() {
        HealthRegistry registry = HealthRegistry.builder().build();
        for (int i = 0; i < 5; i++) {
            registry.register("check-" + i, HealthResult::healthy, CheckOptions.builder()
                    .refreshEvery(Duration.ofSeconds(5)).groups(HealthRegistry.LIVENESS).build());
        }
        return registry;
    }

    /**
     * Starts one of the two servers.
     *
     * @param mode {@code jetty} or {@code jdk}
     * @param registry the checks
     * @param port the port, 0 for any
     * @param maxStreams the status page's stream slots (Jetty only)
     * @return the running server
     * @throws Exception if it cannot start
     */
    static Running start(String mode, HealthRegistry registry, int port, int maxStreams) throws Exception {
        switch (mode) {
            case "jetty" -> {
                HealthServer s = HealthServer.builder(registry).port(port)
                        .statusPage(StatusPage.builder(registry).maxStreams(maxStreams).build()).start();
                return new Running(s, s.port());
            }
            case "jdk" -> {
                JdkHealthServerBaseline s = new JdkHealthServerBaseline(registry, port);
                return new Running(s, s.port());
            }
            default -> throw new IllegalArgumentException("mode must be jetty or jdk, got " + mode);
        }
    }

    /**
     * A started server and its port.
     *
     * @param server closes it
     * @param port the bound port
     */
    record Running(AutoCloseable server, int port) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the server failed", e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "jetty";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 18080;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        start(mode, registry(), port, streams);
        System.out.println("serving " + mode + " on http://127.0.0.1:" + port + "/health");
        Thread.currentThread().join();
    }
}
