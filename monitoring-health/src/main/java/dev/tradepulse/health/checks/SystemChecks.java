package dev.tradepulse.health.checks;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import java.time.Clock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The checks of the machine and the JVM, and the generic ones (TCP, freshness). Each check is thread-safe. */
final class SystemChecks {

    private static final long MB = 1024 * 1024;

    private SystemChecks() {
    }

    static HealthCheck tcp(String host, int port, Duration timeout) {
        return () -> {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            } catch (IOException e) {
                return HealthResult.builder(HealthStatus.UNHEALTHY)
                        .message("cannot connect to " + host + ":" + port + ": " + e.getClass().getSimpleName())
                        .build();
            }
            return HealthResult.builder(HealthStatus.HEALTHY)
                    .detail("address", host + ":" + port)
                    .detail("connect_ms", (System.nanoTime() - start) / 1_000 / 1000.0)
                    .build();
        };
    }

    static HealthCheck diskSpace(Path path, long degradedBelow, long unhealthyBelow) {
        return () -> {
            FileStore store = Files.getFileStore(path);
            long free = store.getUsableSpace();
            long total = store.getTotalSpace();
            HealthStatus status = free < unhealthyBelow ? HealthStatus.UNHEALTHY
                    : free < degradedBelow ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
            HealthResult.Builder result = HealthResult.builder(status)
                    .detail("path", path.toString())
                    .detail("free_bytes", free)
                    .detail("total_bytes", total)
                    .detail("free_percent", total == 0 ? 0.0 : round(100.0 * free / total));
            if (status != HealthStatus.HEALTHY) {
                result.message("only " + free / MB + " MB free, below "
                        + (status == HealthStatus.UNHEALTHY ? unhealthyBelow : degradedBelow) / MB + " MB");
            }
            return result.build();
        };
    }

    static HealthCheck heap(double degradedAbove, double unhealthyAbove) {
        return () -> {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
            double used = (double) heap.getUsed() / max;
            HealthStatus status = used > unhealthyAbove ? HealthStatus.UNHEALTHY
                    : used > degradedAbove ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
            HealthResult.Builder result = HealthResult.builder(status)
                    .detail("used_bytes", heap.getUsed())
                    .detail("max_bytes", max)
                    .detail("used_percent", round(used * 100));
            if (status != HealthStatus.HEALTHY) {
                result.message(String.format(Locale.ROOT, "heap %.1f%% used", used * 100));
            }
            return result.build();
        };
    }

    static HealthCheck systemLoad(double degradedAbove, double unhealthyAbove) {
        return () -> {
            var os = ManagementFactory.getOperatingSystemMXBean();
            double load = os.getSystemLoadAverage();
            int cpus = os.getAvailableProcessors();
            if (load < 0) {
                return HealthResult.healthy("load average not available on this platform");
            }
            double perCpu = load / cpus;
            HealthStatus status = perCpu > unhealthyAbove ? HealthStatus.UNHEALTHY
                    : perCpu > degradedAbove ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
            HealthResult.Builder result = HealthResult.builder(status)
                    .detail("load_average", round(load))
                    .detail("processors", cpus)
                    .detail("load_per_cpu", round(perCpu));
            if (status != HealthStatus.HEALTHY) {
                result.message(String.format(Locale.ROOT, "load %.2f per CPU", perCpu));
            }
            return result.build();
        };
    }

    static HealthCheck deadlocks() {
        return () -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] ids = threads.findDeadlockedThreads();
            if (ids == null || ids.length == 0) {
                return HealthResult.healthy();
            }
            List<String> names = Arrays.stream(threads.getThreadInfo(ids))
                    .filter(info -> info != null)
                    .map(ThreadInfo::getThreadName)
                    .sorted()
                    .toList();
            return HealthResult.builder(HealthStatus.UNHEALTHY)
                    .message(ids.length + " deadlocked threads")
                    .detail("threads", names)
                    .build();
        };
    }

    static HealthCheck freshness(Supplier<@Nullable Instant> lastEvent, Duration maxAge, Clock clock) {
        return () -> {
            Instant last = lastEvent.get();
            if (last == null) {
                return HealthResult.unhealthy("no event yet");
            }
            Duration age = Duration.between(last, clock.instant());
            HealthResult.Builder result = HealthResult.builder(age.compareTo(maxAge) > 0 ? HealthStatus.UNHEALTHY
                    : HealthStatus.HEALTHY)
                    .detail("last_event", last.toString())
                    .detail("age_seconds", round(age.toMillis() / 1000.0));
            if (age.compareTo(maxAge) > 0) {
                result.message("last event " + age.toSeconds() + "s ago, older than " + maxAge.toSeconds() + "s");
            }
            return result.build();
        };
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
