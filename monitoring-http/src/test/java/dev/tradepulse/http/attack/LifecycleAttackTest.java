package dev.tradepulse.http.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.RouteResponse;
import dev.tradepulse.http.StatusPage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attack 7: start and close. A port clash names the address and port and leaves no thread;
 * close() is idempotent, bounded by the grace plus about half a second even with 200 clients
 * connected, from an interrupted thread, or from inside a request; afterwards no server thread
 * is left and the port is free for a new server.
 */
class LifecycleAttackTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();
    private final Wire wire = new Wire();
    private final List<HealthServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        Thread.interrupted();
        wire.close();
        servers.forEach(HealthServer::close);
        registry.close();
    }

    private HealthServer start(HealthServer.Builder builder) throws IOException {
        HealthServer server = builder.start();
        servers.add(server);
        return server;
    }

    private static Set<Thread> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("tradepulse-http"))
                .collect(Collectors.toSet());
    }

    private static Set<Thread> nonDaemon() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static void assertNoThreadOf(Set<Thread> before) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Set<Thread> now = serverThreads();
            now.removeAll(before);
            assertThat(now).as("server threads left").isEmpty();
        });
    }

    @Test
    void a_port_clash_names_the_address_and_port_and_leaves_no_thread() throws Exception {
        registry.register("process", HealthResult::healthy);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Set<Thread> before = serverThreads();
            Set<Thread> nonDaemonBefore = nonDaemon();
            StatusPage page = StatusPage.builder(registry).build();

            assertThatThrownBy(() -> HealthServer.builder(registry).port(taken.getLocalPort()).statusPage(page).start())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());

            assertNoThreadOf(before);
            Set<Thread> extra = nonDaemon();
            extra.removeAll(nonDaemonBefore);
            assertThat(extra).as("non-daemon threads after a failed start").isEmpty();
        }
    }

    @Test
    void a_port_clash_with_a_running_health_server_leaves_the_first_one_serving() throws Exception {
        registry.register("process", HealthResult::healthy);
        HealthServer first = start(HealthServer.builder(registry).port(0));

        assertThatThrownBy(() -> HealthServer.builder(registry).port(first.port()).start())
                .isInstanceOf(IOException.class).hasMessageContaining(":" + first.port());
        assertThat(wire.send(first, "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(200);
    }

    @Test
    void close_twice_and_from_many_threads_at_once_never_throws() throws Exception {
        registry.register("process", HealthResult::healthy);
        Set<Thread> before = serverThreads();
        HealthServer server = HealthServer.builder(registry).port(0).start();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> closers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    server.close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            closers.add(t);
        }
        go.countDown();
        for (Thread t : closers) {
            t.join(5_000);
        }

        assertThat(failure.get()).isNull();
        assertThatCode(server::close).doesNotThrowAnyException();
        assertNoThreadOf(before);
    }

    @Test
    void close_with_two_hundred_clients_connected_finishes_within_the_grace_and_frees_the_port() throws Exception {
        registry.register("process", HealthResult::healthy);
        Set<Thread> before = serverThreads();
        StatusPage page = StatusPage.builder(registry).maxStreams(50).build();
        HealthServer server = HealthServer.builder(registry).port(0).statusPage(page)
                .shutdownGrace(Duration.ofSeconds(1)).start();
        int port = server.port();
        byte[] keepAlive = "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] partial = "GET /health/li".getBytes(StandardCharsets.US_ASCII);
        byte[] events = "GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Socket s = wire.connect(server);
            s.getOutputStream().write(i % 4 == 0 ? partial : i % 4 == 1 ? events : keepAlive);
            clients.add(s);
        }
        for (int i = 0; i < 200; i++) { // the kept-alive ones have had their answer
            if (i % 4 >= 2) {
                assertThat(Wire.read(clients.get(i).getInputStream(), false).status()).isEqualTo(200);
            }
        }

        long started = System.nanoTime();
        server.close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMillis).as("close() with 200 clients, grace 1 s").isLessThan(1_000 + 750);
        assertNoThreadOf(before);
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void close_from_an_interrupted_thread_still_stops_every_thread() throws Exception {
        registry.register("process", HealthResult::healthy);
        Set<Thread> before = serverThreads();
        HealthServer server = HealthServer.builder(registry).port(0).statusPage(StatusPage.builder(registry).build())
                .start();
        wire.connect(server).getOutputStream().write("GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));

        Thread.currentThread().interrupt();
        server.close();
        Thread.interrupted();

        assertNoThreadOf(before);
    }

    @Test
    void close_from_an_interrupted_thread_keeps_the_callers_interrupt() throws Exception {
        registry.register("process", HealthResult::healthy);
        HealthServer server = HealthServer.builder(registry).port(0).start();

        Thread.currentThread().interrupt();
        server.close();
        boolean stillInterrupted = Thread.interrupted();

        assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void close_called_from_inside_a_request_returns_within_the_grace_and_stops_every_thread() throws Exception {
        registry.register("process", HealthResult::healthy);
        Set<Thread> before = serverThreads();
        AtomicReference<HealthServer> self = new AtomicReference<>();
        AtomicLong closeMillis = new AtomicLong(-1);
        CountDownLatch closed = new CountDownLatch(1);
        HealthServer server = HealthServer.builder(registry).port(0).shutdownGrace(Duration.ofMillis(500))
                .route("/shutdown", request -> {
                    long t0 = System.nanoTime();
                    self.get().close(); // an admin endpoint that stops the server
                    closeMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                    closed.countDown();
                    return RouteResponse.json(200, "{}");
                }).start();
        self.set(server);
        Thread caller = new Thread(() -> {
            try {
                wire.send(server, "GET /shutdown HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            } catch (IOException e) {
                // the server is going away; what matters is close() below
            }
        });
        caller.setDaemon(true);
        caller.start();

        assertThat(closed.await(5, TimeUnit.SECONDS)).as("close() inside a request returned").isTrue();
        assertThat(closeMillis.get()).isLessThan(500 + 750);
        assertNoThreadOf(before);
    }

    @Test
    void a_builder_starts_again_on_the_same_port_after_its_server_closed() throws Exception {
        registry.register("process", HealthResult::healthy);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        HealthServer.Builder builder = HealthServer.builder(registry).port(port);
        HealthServer first = builder.start();
        assertThat(wire.send(first, "GET /health/live HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
        first.close();

        HealthServer second = start(builder);

        assertThat(second.port()).isEqualTo(port);
        assertThat(wire.send(second, "GET /health/live HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void requests_after_close_are_refused_at_the_socket() throws Exception {
        registry.register("process", HealthResult::healthy);
        HealthServer server = HealthServer.builder(registry).port(0).start();
        int port = server.port();
        server.close();

        assertThatThrownBy(() -> wire.connect(port)).isInstanceOf(IOException.class);
    }
}
