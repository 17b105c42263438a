package dev.tradepulse.benchmarks;

import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Issue #3 load test target: serves {@code /health} with 5 cached checks until killed, so that
 * {@code wrk} can load it from a second process. {@code dropwizard} mode serves Dropwizard's
 * registry on the same JDK server with the same worker count, for the side-by-side figure.
 * See {@code benchmarks/scripts/health-load.sh}.
 */
public final class HealthServerHarness {

    private HealthServerHarness() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "tradepulse";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 18080;
        if (mode.equals("dropwizard")) {
            // Same JDK server fix TradePulse's HealthServer applies, so this compares registries, not Nagle.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            HealthCheckRegistry registry = new HealthCheckRegistry();
            for (int i = 0; i < 5; i++) {
                registry.register("check-" + i, new com.codahale.metrics.health.HealthCheck() {
                    @Override
                    protected Result check() {
                        return Result.healthy();
                    }
                });
            }
            ObjectMapper json = new ObjectMapper();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/health", exchange -> {
                Map<String, Object> body = new LinkedHashMap<>();
                registry.runHealthChecks().forEach((name, result) -> body.put(name, result.isHealthy()));
                byte[] bytes = json.writeValueAsBytes(body);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        } else {
            HealthRegistry registry = HealthRegistry.builder().build();
            for (int i = 0; i < 5; i++) {
                registry.register("check-" + i, HealthResult::healthy,
                        CheckOptions.builder().refreshEvery(Duration.ofSeconds(5)).build());
            }
            HealthServer.builder(registry).port(port).workers(4).start();
        }
        System.out.println("serving " + mode + " on http://127.0.0.1:" + port + "/health");
        Thread.currentThread().join();
    }
}
