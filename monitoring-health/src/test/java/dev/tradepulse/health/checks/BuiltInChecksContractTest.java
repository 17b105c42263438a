package dev.tradepulse.health.checks;

import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.test.kit.HealthCheckCompatibilityKit;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/** Every built-in check keeps the health-check contract of monitoring-test's kit, against real parts. */
class BuiltInChecksContractTest {

    /** A port nothing listens on: bound, then closed. */
    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class Jdbc extends HealthCheckCompatibilityKit {
        @TempDir
        Path dir;

        private SQLiteDataSource sqlite(Path file) {
            SQLiteConfig config = new SQLiteConfig();
            config.setOpenMode(SQLiteOpenMode.READWRITE); // without CREATE: a missing file is an error
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + file);
            return ds;
        }

        @Override
        protected HealthCheck healthyCheck() {
            Path file = dir.resolve("trades.db");
            if (!Files.exists(file)) {
                SQLiteDataSource create = new SQLiteDataSource();
                create.setUrl("jdbc:sqlite:" + file);
                try (Connection c = create.getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE trades (id INTEGER)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return HealthChecks.jdbc(sqlite(file), "SELECT count(*) FROM trades", Duration.ofSeconds(5));
        }

        @Override
        protected HealthCheck failingCheck() {
            return HealthChecks.jdbc(sqlite(dir.resolve("missing.db")), "SELECT count(*) FROM trades",
                    Duration.ofSeconds(1));
        }
    }

    @Nested
    class Http extends HealthCheckCompatibilityKit {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private HttpServer server;

        @AfterEach
        void stop() {
            if (server != null) {
                server.stop(0);
            }
            executor.shutdownNow();
        }

        @Override
        protected HealthCheck healthyCheck() {
            try {
                if (server == null) {
                    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                    server.createContext("/ping", exchange -> {
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                    });
                    server.setExecutor(executor);
                    server.start();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping?apiKey=secret-key");
            return HealthChecks.http(client, uri, Set.of(200), Duration.ofSeconds(2), Duration.ofSeconds(2));
        }

        @Override
        protected HealthCheck failingCheck() {
            URI uri = URI.create("http://127.0.0.1:" + closedPort() + "/ping?apiKey=secret-key");
            return HealthChecks.http(client, uri, Set.of(200), Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        @Override
        protected List<String> secrets() {
            return List.of("secret-key");
        }
    }

    @Nested
    class Tcp extends HealthCheckCompatibilityKit {
        private ServerSocket listening;

        @AfterEach
        void stop() throws IOException {
            if (listening != null) {
                listening.close();
            }
        }

        @Override
        protected HealthCheck healthyCheck() {
            try {
                if (listening == null) {
                    listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return HealthChecks.tcp("127.0.0.1", listening.getLocalPort(), Duration.ofSeconds(1));
        }

        @Override
        protected HealthCheck failingCheck() {
            return HealthChecks.tcp("127.0.0.1", closedPort(), Duration.ofSeconds(1));
        }
    }

    @Nested
    class DiskSpace extends HealthCheckCompatibilityKit {
        @TempDir
        Path dir;

        @Override
        protected HealthCheck healthyCheck() {
            return HealthChecks.diskSpace(dir, 0, 0);
        }

        @Override
        protected HealthCheck failingCheck() {
            return HealthChecks.diskSpace(dir, Long.MAX_VALUE, Long.MAX_VALUE);
        }
    }

    @Nested
    class Heap extends HealthCheckCompatibilityKit {
        @Override
        protected HealthCheck healthyCheck() {
            return HealthChecks.heap(1.0, 1.0);
        }

        @Override
        protected HealthCheck failingCheck() {
            return HealthChecks.heap(1e-9, 1e-9);
        }
    }

    @Nested
    class SystemLoad extends HealthCheckCompatibilityKit {
        @Override
        protected HealthCheck healthyCheck() {
            return HealthChecks.systemLoad(1e6, 1e6);
        }
    }

    @Nested
    class Deadlocks extends HealthCheckCompatibilityKit {
        @Override
        protected HealthCheck healthyCheck() {
            return HealthChecks.deadlocks();
        }
    }

    @Nested
    class Breaker extends HealthCheckCompatibilityKit {
        @Override
        protected HealthCheck healthyCheck() {
            return HealthChecks.circuitBreaker(CircuitBreaker.ofDefaults("exchange"));
        }

        @Override
        protected HealthCheck failingCheck() {
            CircuitBreaker open = CircuitBreaker.ofDefaults("exchange");
            open.transitionToOpenState();
            return HealthChecks.circuitBreaker(open);
        }

        @Override
        protected List<HealthStatus> healthyStatuses() {
            return List.of(HealthStatus.HEALTHY);
        }
    }
}
