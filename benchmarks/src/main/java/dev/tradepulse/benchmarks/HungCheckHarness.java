package dev.tradepulse.benchmarks;

import com.codahale.metrics.health.HealthCheckRegistry;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Issue #3: one check never returns. TradePulse's {@code /health} must still answer within
 * timeout + 50 ms on each of 1,000 requests, without growing its thread count; Dropwizard's
 * registry, given the same check, is asked the same question.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.HungCheckHarness
 * </pre>
 */
public final class HungCheckHarness {

    private HungCheckHarness() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        CountDownLatch never = new CountDownLatch(1);
        long timeoutMillis = 2000;

        try (HealthRegistry registry = HealthRegistry.builder().build()) {
            registry.register("database", HealthResult::healthy);
            registry.register("exchange", HealthResult::healthy);
            try (HealthServer server = HealthServer.builder(registry).port(0).start()) {
                HttpClient client = HttpClient.newHttpClient();
                URI uri = server.uri().resolve("/health");
                for (int i = 0; i < 200; i++) { // warm up the client, the server and the JIT
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                }
                registry.register("hung", () -> {
                    never.await();
                    return HealthResult.healthy();
                });
                long[] millis = new long[requests];
                int threadsAfterFirst = 0;
                int maxThreads = 0;
                int status = 0;
                for (int i = 0; i < requests; i++) {
                    long start = System.nanoTime();
                    status = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (i == 0) {
                        threadsAfterFirst = Thread.activeCount();
                    }
                    maxThreads = Math.max(maxThreads, Thread.activeCount());
                }
                long[] sorted = millis.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "TradePulse: %d requests with one hung check (timeout %d ms): "
                        + "first %d ms, max of the rest %d ms, median %d ms, p99 %d ms, last status %d; "
                        + "threads after the first request %d, at most %d%n",
                        requests, timeoutMillis, millis[0], Arrays.stream(millis, 1, requests).max().orElse(0),
                        sorted[requests / 2], sorted[(int) (requests * 0.99)], status, threadsAfterFirst, maxThreads);
                System.out.printf(Locale.ROOT, "TradePulse: every request within timeout + 50 ms: %s%n",
                        Arrays.stream(millis).allMatch(m -> m <= timeoutMillis + 50) ? "yes" : "NO");
            }
        }

        // Dropwizard: the same hung check, asked 10 times from 10 request threads, as a servlet would.
        HealthCheckRegistry dropwizard = new HealthCheckRegistry();
        dropwizard.register("hung", new com.codahale.metrics.health.HealthCheck() {
            @Override
            protected Result check() throws Exception {
                never.await();
                return Result.healthy();
            }
        });
        dropwizard.register("database", new com.codahale.metrics.health.HealthCheck() {
            @Override
            protected Result check() {
                return Result.healthy();
            }
        });
        int before = Thread.activeCount();
        ExecutorService checks = Executors.newCachedThreadPool(daemon());
        ExecutorService requestThreads = Executors.newCachedThreadPool(daemon());
        Future<?>[] calls = new Future<?>[10];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = requestThreads.submit(() -> dropwizard.runHealthChecks(checks));
        }
        long answered = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Future<?> call : calls) {
            try {
                call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                answered++;
            } catch (java.util.concurrent.TimeoutException e) {
                // still blocked on the hung check
            }
        }
        System.out.printf(Locale.ROOT, "Dropwizard runHealthChecks(executor): %d of %d requests answered within 5 s; "
                + "threads grew by %d and stay blocked%n", answered, calls.length, Thread.activeCount() - before);
        never.countDown();
        checks.shutdownNow();
        requestThreads.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }
}
