package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.health.HealthRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Sections and routes that throw Errors, served over real loopback HTTP. */
class StatusPageFaultsTest {

    private static final String TOKEN = "status-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private HealthServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private static StatusSection section(String id, Supplier<String> title, Supplier<StatusView> view) {
        return new StatusSection() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title.get();
            }

            @Override
            public StatusView view(boolean details) {
                return view.get();
            }
        };
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sections_that_throw_errors_are_shown_as_unavailable_and_the_page_still_answers() throws Exception {
        registry.register("exchange", HealthResult::healthy);
        StatusPage page = StatusPage.builder(registry)
                .section(section("overflow", () -> "Overflow", () -> {
                    throw new StackOverflowError("deep in section code");
                }))
                .section(section("assert", () -> "Assert", () -> {
                    throw new AssertionError("password=hunter2");
                }))
                .section(section("untitled", () -> {
                    throw new NoClassDefFoundError("com/example/Missing");
                }, () -> StatusView.note("never shown")))
                .section(section("fine", () -> "Fine", () -> StatusView.note("all good")))
                .build();
        server = HealthServer.builder(registry).bearerToken(TOKEN).statusPage(page).port(0).start();

        HttpResponse<String> response = get("/status");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sections = JSON.readTree(response.body()).get("sections");
        assertThat(sections).hasSize(5);
        for (int i = 1; i <= 3; i++) {
            assertThat(sections.get(i).get("text").asText()).isEqualTo("This section is unavailable.");
        }
        assertThat(sections.get(3).get("id").asText()).isEqualTo("untitled");
        assertThat(sections.get(3).get("title").asText()).isEqualTo("untitled");
        assertThat(sections.get(4).get("text").asText()).isEqualTo("all good");
        assertThat(response.body()).doesNotContain("hunter2", "deep in section", "Missing", "at dev.tradepulse");
    }

    @Test
    void a_route_that_throws_an_error_gets_a_500_without_a_stack_trace_and_the_server_keeps_serving() throws Exception {
        registry.register("exchange", HealthResult::healthy);
        server = HealthServer.builder(registry).bearerToken(TOKEN).port(0)
                .route("/boom", exchange -> {
                    throw new AssertionError("password=hunter2");
                })
                .start();

        Logger logger = (Logger) LoggerFactory.getLogger(HealthServer.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.WARN);
        logger.setAdditive(false);
        try {
            HttpResponse<String> boom = get("/boom");
            HttpResponse<String> again = get("/boom");

            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(again.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(boom.body()).get("error").asText()).isEqualTo("internal error");
            assertThat(boom.body()).doesNotContain("hunter2", "AssertionError");
            assertThat(get("/health").statusCode()).isEqualTo(200);
            assertThat(log.list).as("one line a minute, however often a client asks").singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("/boom", "AssertionError"));
        } finally {
            logger.detachAppender(log);
            logger.setLevel(null);
            logger.setAdditive(true);
        }
    }
}
