package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.status.HealthSections;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusPageTest {

    private static final String TOKEN = "status-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<String> alert = new AtomicReference<>("none");
    private HealthServer server;

    /** A section whose content the test changes, standing in for the alerts module. */
    private final StatusSection alerts = new StatusSection() {
        @Override
        public String id() {
            return "alerts";
        }

        @Override
        public String title() {
            return "Active alerts";
        }

        @Override
        public StatusView view(boolean details) {
            if (!details) {
                return StatusView.note("1 active");
            }
            return StatusView.table(List.of("Alert"), List.of(new StatusView.Row(Tone.CRITICAL, List.of(alert.get()))));
        }
    };

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private void start(StatusPage.Builder page) throws Exception {
        registry.register("exchange", () -> HealthResult.degraded("slow: 900 ms"));
        server = HealthServer.builder(registry).bearerToken(TOKEN).statusPage(page.build()).port(0).start();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_page_and_its_assets_come_from_the_jar_with_a_strict_content_security_policy() throws Exception {
        start(StatusPage.builder(registry));

        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/assets/status.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.body()).contains("<script src=\"/assets/status.js\" defer></script>").doesNotContain("http://",
                "https://");
        assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("textContent").doesNotContain("innerHTML");
        assertThat(get("/assets/missing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void status_shows_statuses_only_without_the_token_and_values_with_it() throws Exception {
        start(StatusPage.builder(registry).title("Bot A").section(alerts));
        alert.set("daily loss limit reached -15.2%");

        JsonNode anonymous = JSON.readTree(get("/status").body());
        JsonNode operator = JSON.readTree(get("/status", "Authorization", "Bearer " + TOKEN).body());

        assertThat(anonymous.get("title").asText()).isEqualTo("Bot A");
        assertThat(anonymous.get("status").asText()).isEqualTo("degraded");
        assertThat(anonymous.get("details").asBoolean()).isFalse();
        JsonNode card = anonymous.at("/sections/0/cards/0");
        assertThat(card.get("title").asText()).isEqualTo("exchange");
        assertThat(card.get("tone").asText()).isEqualTo("warn");
        assertThat(card.get("state").asText()).isEqualTo("degraded");
        assertThat(anonymous.toString()).doesNotContain("slow: 900 ms", "daily loss");
        assertThat(anonymous.at("/sections/1/text").asText()).isEqualTo("1 active");

        assertThat(operator.get("details").asBoolean()).isTrue();
        assertThat(operator.at("/sections/0/cards/0/fields/message").asText()).isEqualTo("slow: 900 ms");
        assertThat(operator.at("/sections/1/kind").asText()).isEqualTo("table");
        assertThat(operator.at("/sections/1/rows/0/cells/0").asText()).isEqualTo("daily loss limit reached -15.2%");
        assertThat(operator.at("/sections/1/rows/0/tone").asText()).isEqualTo("critical");
    }

    @Test
    void a_failing_section_is_shown_as_unavailable_and_the_rest_of_the_page_still_renders() throws Exception {
        StatusSection broken = new StatusSection() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public String title() {
                return "Broken";
            }

            @Override
            public StatusView view(boolean details) {
                throw new IllegalStateException("password=hunter2 leaked in a message");
            }
        };
        start(StatusPage.builder(registry).section(broken).section(alerts));

        HttpResponse<String> response = get("/status", "Authorization", "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/sections/1/text").asText()).isEqualTo("This section is unavailable.");
        assertThat(body.at("/sections/2/id").asText()).isEqualTo("alerts");
        assertThat(response.body()).doesNotContain("hunter2");
    }

    @Test
    void circuit_breakers_show_their_state_in_words() throws Exception {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        breakers.circuitBreaker("exchange").transitionToOpenState();
        breakers.circuitBreaker("database");
        start(StatusPage.builder(registry).section(HealthSections.circuitBreakers(breakers)));

        JsonNode cards = JSON.readTree(get("/status").body()).at("/sections/1/cards");

        assertThat(cards.get(0).get("title").asText()).isEqualTo("database");
        assertThat(cards.get(0).get("state").asText()).isEqualTo("closed");
        assertThat(cards.get(1).get("state").asText()).isEqualTo("open");
        assertThat(cards.get(1).get("tone").asText()).isEqualTo("critical");
    }

    @Test
    void events_push_a_new_snapshot_when_something_changes_and_end_when_the_server_closes() throws Exception {
        start(StatusPage.builder(registry).section(alerts).interval(Duration.ofMillis(100)));
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/events"))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(line.substring(6));
                    }
                }
                events.add("<end>");
            } catch (java.io.IOException e) {
                events.add("<end>");
            }
        });
        reader.start();

        String first = events.poll(10, TimeUnit.SECONDS);
        assertThat(first).contains("\"none\"");
        alert.set("balance drop > 20% in 1 h");
        String next = events.poll(10, TimeUnit.SECONDS);
        assertThat(next).contains("balance drop > 20% in 1 h");
        assertThat(server.toString()).doesNotContain(TOKEN);

        server.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("<end>"));
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void streams_beyond_the_cap_get_503_with_retry_after() throws Exception {
        StatusPage page = StatusPage.builder(registry).maxStreams(1).build();
        registry.register("exchange", HealthResult::healthy);
        server = HealthServer.builder(registry).statusPage(page).port(0).start();
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/events")).GET().build();
        HttpResponse<InputStream> open = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        await().atMost(Duration.ofSeconds(10)).until(() -> page.openStreams() == 1);

        HttpResponse<String> refused = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        assertThat(get("/health").statusCode()).isEqualTo(200); // streams never starve the probes
        open.body().close();
    }

    @Test
    void section_ids_are_validated_and_unique() {
        StatusPage.Builder builder = StatusPage.builder(registry).section(alerts);

        assertThatThrownBy(() -> builder.section(alerts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("section id already used: alerts");
        assertThatThrownBy(() -> builder.section(null)).hasMessageContaining("section");
        assertThatThrownBy(() -> builder.maxStreams(0)).hasMessageContaining("streams");
    }
}
