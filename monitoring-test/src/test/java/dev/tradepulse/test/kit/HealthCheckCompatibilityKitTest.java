package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The health-check kit passes a check that keeps the contract and fails each way of breaking it. */
class HealthCheckCompatibilityKitTest {

    @Test
    void a_check_that_keeps_the_contract_passes_every_test() {
        KitRun run = KitRun.of(GoodCheck.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).isEmpty();
        assertThat(run.passed()).hasSize(5);
    }

    @Test
    void without_a_failing_check_the_failing_cases_are_skipped_not_passed() {
        KitRun run = KitRun.of(NoFailingCheck.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).containsExactlyInAnyOrder("a_failing_component_is_reported_not_healthy_or_by_an_exception_within_the_deadline",
                "a_failure_is_described_without_a_stack_trace");
    }

    @Test
    void a_check_that_leaks_a_stack_trace_and_a_password_fails_those_tests() {
        KitRun run = KitRun.of(LeakyCheck.class);

        assertThat(run.failed()).containsExactlyInAnyOrder("a_failure_is_described_without_a_stack_trace",
                "no_secret_shows_in_results_or_to_string");
    }

    @Test
    void a_check_that_hangs_or_returns_null_fails() {
        assertThat(KitRun.of(HangingCheck.class).failed()).contains(
                "a_failing_component_is_reported_not_healthy_or_by_an_exception_within_the_deadline", "a_failure_is_described_without_a_stack_trace");
        assertThat(KitRun.of(NullCheck.class).failed()).contains(
                "a_working_component_is_reported_healthy_within_the_deadline", "it_can_run_on_several_threads_at_once");
    }

    @Test
    void a_check_that_throws_for_a_failing_component_passes_but_not_with_a_secret_in_the_message() {
        assertThat(KitRun.of(ThrowingCheck.class).failed()).isEmpty();
        assertThat(KitRun.of(ThrowingLeakyCheck.class).failed()).containsExactly("no_secret_shows_in_results_or_to_string");
    }

    @Test
    void a_check_that_says_healthy_against_a_failing_component_fails() {
        assertThat(KitRun.of(AlwaysHealthy.class).failed())
                .containsExactly("a_failing_component_is_reported_not_healthy_or_by_an_exception_within_the_deadline");
    }

    @Test
    void a_check_that_cannot_run_twice_at_once_fails_the_thread_safety_test() {
        assertThat(KitRun.of(SingleCallerCheck.class).failed()).containsExactly("it_can_run_on_several_threads_at_once");
    }

    @Tag(KitRun.FIXTURE) // run only through KitRun, never by the build itself
    static class GoodCheck extends HealthCheckCompatibilityKit {
        @Override
        protected HealthCheck healthyCheck() {
            return HealthResult::healthy;
        }

        @Override
        protected HealthCheck failingCheck() {
            return () -> HealthResult.unhealthy("connection refused");
        }

        @Override
        protected List<String> secrets() {
            return List.of("hunter2");
        }
    }

    static class NoFailingCheck extends GoodCheck {
        @Override
        protected @Nullable HealthCheck failingCheck() {
            return null;
        }
    }

    static class LeakyCheck extends GoodCheck {
        @Override
        protected HealthCheck failingCheck() {
            return () -> {
                StringWriter trace = new StringWriter();
                new IOException("refused").printStackTrace(new PrintWriter(trace));
                // a detail value is not redacted by name, so the kit must look inside details
                return HealthResult.builder(HealthStatus.UNHEALTHY).message("down")
                        .detail("trace", trace.toString()).detail("dsn", "jdbc:pg://db/x?pw=hunter2").build();
            };
        }
    }

    static class ThrowingCheck extends GoodCheck {
        @Override
        protected HealthCheck failingCheck() {
            return () -> {
                throw new IOException("connection refused by db:5432");
            };
        }
    }

    static class ThrowingLeakyCheck extends GoodCheck {
        @Override
        protected HealthCheck failingCheck() {
            return () -> {
                throw new IOException("login failed for user trader with password hunter2");
            };
        }
    }

    static class AlwaysHealthy extends GoodCheck {
        @Override
        protected HealthCheck failingCheck() {
            return HealthResult::healthy;
        }
    }

    static class HangingCheck extends GoodCheck {
        @Override
        protected HealthCheck failingCheck() {
            return () -> {
                new CountDownLatch(1).await();
                return HealthResult.unhealthy("never");
            };
        }

        @Override
        protected Duration checkDeadline() {
            return Duration.ofMillis(200);
        }
    }

    static class NullCheck extends GoodCheck {
        @Override
        protected HealthCheck healthyCheck() {
            return () -> null;
        }
    }

    static class SingleCallerCheck extends GoodCheck {
        @Override
        protected HealthCheck healthyCheck() {
            AtomicBoolean busy = new AtomicBoolean();
            CountDownLatch overlapped = new CountDownLatch(1);
            return () -> {
                if (!busy.compareAndSet(false, true)) {
                    overlapped.countDown();
                    throw new IllegalStateException("already checking");
                }
                try {
                    // holds the check open until a second caller came (at most a second, for a lone caller)
                    overlapped.await(1, TimeUnit.SECONDS);
                    return HealthResult.healthy();
                } finally {
                    busy.set(false);
                }
            };
        }
    }
}
