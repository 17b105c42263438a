package dev.tradepulse.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HealthRegistry registry = HealthRegistry.builder().meterRegistry(meters).build();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() {
        never.countDown();
        registry.close();
    }

    private static CheckOptions.Builder options() {
        return CheckOptions.builder();
    }

    @Test
    void an_empty_registry_is_healthy() {
        HealthReport report = registry.check();

        assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(report.components()).isEmpty();
    }

    @Test
    void a_critical_unhealthy_component_makes_the_report_unhealthy() {
        registry.register("exchange", HealthResult::healthy);
        registry.register("database", () -> HealthResult.unhealthy("down"));

        assertThat(registry.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void a_non_critical_unhealthy_or_any_degraded_component_only_degrades_the_report() {
        registry.register("cache", () -> HealthResult.unhealthy("cold"), options().nonCritical().build());
        assertThat(registry.check().status()).isEqualTo(HealthStatus.DEGRADED);

        registry.unregister("cache");
        registry.register("latency", () -> HealthResult.degraded("slow"));
        assertThat(registry.check().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void a_check_that_throws_or_returns_null_is_unhealthy_with_the_exception_class_and_message() {
        registry.register("throws", () -> {
            throw new IllegalStateException("feed lost");
        });
        registry.register("null", () -> null);

        HealthReport report = registry.check();

        HealthResult thrown = report.components().get("throws").result();
        assertThat(thrown.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(thrown.message()).contains("IllegalStateException: feed lost");
        assertThat(report.components().get("null").result().message()).contains("check returned null");
    }

    @Test
    void checks_run_in_parallel() {
        int n = 6;
        CyclicBarrier allAtOnce = new CyclicBarrier(n);
        for (int i = 0; i < n; i++) {
            registry.register("c" + i, () -> {
                // Only passes if all six run at the same time.
                allAtOnce.await(5, TimeUnit.SECONDS);
                return HealthResult.healthy();
            }, options().timeout(Duration.ofSeconds(10)).build());
        }

        assertThat(registry.check().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void a_hung_check_times_out_without_being_waited_for_and_is_never_started_twice() {
        int threadsBefore = Thread.activeCount();
        AtomicInteger started = new AtomicInteger();
        try (HealthRegistry bounded = HealthRegistry.builder().workers(4).build()) {
            bounded.register("hung", () -> {
                started.incrementAndGet();
                never.await();
                return HealthResult.healthy();
            }, options().timeout(Duration.ofMillis(200)).build());
            bounded.register("fine", HealthResult::healthy);

            long begin = System.nanoTime();
            HealthReport first = bounded.check();
            long firstMillis = (System.nanoTime() - begin) / 1_000_000;
            int maxThreads = 0;
            for (int i = 0; i < 200; i++) {
                bounded.check();
                maxThreads = Math.max(maxThreads, Thread.activeCount());
            }

            assertThat(first.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(first.components().get("hung").result().message()).contains("timed out after 200ms");
            assertThat(first.components().get("fine").result().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(firstMillis).isBetween(150L, 2_000L);
            assertThat(started).as("the hung check is never started again").hasValue(1);
            // However often health is asked, threads stay within the pool's bound (4 workers).
            assertThat(maxThreads).isLessThanOrEqualTo(threadsBefore + 4);
        }
    }

    @Test
    void a_cached_check_refreshes_in_the_background_and_reads_answer_at_once() {
        AtomicInteger runs = new AtomicInteger();
        registry.register("feed", () -> {
            runs.incrementAndGet();
            return HealthResult.healthy("tick");
        }, options().refreshEvery(Duration.ofHours(1)).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> registry.check().components().get("feed").result()
                .status() == HealthStatus.HEALTHY);
        for (int i = 0; i < 10; i++) {
            registry.check();
        }

        assertThat(runs).hasValue(1);
    }

    @Test
    void a_cached_check_not_yet_run_reports_its_initial_status_or_unhealthy() {
        registry.register("slowstart", () -> {
            never.await();
            return HealthResult.healthy();
        }, options().refreshEvery(Duration.ofHours(1)).initialStatus(HealthStatus.DEGRADED).build());
        registry.register("cold", () -> {
            never.await();
            return HealthResult.healthy();
        }, options().refreshEvery(Duration.ofHours(1)).timeout(Duration.ofHours(1)).build());

        HealthReport report = registry.check();

        assertThat(report.components().get("slowstart").result().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.components().get("cold").result().message()).contains("not checked yet");
    }

    /** A check that returns a scripted sequence of statuses. */
    private static HealthCheck scripted(HealthStatus... statuses) {
        Deque<HealthStatus> queue = new ArrayDeque<>(List.of(statuses));
        return () -> HealthResult.builder(queue.isEmpty() ? HealthStatus.HEALTHY : queue.poll()).build();
    }

    @Test
    void flap_damping_needs_consecutive_failures_to_turn_bad_and_consecutive_successes_to_recover() {
        HealthStatus h = HealthStatus.HEALTHY;
        HealthStatus u = HealthStatus.UNHEALTHY;
        List<String> changes = new CopyOnWriteArrayList<>();
        registry.addListener(new HealthListener() {
            @Override
            public void onComponentChange(String name, HealthStatus previous, HealthResult current) {
                changes.add(name + ": " + previous + " -> " + current.status());
            }
        });
        registry.register("exchange", scripted(h, u, u, h, u, u, u, h, u, h, h), options().damping(3, 2).build());

        List<HealthStatus> reported = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            reported.add(registry.check().components().get("exchange").result().status());
        }

        assertThat(reported).containsExactly(h, h, h, h, h, h, u, u, u, u, h);
        assertThat(changes).containsExactly("exchange: HEALTHY -> UNHEALTHY", "exchange: UNHEALTHY -> HEALTHY");
    }

    @Test
    void the_initial_status_is_where_damping_starts() {
        registry.register("venue", scripted(HealthStatus.UNHEALTHY, HealthStatus.UNHEALTHY),
                options().damping(2, 1).initialStatus(HealthStatus.HEALTHY).build());

        assertThat(registry.check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(registry.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void groups_select_their_members_and_an_empty_group_is_healthy() {
        registry.register("process", HealthResult::healthy, options().groups(HealthRegistry.LIVENESS).build());
        registry.register("exchange", () -> HealthResult.unhealthy("down"),
                options().groups(HealthRegistry.READINESS, "trading").build());

        assertThat(registry.check(HealthRegistry.LIVENESS).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(registry.check(HealthRegistry.READINESS).components()).containsOnlyKeys("exchange");
        assertThat(registry.check("trading").status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(registry.check("nobody").components()).isEmpty();
        assertThat(registry.hasGroup("trading")).isTrue();
        assertThat(registry.hasGroup("nobody")).isFalse();
    }

    @Test
    void overall_changes_reach_listeners_and_a_throwing_listener_harms_nothing() {
        List<String> overall = new CopyOnWriteArrayList<>();
        registry.addListener(new HealthListener() {
            @Override
            public void onOverallChange(HealthStatus previous, HealthReport current) {
                throw new IllegalStateException("listener bug");
            }
        });
        registry.addListener(new HealthListener() {
            @Override
            public void onOverallChange(HealthStatus previous, HealthReport current) {
                overall.add(previous + " -> " + current.status());
            }
        });
        registry.register("db", scripted(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, HealthStatus.HEALTHY));

        registry.check();
        registry.check();
        registry.check();

        assertThat(overall).containsExactly("HEALTHY -> UNHEALTHY", "UNHEALTHY -> HEALTHY");
    }

    @Test
    void status_and_duration_are_published_as_meters_and_removed_on_unregister() {
        registry.register("db", () -> HealthResult.degraded("slow"));
        registry.check();

        assertThat(meters.get("tradepulse.health.status").tag("component", "db").gauge().value()).isEqualTo(0.5);
        assertThat(meters.get("tradepulse.health.check.duration").tag("component", "db").timer().count()).isEqualTo(1);

        assertThat(registry.unregister("db")).isTrue();
        assertThat(meters.find("tradepulse.health.status").gauges()).isEmpty();
        assertThat(registry.unregister("db")).isFalse();
    }

    @Test
    void register_and_unregister_race_safely_with_running_checks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    String name = "c" + id + "-" + (i % 7);
                    registry.register(name, HealthResult::healthy);
                    if (i % 3 == 0) {
                        registry.unregister(name);
                    }
                }
                return null;
            }));
        }
        for (int t = 0; t < 2; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    assertThat(registry.check().status()).isEqualTo(HealthStatus.HEALTHY);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(registry.check().components().keySet()).isEqualTo(registry.names());
    }

    @Test
    void bad_registrations_are_rejected_naming_the_parameter() {
        assertThatThrownBy(() -> registry.register(null, HealthResult::healthy)).hasMessage("name must not be null");
        assertThatThrownBy(() -> registry.register("bad name", HealthResult::healthy))
                .hasMessageContaining("name must be letters, digits");
        assertThatThrownBy(() -> registry.register("db", null)).hasMessage("check must not be null");
        assertThatThrownBy(() -> options().timeout(Duration.ZERO)).hasMessage("timeout must be positive, but was PT0S");
        assertThatThrownBy(() -> options().damping(0, 1)).hasMessage("failureAttempts must be at least 1, got 0");
        assertThatThrownBy(() -> options().groups("a/b")).hasMessageContaining("groups must be words");
    }
}
