package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.HealthServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack 9: TLS. Plaintext HTTP to the TLS port gets no health body and the connection ends;
 * clients that stop mid-handshake, or never start one, are closed by the header-read deadline;
 * HTTPS liveness answers throughout.
 */
class TlsAttackTest {

    private static final char[] PASSWORD = "attack-store-pw".toCharArray();

    @TempDir
    static Path dir;
    private static Path store;
    private static SSLContext trusting;

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private HealthServer server;

    @BeforeAll
    static void keyStore() throws Exception {
        store = dir.resolve("attack.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "attack", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt"))
                .redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            in.readAllBytes();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
    }

    @AfterEach
    void tearDown() {
        wire.close();
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private HealthServer start() throws IOException {
        return start(Duration.ofSeconds(1));
    }

    private HealthServer start(Duration headerReadTimeout) throws IOException {
        registry.register("process", HealthResult::healthy);
        server = HealthServer.builder(registry).config(HealthServerConfig.custom().port(0)
                .headerReadTimeout(headerReadTimeout).idleTimeout(Duration.ofSeconds(30))
                .tlsKeyStore(store, PASSWORD).build()).start();
        return server;
    }

    private int httpsLive() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(server.uri().resolve("/health/live")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void plaintext_http_to_the_tls_port_gets_no_health_body_and_the_connection_ends() throws Exception {
        start();
        Socket s = wire.connect(server);
        s.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(5_000);
        byte[] got = s.getInputStream().readNBytes(4096); // until the server closes, or 5 s pass
        String text = new String(got, StandardCharsets.ISO_8859_1);

        assertThat(text).doesNotContain("healthy");
        assertThat(Wire.closedByServer(s)).as("closed").isTrue();
        assertThat(httpsLive()).isEqualTo(200);
    }

    @Test
    void clients_that_stop_mid_handshake_are_closed_by_the_header_read_deadline_while_https_answers()
            throws Exception {
        start();
        // a TLS record header announcing a ClientHello of 512 bytes, then only part of it
        byte[] partialHello = new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Socket s = wire.connect(server);
            s.getOutputStream().write(partialHello);
            s.getOutputStream().flush();
            stalled.add(s);
        }
        for (int i = 0; i < 50; i++) {
            stalled.add(wire.connect(server)); // connect, never say hello
        }

        assertThat(httpsLive()).isEqualTo(200);
        AtomicInteger closed = new AtomicInteger();
        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
            closed.set(0);
            for (Socket s : stalled) {
                s.setSoTimeout(1);
                if (Wire.closedByServer(s)) {
                    closed.incrementAndGet();
                }
            }
            assertThat(closed.get()).as("stalled handshakes closed (header-read timeout 1 s)").isEqualTo(100);
        });
    }

    @Test
    void a_slowloris_inside_a_finished_handshake_is_closed_by_the_header_read_deadline() throws Exception {
        start(Duration.ofSeconds(4)); // room for ten handshakes before the first deadline
        List<SSLSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.port());
            s.setSoTimeout(10_000);
            s.startHandshake();
            s.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            sockets.add(s);
        }
        try {
            await().atMost(Duration.ofSeconds(12)).untilAsserted(() -> {
                int closed = 0;
                for (SSLSocket s : sockets) {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write('l');
                        out.flush();
                    } catch (IOException e) {
                        closed++;
                    }
                }
                assertThat(closed).isEqualTo(10);
            });
        } finally {
            for (SSLSocket s : sockets) {
                s.close();
            }
        }
    }
}
