package dev.tradepulse.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.test.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

class BuiltInChecksTest {

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private SQLiteDataSource sqlite(Path file, boolean mustExist) {
        SQLiteConfig config = new SQLiteConfig();
        if (mustExist) {
            config.setOpenMode(org.sqlite.SQLiteOpenMode.READWRITE); // without CREATE: a missing file is an error
        }
        config.setBusyTimeout(0);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private Path tradeDatabase() throws Exception {
        Path file = dir.resolve("trades.db");
        try (Connection c = sqlite(file, false).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE trades(id INTEGER PRIMARY KEY, symbol TEXT)");
            s.execute("INSERT INTO trades(symbol) VALUES ('BTCUSDT')");
        }
        return file;
    }

    @Test
    void jdbc_against_a_real_sqlite_file_is_healthy_with_latency_in_the_details() throws Exception {
        var check = HealthChecks.jdbc(sqlite(tradeDatabase(), true), "SELECT count(*) FROM trades", Duration.ofSeconds(5));

        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("database", "SQLite").containsKey("latency_ms");
    }

    @Test
    void jdbc_with_is_valid_is_healthy_and_degraded_over_its_latency_threshold() throws Exception {
        Path file = tradeDatabase();

        assertThat(HealthChecks.jdbc(sqlite(file, true), Duration.ofSeconds(5)).check().status())
                .isEqualTo(HealthStatus.HEALTHY);
        assertThat(HealthChecks.jdbc(sqlite(file, true), Duration.ofNanos(1)).check().status())
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void jdbc_on_a_deleted_database_file_fails() throws Exception {
        Path file = tradeDatabase();
        Files.delete(file);

        assertThatThrownBy(() -> HealthChecks.jdbc(sqlite(file, true), "SELECT 1 FROM trades", Duration.ofSeconds(1))
                .check()).isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void jdbc_on_a_locked_database_fails() throws Exception {
        Path file = tradeDatabase();
        try (Connection holder = sqlite(file, true).getConnection(); Statement s = holder.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");

            assertThatThrownBy(() -> HealthChecks.jdbc(sqlite(file, true), "SELECT count(*) FROM trades",
                    Duration.ofSeconds(1)).check()).isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("locked");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void jdbc_on_an_unreadable_file_fails() throws Exception {
        // Tests run as root here, so chmod 000 would not stop reads; a file that is not a database does.
        Path file = dir.resolve("corrupt.db");
        Files.write(file, "this is not a database file at all, just text".repeat(100).getBytes());

        assertThatThrownBy(() -> HealthChecks.jdbc(sqlite(file, true), "SELECT 1", Duration.ofSeconds(1)).check())
                .isInstanceOf(java.sql.SQLException.class);
    }

    private URI serve(int status, boolean hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ping", exchange -> {
            if (hang) {
                try {
                    release.await(10, TimeUnit.SECONDS); // a server that does not answer in time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping?apiKey=secret-key");
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void http_is_healthy_on_an_expected_status_and_never_shows_the_query_string() throws Exception {
        URI uri = serve(200, false);

        HealthResult result = HealthChecks.http(client, uri, Set.of(200), Duration.ofSeconds(2), Duration.ofSeconds(2))
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("status_code", 200);
        assertThat(result.details().get("endpoint").toString()).doesNotContain("secret-key").endsWith("/ping");
    }

    @Test
    void http_is_degraded_when_slower_than_its_threshold() throws Exception {
        URI uri = serve(204, false);

        HealthResult result = HealthChecks.http(client, uri, Set.of(200, 204), Duration.ofSeconds(2),
                Duration.ofNanos(1)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).get().asString().startsWith("slow:");
    }

    @Test
    void http_is_unhealthy_on_a_500() throws Exception {
        URI uri = serve(500, false);

        HealthResult result = HealthChecks.http(client, uri, Set.of(200), Duration.ofSeconds(2), Duration.ofSeconds(2))
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("unexpected status 500");
    }

    @Test
    void http_is_unhealthy_when_the_server_does_not_answer_in_time() throws Exception {
        URI uri = serve(200, true);

        HealthResult result = HealthChecks.http(client, uri, Set.of(200), Duration.ofMillis(200), Duration.ofSeconds(2))
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("no response within 200 ms");
    }

    @Test
    void http_and_tcp_are_unhealthy_when_the_port_is_closed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/ping");

        assertThat(HealthChecks.http(client, uri, Set.of(200), Duration.ofSeconds(1), Duration.ofSeconds(1)).check()
                .message()).get().asString().startsWith("request failed: ConnectException");
        assertThat(HealthChecks.tcp("127.0.0.1", port, Duration.ofSeconds(1)).check().status())
                .isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void tcp_is_healthy_when_the_port_accepts() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HealthResult result = HealthChecks.tcp("127.0.0.1", socket.getLocalPort(), Duration.ofSeconds(1)).check();

            assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void disk_space_follows_its_thresholds() throws Exception {
        assertThat(HealthChecks.diskSpace(dir, 0, 0).check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(HealthChecks.diskSpace(dir, Long.MAX_VALUE, 0).check().status()).isEqualTo(HealthStatus.DEGRADED);
        HealthResult full = HealthChecks.diskSpace(dir, Long.MAX_VALUE, Long.MAX_VALUE).check();
        assertThat(full.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(full.details()).containsKeys("free_bytes", "total_bytes", "free_percent");
        assertThatThrownBy(() -> HealthChecks.diskSpace(dir, 1, 2)).hasMessageContaining("degradedBelowBytes");
    }

    @Test
    void heap_and_system_load_follow_their_thresholds() throws Exception {
        assertThat(HealthChecks.heap(1.0, 1.0).check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(HealthChecks.heap(1e-9, 1e-9).check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(HealthChecks.systemLoad(1e6, 1e6).check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThatThrownBy(() -> HealthChecks.heap(0.9, 0.5)).hasMessageContaining("degradedAbove");
    }

    @Test
    void deadlocked_threads_are_found_and_named() throws Exception {
        assertThat(HealthChecks.deadlocks().check().status()).isEqualTo(HealthStatus.HEALTHY);
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread t1 = deadlocker("deadlock-1", a, b, bothHoldOne);
        Thread t2 = deadlocker("deadlock-2", b, a, bothHoldOne);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> HealthChecks.deadlocks().check().status() == HealthStatus.UNHEALTHY);
            assertThat(HealthChecks.deadlocks().check().details().get("threads").toString())
                    .contains("deadlock-1", "deadlock-2");
        } finally {
            t1.interrupt();
            t2.interrupt();
            t1.join(5_000);
            t2.join(5_000);
        }
    }

    private static Thread deadlocker(String name, ReentrantLock first, ReentrantLock second, CountDownLatch both) {
        Thread t = new Thread(() -> {
            try {
                first.lockInterruptibly();
                try {
                    both.countDown();
                    both.await();
                    second.lockInterruptibly();
                    second.unlock();
                } finally {
                    first.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void freshness_is_unhealthy_when_the_last_event_is_too_old_or_missing() throws Exception {
        MutableClock clock = MutableClock.start();
        Instant[] last = {clock.instant()};
        var check = HealthChecks.freshness(() -> last[0], Duration.ofHours(1), clock);

        clock.advance(Duration.ofMinutes(59));
        assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
        clock.advance(Duration.ofMinutes(2));
        assertThat(check.check().message()).contains("last event 3660s ago, older than 3600s");
        last[0] = null;
        assertThat(check.check().message()).contains("no event yet");
    }

    @Test
    void circuit_breaker_states_map_to_health() throws Exception {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        CircuitBreaker exchange = breakers.circuitBreaker("exchange");
        breakers.circuitBreaker("news");
        var one = HealthChecks.circuitBreaker(exchange);
        var all = HealthChecks.circuitBreakers(breakers);

        assertThat(one.check().status()).isEqualTo(HealthStatus.HEALTHY);
        exchange.transitionToOpenState();
        assertThat(one.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        HealthResult worst = all.check();
        assertThat(worst.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(worst.details()).containsEntry("exchange", "OPEN").containsEntry("news", "CLOSED");
        exchange.transitionToHalfOpenState();
        assertThat(one.check().status()).isEqualTo(HealthStatus.DEGRADED);
    }
}
