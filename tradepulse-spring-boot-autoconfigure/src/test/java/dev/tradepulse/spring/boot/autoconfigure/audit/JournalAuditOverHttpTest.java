package dev.tradepulse.spring.boot.autoconfigure.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.runtime.TradePulse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Logins over real HTTP land in the journal, {@code /actuator/auditevents} reads them back from it,
 * also after a restart on the same data directory, and the journal verifies afterwards.
 */
@SpringBootTest(classes = SecuredBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {JournalAuditOverHttpTest.INCLUDE_SECURITY, JournalAuditOverHttpTest.EXPOSE,
            JournalAuditOverHttpTest.USER, JournalAuditOverHttpTest.PASSWORD, JournalAuditOverHttpTest.PROFILE})
@DirtiesContext
class JournalAuditOverHttpTest {

    /** The module's test properties leave Spring Security out for the other tests; this one has it. */
    static final String INCLUDE_SECURITY = "spring.autoconfigure.exclude=";
    static final String EXPOSE = "management.endpoints.web.exposure.include=auditevents";
    static final String USER = "spring.security.user.name=operator";
    static final String PASSWORD = "spring.security.user.password=correct-horse-battery";
    static final String PROFILE = "tradepulse.profile=testing";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVIL = "mallory\u001b[2J\r\nforged";
    private static final String EVIL_PASSWORD = "hunter2-stolen-secret";
    private static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    TradePulse tradePulse;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("tp-audit-http");
        registry.add("tradepulse.data-dir", dataDir::toString);
    }

    private static HttpResponse<String> get(int port, String pathAndQuery, String user, String password)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(10)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String query(@Nullable String principal, Instant after, @Nullable String type) {
        return "/actuator/auditevents?after=" + URLEncoder.encode(after.toString(), StandardCharsets.UTF_8)
                + (principal == null ? "" : "&principal=" + URLEncoder.encode(principal, StandardCharsets.UTF_8))
                + (type == null ? "" : "&type=" + type);
    }

    private static List<JsonNode> events(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path("events").forEach(out::add);
        return out;
    }

    private static String journalText() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dataDir.resolve("audit"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private static Verification verify() throws IOException {
        byte[] key = HexFormat.of().parseHex(Files.readString(dataDir.resolve("audit.key"), StandardCharsets.US_ASCII).trim());
        return JournalVerifier.withKey(Checkpoints.hmacVerifier(key)).verify(dataDir.resolve("audit"));
    }

    @Test
    void loginsOverHttpLandInTheJournalAndAreReadBackFromItAfterARestart() throws Exception {
        Instant start = Instant.now().minusSeconds(1);

        assertThat(get(port, "/actuator/auditevents", "operator", "wrong-guess").statusCode()).isEqualTo(401);
        assertThat(get(port, "/actuator/auditevents", EVIL, EVIL_PASSWORD).statusCode()).isEqualTo(401);
        context.publishEvent(new AuditApplicationEvent("operator", "ORDER_APPROVAL",
                Map.of("order", "o-1", "password", EVIL_PASSWORD)));

        List<JsonNode> failures = events(get(port, query("operator", start, "AUTHENTICATION_FAILURE"),
                "operator", "correct-horse-battery"));
        assertThat(failures).singleElement().satisfies(e -> {
            assertThat(e.path("principal").asText()).isEqualTo("operator");
            assertThat(e.path("type").asText()).isEqualTo("AUTHENTICATION_FAILURE");
            assertThat(e.path("data").path("type").asText()).endsWith("BadCredentialsException");
        });
        List<JsonNode> successes = events(get(port, query("operator", start, "AUTHENTICATION_SUCCESS"),
                "operator", "correct-horse-battery"));
        assertThat(successes).isNotEmpty().allSatisfy(e -> assertThat(e.path("principal").asText()).isEqualTo("operator"));

        // The shutdown that matters: TradePulse (the context's destroy method) closes the journal with its
        // checkpoint and releases the data directory. The test's context itself stays with the test framework.
        tradePulse.close();
        assertThat(verify().ok()).as(verify().summary()).isTrue();
        String journal = journalText();
        assertThat(journal).doesNotContain(EVIL_PASSWORD).doesNotContain("correct-horse-battery")
                .doesNotContain("\u001b").contains("mallory\\u001B[2J\\r\\nforged");

        // command-line arguments, which rank above the module's test application.properties
        String[] args = Stream.of(INCLUDE_SECURITY, EXPOSE, USER, PASSWORD, PROFILE, "server.port=0",
                "tradepulse.data-dir=" + dataDir).map(p -> "--" + p).toArray(String[]::new);
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(SecuredBotApplication.class)
                .run(args)) {
            int again = ((WebServerApplicationContext) restarted).getWebServer().getPort();

            HttpResponse<String> all = get(again, query("operator", start, null), "operator", "correct-horse-battery");
            assertThat(events(all)).extracting(e -> e.path("type").asText())
                    .contains("AUTHENTICATION_FAILURE", "AUTHENTICATION_SUCCESS", "ORDER_APPROVAL");
            assertThat(all.body()).doesNotContain(EVIL_PASSWORD).contains("[REDACTED]");

            // Spring Security's firewall refuses control characters in a parameter: ask for every failure
            HttpResponse<String> evil = get(again, query(null, start, "AUTHENTICATION_FAILURE"), "operator",
                    "correct-horse-battery");
            assertThat(events(evil)).extracting(e -> e.path("principal").asText()).containsExactly("operator", EVIL);
            assertThat(evil.body()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain(EVIL_PASSWORD)
                    .contains("mallory\\u001B[2J\\r\\nforged");
        }
        assertThat(verify().ok()).as(verify().summary()).isTrue();
    }
}
