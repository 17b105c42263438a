package dev.tradepulse.alerts.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.test.kit.LoopbackServer;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertmanagerSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    private static Alert alert() {
        return Alert.builder("exchange-down:binance", Severity.CRITICAL, "Binance API unreachable")
                .description("5 failures in a row").label("exchange", "binance").label("team-name", "execution")
                .startsAt(Instant.now().minusSeconds(30)).build();
    }

    @Test
    void every_configured_alertmanager_gets_every_alert_and_firing_alerts_are_resent() throws Exception {
        try (LoopbackServer am1 = new LoopbackServer(); LoopbackServer am2 = new LoopbackServer()) {
            AlertmanagerSink sink = AlertmanagerSink.create(List.of(am1.uri("/"), am2.uri("/")),
                    URI.create("http://127.0.0.1:8080/"), client, Duration.ofMillis(200));
            try {
                sink.deliver(Notification.of(alert()));

                LoopbackServer.Request first = am1.take();
                assertThat(first.path()).isEqualTo("/api/v2/alerts");
                assertThat(am2.take().body()).isEqualTo(first.body());
                JsonNode a = JSON.readTree(first.body()).get(0);
                assertThat(a.get("labels").get("alertname").asText()).isEqualTo("exchange-down");
                assertThat(a.get("labels").get("key").asText()).isEqualTo("exchange-down:binance");
                assertThat(a.get("labels").get("severity").asText()).isEqualTo("critical");
                assertThat(a.get("labels").get("team_name").asText()).isEqualTo("execution");
                assertThat(a.get("annotations").get("summary").asText()).isEqualTo("Binance API unreachable");
                assertThat(a.get("generatorURL").asText()).isEqualTo("http://127.0.0.1:8080/");
                assertThat(a.has("endsAt")).isFalse();
                // Re-sent on its own while firing, as Alertmanager's clients must.
                assertThat(am1.take().body()).contains("exchange-down:binance");
            } finally {
                sink.close();
            }
        }
    }

    @Test
    void one_alertmanager_down_does_not_fail_the_delivery_and_its_counts_show_it() throws Exception {
        URI down;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/"); // closed: connection refused
        }
        try (LoopbackServer up = new LoopbackServer()) {
            AlertmanagerSink sink = AlertmanagerSink.create(List.of(down, up.uri("/")),
                    URI.create("http://127.0.0.1:8080/"), client, Duration.ofHours(1));
            try {
                sink.deliver(Notification.of(alert())); // the cluster has it: no exception, no retry

                assertThat(up.take().body()).contains("exchange-down:binance");
                List<AlertmanagerSink.EndpointStatus> endpoints = sink.endpoints();
                assertThat(endpoints).extracting(AlertmanagerSink.EndpointStatus::address)
                        .containsExactly("127.0.0.1:" + down.getPort(), "127.0.0.1:" + up.uri("/").getPort());
                assertThat(endpoints.get(0)).returns(0L, AlertmanagerSink.EndpointStatus::accepted)
                        .returns(1L, AlertmanagerSink.EndpointStatus::failed)
                        .returns(false, AlertmanagerSink.EndpointStatus::up);
                assertThat(endpoints.get(0).lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("alertmanager"));
                assertThat(endpoints.get(1)).returns(1L, AlertmanagerSink.EndpointStatus::accepted)
                        .returns(0L, AlertmanagerSink.EndpointStatus::failed)
                        .returns(true, AlertmanagerSink.EndpointStatus::up);
                assertThat(endpoints.get(1).lastAccepted()).isPresent();
            } finally {
                sink.close();
            }
        }
    }

    @Test
    void the_sinks_own_labels_name_the_bot_on_every_alert_unless_the_alert_has_that_label() throws Exception {
        AlertmanagerSink sink = AlertmanagerSink.builder(List.of(URI.create("http://127.0.0.1:9093")),
                URI.create("http://127.0.0.1:8080/"), client).label("bot", "bot-eu-1").label("exchange", "kraken")
                .label("bot", "bot-eu-2").build();
        try {
            JsonNode labels = JSON.readTree(sink.body(List.of(alert()))).get(0).get("labels");
            assertThat(labels.get("bot").asText()).isEqualTo("bot-eu-2");
            assertThat(labels.get("exchange").asText()).as("the alert's own label wins").isEqualTo("binance");
            assertThat(labels.get("alertname").asText()).isEqualTo("exchange-down");
        } finally {
            sink.close();
        }
    }

    @Test
    void a_label_that_is_not_a_prometheus_name_or_that_the_sink_sets_itself_is_refused() {
        AlertmanagerSink.Builder b = AlertmanagerSink.builder(List.of(URI.create("http://127.0.0.1:9093")),
                URI.create("http://127.0.0.1:8080/"), client);
        assertThatThrownBy(() -> b.label("bot-name", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> b.label("__meta", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.label("severity", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("severity");
        assertThatThrownBy(() -> b.label("bot", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value");
        assertThatThrownBy(() -> b.label(null, "x")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
    }

    @Test
    void every_alertmanager_down_fails_the_delivery_retryably() throws Exception {
        URI down;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
        }
        AlertmanagerSink sink = AlertmanagerSink.create(List.of(down, down), URI.create("http://127.0.0.1:8080/"),
                client, Duration.ofHours(1));
        try {
            assertThatThrownBy(() -> sink.deliver(Notification.of(alert()))).isInstanceOf(SinkException.class)
                    .satisfies(e -> assertThat(((SinkException) e).isRetryable()).isTrue());
            assertThat(sink.endpoints()).allSatisfy(e -> assertThat(e.up()).isFalse());
        } finally {
            sink.close();
        }
    }

    @Test
    void a_resend_that_throws_unexpectedly_does_not_stop_the_resending() throws Exception {
        try (LoopbackServer am = new LoopbackServer()) {
            AtomicInteger calls = new AtomicInteger();
            AtomicBoolean thrown = new AtomicBoolean();
            // The first re-send throws what no HTTP client should: the re-sends go on.
            HttpClient throwsOnce = new ThrowingHttpClient(client, () -> calls.incrementAndGet() > 0
                    && Thread.currentThread().getName().contains("alertmanager-resend") && thrown.compareAndSet(false, true));
            AlertmanagerSink sink = AlertmanagerSink.create(List.of(am.uri("/")), URI.create("http://127.0.0.1:8080/"),
                    throwsOnce, Duration.ofMillis(100));
            try {
                sink.deliver(Notification.of(alert()));
                assertThat(am.take().body()).contains("exchange-down:binance");
                assertThat(am.take().body()).as("a re-send after the one that threw").contains("exchange-down:binance");
                assertThat(thrown).isTrue();
            } finally {
                sink.close();
            }
        }
    }

    /** Delegates to a real client, but throws an IllegalStateException from sendAsync when told to. */
    private static final class ThrowingHttpClient extends HttpClient {
        private final HttpClient real;
        private final BooleanSupplier throwNow;

        ThrowingHttpClient(HttpClient real, BooleanSupplier throwNow) {
            this.real = real;
            this.throwNow = throwNow;
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return real.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return real.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return real.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return real.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return real.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return real.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return real.authenticator();
        }

        @Override
        public Version version() {
            return real.version();
        }

        @Override
        public Optional<Executor> executor() {
            return real.executor();
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            if (throwNow.getAsBoolean()) {
                throw new IllegalStateException("a client bug");
            }
            return real.send(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler) {
            if (throwNow.getAsBoolean()) {
                throw new IllegalStateException("a client bug");
            }
            return real.sendAsync(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
            if (throwNow.getAsBoolean()) {
                throw new IllegalStateException("a client bug");
            }
            return real.sendAsync(request, handler, push);
        }
    }

    private static Path alertmanagerBinary() {
        for (String candidate : List.of("/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager",
                "/usr/local/bin/alertmanager")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String message = "\n*** Alertmanager integration test NOT RUN: no alertmanager binary found. "
                + "Install Debian's prometheus-alertmanager (CI does). ***\n";
        if (System.getenv("REQUIRE_TEST_BINARIES") != null) {
            throw new AssertionError(message);
        }
        System.err.println(message);
        Assumptions.abort(message);
        return null;
    }

    @Test
    void a_real_alertmanager_receives_the_alert_shows_it_and_resolves_it(@TempDir Path dir) throws Exception {
        Path binary = alertmanagerBinary();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
        Process am = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        AlertmanagerSink sink = AlertmanagerSink.create(List.of(base), URI.create("http://127.0.0.1:8080/"), client,
                Duration.ofSeconds(30));
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(base.resolve("/-/ready")).statusCode() == 200);
            Alert alert = alert();

            sink.deliver(Notification.of(alert));
            await().atMost(Duration.ofSeconds(10)).until(() -> alertsWithKey(base).size() == 1);
            JsonNode shown = alertsWithKey(base).get(0);
            assertThat(shown.at("/labels/alertname").asText()).isEqualTo("exchange-down");
            assertThat(shown.at("/labels/severity").asText()).isEqualTo("critical");
            assertThat(shown.at("/annotations/summary").asText()).isEqualTo("Binance API unreachable");
            assertThat(shown.at("/status/state").asText()).isEqualTo("active");
            assertThat(shown.get("generatorURL").asText()).isEqualTo("http://127.0.0.1:8080/");

            sink.deliver(Notification.of(alert.resolved(Instant.now().minusSeconds(1))));
            await().atMost(Duration.ofSeconds(10)).until(() -> alertsWithKey(base).isEmpty());
        } finally {
            sink.close();
            am.destroy();
            am.waitFor();
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> alertsWithKey(URI base) throws Exception {
        JsonNode all = JSON.readTree(get(base.resolve("/api/v2/alerts")).body());
        List<JsonNode> out = new java.util.ArrayList<>();
        all.forEach(a -> {
            if (a.at("/labels/key").asText().equals("exchange-down:binance")) {
                out.add(a);
            }
        });
        return out;
    }
}
