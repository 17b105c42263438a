package dev.tradepulse.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The component model: a config object, one clock type, MeterBinder, and the lifecycle rule. */
class HealthComponentModelTest {

    @Test
    void the_config_object_has_defaults_a_copy_constructor_and_is_what_the_registry_reports() {
        HealthRegistryConfig defaults = HealthRegistryConfig.ofDefaults();
        assertThat(defaults.workers()).isEqualTo(32);
        assertThat(defaults.checkDefaults()).isSameAs(CheckOptions.DEFAULTS);
        assertThat(defaults.closeTimeout()).isEqualTo(Duration.ofSeconds(5));

        HealthRegistryConfig config = HealthRegistryConfig.custom().workers(4)
                .checkDefaults(CheckOptions.custom().nonCritical().timeout(Duration.ofSeconds(1)).build())
                .build();
        HealthRegistryConfig changed = HealthRegistryConfig.from(config).workers(2).build();

        assertThat(changed.workers()).isEqualTo(2);
        assertThat(changed.checkDefaults().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.workers()).as("the original is unchanged").isEqualTo(4);
        try (HealthRegistry registry = HealthRegistry.builder().config(changed).build()) {
            assertThat(registry.config().workers()).isEqualTo(2);
            registry.register("feed", () -> HealthResult.unhealthy("stale"));

            HealthReport report = registry.check();

            assertThat(report.components().get("feed").criticality())
                    .as("a check registered without options gets the configured defaults")
                    .isEqualTo(Criticality.NON_CRITICAL);
            assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        }
        assertThat(changed.toString()).contains("workers=2", "timeout=PT1S");
    }

    @Test
    void check_options_copy_from_an_existing_one() {
        CheckOptions base = CheckOptions.custom().groups(HealthRegistry.READINESS).damping(3, 2).build();

        CheckOptions copy = CheckOptions.from(base).timeout(Duration.ofMillis(300)).build();

        assertThat(copy.groups()).containsExactly(HealthRegistry.READINESS);
        assertThat(copy.failureAttempts()).isEqualTo(3);
        assertThat(copy.successAttempts()).isEqualTo(2);
        assertThat(copy.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(base.timeout()).isEqualTo(CheckOptions.DEFAULT_TIMEOUT);
        assertThat(CheckOptions.ofDefaults()).isSameAs(CheckOptions.DEFAULTS);
    }

    @Test
    void settings_are_checked_and_name_the_parameter() {
        assertThatThrownBy(() -> HealthRegistryConfig.custom().workers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> HealthRegistryConfig.custom().closeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> HealthRegistryConfig.custom().checkDefaults(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("options");
        assertThatThrownBy(() -> HealthRegistry.builder().config(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("config");
        assertThatThrownBy(() -> HealthRegistry.builder().clock(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("clock");
    }

    @Test
    void timestamps_and_durations_come_from_the_injected_java_time_clock() {
        MutableClock clock = MutableClock.start();
        try (HealthRegistry registry = HealthRegistry.builder().clock(clock).build()) {
            registry.register("feed", HealthResult::healthy);

            HealthReport report = registry.check();

            assertThat(report.timestamp()).isEqualTo(clock.instant());
            HealthResult result = report.components().get("feed").result();
            assertThat(result.checkedAt()).isEqualTo(clock.instant());
            assertThat(result.duration()).as("the clock stood still").isZero();
        }
    }

    @Test
    void meters_bind_through_meter_binder_for_checks_registered_before_and_after() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (HealthRegistry registry = HealthRegistry.builder().build()) {
            registry.register("before", HealthResult::healthy);
            registry.bindTo(meters);
            registry.bindTo(meters); // twice: still one set of meters
            registry.register("after", () -> HealthResult.unhealthy("down"));

            registry.check();

            assertThat(meters.get("tradepulse.health.status").tag("component", "before").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("tradepulse.health.status").tag("component", "after").gauge().value()).isZero();
            assertThat(meters.get("tradepulse.health.check.duration").tag("component", "before").timer().count())
                    .isEqualTo(1);
            registry.unregister("after");
            assertThat(meters.find("tradepulse.health.status").tag("component", "after").gauge()).isNull();
        }
    }

    @Test
    void close_is_idempotent_stops_its_threads_and_a_closed_registry_refuses_new_checks() throws Exception {
        Set<Thread> earlier = Set.copyOf(Thread.getAllStackTraces().keySet());
        HealthRegistry registry = HealthRegistry.builder().build();
        CountDownLatch running = new CountDownLatch(1);
        registry.register("slow", () -> {
            running.countDown();
            Thread.sleep(60_000); // interrupted by close()
            return HealthResult.healthy();
        }, CheckOptions.custom().refreshEvery(Duration.ofMinutes(1)).build());
        registry.register("on-demand", HealthResult::healthy);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tradepulse-health-") && !earlier.contains(t)).toList();
        assertThat(threads).extracting(Thread::getName)
                .anyMatch(n -> n.matches("tradepulse-health-\\d+"))
                .anyMatch(n -> n.matches("tradepulse-health-refresh-\\d+"));

        registry.close();
        registry.close();

        for (Thread t : threads) {
            t.join(5_000);
        }
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThatThrownBy(() -> registry.register("late", HealthResult::healthy))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(registry.check().components().get("on-demand").result().message())
                .contains("not run: the registry is closed");
    }

    @Test
    void a_listener_that_fails_on_every_change_is_logged_at_a_bounded_rate() {
        Logger logger = (Logger) LoggerFactory.getLogger(HealthRegistry.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.WARN);
        logger.setAdditive(false);
        try (HealthRegistry registry = HealthRegistry.builder().build()) {
            AtomicInteger runs = new AtomicInteger();
            registry.addListener(new HealthListener() {
                @Override
                public void onComponentChange(String name, HealthStatus previous, HealthResult current) {
                    throw new IllegalStateException("listener bug");
                }
            });
            registry.register("flappy", () -> runs.incrementAndGet() % 2 == 1 ? HealthResult.healthy()
                    : HealthResult.degraded("slow"));

            for (int i = 0; i < 200; i++) {
                registry.check();
            }

            List<String> failures = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("Health listener")).toList();
            assertThat(runs).hasValue(200);
            assertThat(failures).as("199 failures, one line").hasSize(1);
            assertThat(failures.get(0)).contains("listener bug");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
            logger.setAdditive(true);
        }
    }
}
