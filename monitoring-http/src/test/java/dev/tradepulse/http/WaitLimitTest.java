package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitLimitTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private HealthServer server;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_request_beyond_the_wait_limit_gets_503_with_retry_after_while_liveness_still_answers()
            throws Exception {
        registry.register("process", HealthResult::healthy,
                CheckOptions.builder().groups(HealthRegistry.LIVENESS).build());
        registry.register("exchange", () -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return HealthResult.healthy();
        }, CheckOptions.builder().groups(HealthRegistry.READINESS).timeout(Duration.ofSeconds(5)).build());
        server = HealthServer.builder(registry).port(0).workers(1).start();

        CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).as("the first request waits on the check").isTrue();

        HttpResponse<String> refused = get("/health");
        HttpResponse<String> live = get("/health/live");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("busy");
        assertThat(live.statusCode()).isEqualTo(200);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
        assertThat(waiting.get().statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).as("the permit is given back").isEqualTo(200);
    }
}
