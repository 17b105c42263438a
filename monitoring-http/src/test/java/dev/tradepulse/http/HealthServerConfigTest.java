package dev.tradepulse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthServerConfigTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private HealthServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private String raw(String host) throws IOException {
        try (Socket s = new Socket(server.uri().getHost(), server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void the_defaults_are_the_secure_ones() {
        HealthServerConfig defaults = HealthServerConfig.ofDefaults();

        assertThat(defaults.bindAddress().isLoopbackAddress()).isTrue();
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.detailVisibility()).isEqualTo(DetailVisibility.WHEN_AUTHORIZED);
        assertThat(defaults.allowedHosts()).containsExactly("localhost", "127.0.0.1", "[::1]");
        assertThat(defaults.maxConnections()).isEqualTo(2048);
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.headerReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.tls()).isFalse();
        assertThat(defaults.metricsRequireToken()).isFalse();
    }

    @Test
    void from_copies_a_config_and_custom_changes_only_what_is_set() {
        HealthServerConfig base = HealthServerConfig.custom().port(9090).maxConnections(100).build();

        HealthServerConfig copy = HealthServerConfig.from(base).build();
        HealthServerConfig changed = HealthServerConfig.from(base).workers(8).build();

        assertThat(copy).isEqualTo(base);
        assertThat(changed.port()).isEqualTo(9090);
        assertThat(changed.maxConnections()).isEqualTo(100);
        assertThat(changed.workers()).isEqualTo(8);
        assertThat(HealthServerConfig.ofDefaults().workers()).isEqualTo(4);
    }

    @Test
    void bad_settings_are_refused_naming_the_parameter() {
        assertThatThrownBy(() -> HealthServerConfig.custom().idleTimeout(Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout must be");
        assertThatThrownBy(() -> HealthServerConfig.custom().maxConnections(0))
                .hasMessageStartingWith("connections must be");
        assertThatThrownBy(() -> HealthServerConfig.custom().allowedHosts("bot.internal:8080"))
                .hasMessageStartingWith("hosts must be names without scheme or port");
        assertThatThrownBy(() -> HealthServerConfig.custom().allowedHosts("http://bot.internal"))
                .hasMessageStartingWith("hosts must be");
        assertThatThrownBy(() -> HealthServerConfig.custom().workers(0)).hasMessageStartingWith("threads must be");
        assertThatThrownBy(() -> HealthServerConfig.custom().shutdownGrace(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("grace must be");
    }

    @Test
    void configured_hosts_replace_the_loopback_names_and_ip_literals_can_be_refused_too() throws Exception {
        registry.register("process", HealthResult::healthy);
        server = HealthServer.builder(registry).port(0)
                .config(HealthServerConfig.custom().port(0).allowedHosts("Bot.Internal").allowIpLiteralHosts(false)
                        .build())
                .start();

        assertThat(raw("bot.internal:" + server.port())).startsWith("HTTP/1.1 200");
        assertThat(raw("BOT.INTERNAL")).startsWith("HTTP/1.1 200");
        assertThat(raw("localhost:" + server.port())).startsWith("HTTP/1.1 421");
        assertThat(raw("127.0.0.1:" + server.port())).startsWith("HTTP/1.1 421");
        assertThat(raw("bot.internal.attacker.example")).startsWith("HTTP/1.1 421");
    }

    @Test
    void a_kubernetes_probe_with_the_pod_ip_as_host_is_answered_by_default() throws Exception {
        registry.register("process", HealthResult::healthy);
        server = HealthServer.builder(registry).port(0).start();

        assertThat(raw("10.1.2.3:" + server.port())).startsWith("HTTP/1.1 200");
        assertThat(raw("[fd00::5]:" + server.port())).startsWith("HTTP/1.1 200");
    }

    @Test
    void allow_any_host_turns_the_allowlist_off() throws Exception {
        registry.register("process", HealthResult::healthy);
        server = HealthServer.builder(registry).config(HealthServerConfig.custom().port(0).allowAnyHost().build())
                .start();

        assertThat(raw("anything.example")).startsWith("HTTP/1.1 200");
    }

    @Test
    void the_server_exposes_its_config_and_close_is_idempotent() throws Exception {
        server = HealthServer.builder(registry).port(0).workers(2).start();

        assertThat(server.config().workers()).isEqualTo(2);
        server.close();
        server.close();
    }
}
