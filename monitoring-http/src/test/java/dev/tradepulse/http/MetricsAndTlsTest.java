package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: {@code /metrics} served by the library, and TLS from a PKCS12 keystore. */
class MetricsAndTlsTest {

    private static final String TOKEN = "metrics-token-for-tests";
    private static final char[] STORE_PASSWORD = "changeit-store-pw".toCharArray();

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HealthServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        registry.close();
        prometheus.close();
    }

    private HttpResponse<String> get(HttpClient http, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_serves_a_real_prometheus_scrape_of_the_registry() throws Exception {
        Counter.builder("tradepulse.orders").tag("side", "buy").register(prometheus).increment(3);
        server = HealthServer.builder(registry).metrics(prometheus).port(0).start();

        HttpResponse<String> scrape = get(client, "/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(scrape.body()).contains("# TYPE tradepulse_orders_total counter")
                .contains("tradepulse_orders_total{side=\"buy\"} 3.0");
    }

    @Test
    void metrics_can_require_the_bearer_token_like_health_details() throws Exception {
        Counter.builder("equity.usd").register(prometheus).increment(125_000);
        server = HealthServer.builder(registry).metrics(prometheus).bearerToken(TOKEN).metricsRequireToken(true)
                .port(0).start();

        HttpResponse<String> anonymous = get(client, "/metrics");
        HttpResponse<String> operator = get(client, "/metrics", "Authorization", "Bearer " + TOKEN);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(anonymous.body()).isEqualTo("{\"error\":\"unauthorized\"}").doesNotContain("equity");
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("equity_usd_total 125000.0");
    }

    @Test
    void a_scrape_function_that_throws_gets_a_500_without_details() throws Exception {
        server = HealthServer.builder(registry).port(0).metrics(() -> {
            throw new IllegalStateException("password=hunter2");
        }).start();

        HttpResponse<String> response = get(client, "/metrics");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"internal error\"}");
    }

    @Test
    void metrics_settings_that_cannot_work_are_refused_at_start() {
        assertThatThrownBy(() -> HealthServer.builder(registry).metrics(prometheus).metricsRequireToken(true)
                .port(0).start()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bearerToken");
        assertThatThrownBy(() -> HealthServer.builder(registry).metrics(prometheus)
                .route("/metrics", request -> RouteResponse.json(200, "{}")).port(0).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/metrics");
    }

    @Test
    void tls_serves_https_with_a_self_signed_pkcs12_keystore_made_by_keytool(@TempDir Path dir) throws Exception {
        registry.register("process", HealthResult::healthy);
        Path store = dir.resolve("server.p12");
        keytool(store);
        server = HealthServer.builder(registry).tls(store, STORE_PASSWORD).port(0).start();

        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(store)).connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> live = get(trusting, "/health/live");

        assertThat(server.uri().getScheme()).isEqualTo("https");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"healthy\"");
        assertThatThrownBy(() -> get(client, "/health/live")).as("a client that does not trust the certificate")
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(server.config().toString()).doesNotContain(new String(STORE_PASSWORD)).contains("[REDACTED]");
    }

    @Test
    void tls_serves_https_with_a_pem_certificate_and_pkcs8_key(@TempDir Path dir) throws Exception {
        registry.register("process", HealthResult::healthy);
        Path store = dir.resolve("server.p12");
        keytool(store);
        // the same key pair, written as PEM files with the JDK's own encoders
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
                + pem.encodeToString(keyStore.getCertificate("tradepulse").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + pem.encodeToString(keyStore.getKey("tradepulse", STORE_PASSWORD).getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        server = HealthServer.builder(registry).tlsPem(cert, key).port(0).start();

        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(store)).connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> live = get(trusting, "/health/live");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(server.config().toString()).contains("PEM tls.crt");
    }

    @Test
    void a_pem_key_that_is_not_pkcs8_fails_the_start_naming_the_file(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        keytool(store);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("legacy.key");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                keyStore.getCertificate("tradepulse").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> HealthServer.builder(registry).tlsPem(cert, key).port(0).start())
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("legacy.key")
                .hasMessageContaining("PKCS#8").hasMessageNotContaining("AAAA");
    }

    @Test
    void a_missing_keystore_fails_the_start_naming_the_file(@TempDir Path dir) {
        Path missing = dir.resolve("missing.p12");

        assertThatThrownBy(() -> HealthServer.builder(registry).tls(missing, STORE_PASSWORD).port(0).start())
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("missing.p12");
    }

    private static void keytool(Path store) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "tradepulse",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD), "-noprompt"))
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool: " + output).isZero();
        assertThat(Files.size(store)).isPositive();
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
