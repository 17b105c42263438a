package dev.tradepulse.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Checks and listeners that break in the worst ways: errors, sneaky exceptions, forged log lines. */
class HealthRegistryFaultsTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();

    @AfterEach
    void close() {
        registry.close();
    }

    /** Fails once with the given throwable, then is healthy. */
    private static HealthCheck failingOnce(Throwable failure, AtomicInteger runs) {
        return () -> {
            if (runs.incrementAndGet() == 1) {
                throw sneaky(failure);
            }
            return HealthResult.healthy("back");
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static CheckOptions shortTimeout() {
        return CheckOptions.builder().timeout(Duration.ofMillis(500)).build();
    }

    @Test
    void a_check_that_overflows_its_stack_once_is_unhealthy_with_the_error_and_the_next_round_runs_it_afresh() {
        AtomicInteger runs = new AtomicInteger();
        registry.register("deep", failingOnce(new StackOverflowError(), runs), shortTimeout());

        HealthResult first = registry.check().components().get("deep").result();
        HealthResult second = registry.check().components().get("deep").result();

        assertThat(first.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(first.message()).contains("StackOverflowError");
        assertThat(second.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(second.message()).contains("back");
        assertThat(runs).hasValue(2);
    }

    @Test
    void out_of_memory_and_sneaky_checked_throwables_from_a_check_are_results_too() {
        AtomicInteger oomRuns = new AtomicInteger();
        AtomicInteger throwableRuns = new AtomicInteger();
        registry.register("oom", failingOnce(new OutOfMemoryError("Java heap space"), oomRuns), shortTimeout());
        registry.register("odd", failingOnce(new Throwable("not even an exception"), throwableRuns), shortTimeout());

        HealthReport first = registry.check();
        HealthReport second = registry.check();

        assertThat(first.components().get("oom").result().message()).contains("OutOfMemoryError: Java heap space");
        assertThat(first.components().get("odd").result().message()).contains("Throwable: not even an exception");
        assertThat(second.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void a_listener_that_throws_an_error_neither_stalls_the_check_nor_reaches_the_caller() {
        AtomicInteger runs = new AtomicInteger();
        registry.addListener(new HealthListener() {
            @Override
            public void onComponentChange(String name, HealthStatus previous, HealthResult current) {
                throw new AssertionError("listener bug");
            }

            @Override
            public void onOverallChange(HealthStatus previous, HealthReport current) {
                throw new StackOverflowError();
            }
        });
        registry.register("feed", () -> runs.incrementAndGet() % 2 == 1 ? HealthResult.healthy()
                : HealthResult.unhealthy("stale"), shortTimeout());

        HealthStatus first = registry.check().status();
        HealthReport second = registry.check();
        HealthReport third = registry.check();

        assertThat(first).isEqualTo(HealthStatus.HEALTHY);
        assertThat(second.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(second.components().get("feed").result().message()).contains("stale");
        assertThat(third.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(runs).hasValue(3);
    }

    @Test
    void a_transition_log_line_escapes_terminal_escapes_and_unicode_line_breaks() {
        Logger logger = (Logger) LoggerFactory.getLogger(HealthRegistry.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        try {
            AtomicInteger runs = new AtomicInteger();
            registry.register("feed", () -> runs.incrementAndGet() == 1 ? HealthResult.healthy()
                    : HealthResult.unhealthy("a\u001b[2Jb\u0085INFO forged\u2028c\r\nd"));

            registry.check();
            registry.check();

            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).containsExactly(
                    "Health of 'feed' is now UNHEALTHY (was HEALTHY): a\\u001b[2Jb\\u0085INFO forged\\u2028c\\r\\nd");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
            logger.setAdditive(true);
        }
    }
}
