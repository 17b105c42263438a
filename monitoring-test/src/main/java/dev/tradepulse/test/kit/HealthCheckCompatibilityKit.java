package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HealthCheck} should do, as a test class to extend. The registry forgives a
 * check that hangs or returns null, but a good check answers within its own deadline: a working
 * component with a result (never null), a failing one with a status that is not healthy and a
 * message, or with an exception (the SPI allows both; the registry turns it into unhealthy) whose
 * message says why. It shows no stack trace, keeps secrets out of messages, details and its
 * {@code toString}, and can run on several threads at once (a registry round and an on-demand
 * request may overlap).
 *
 * <pre>{@code
 * class MyCheckTest extends HealthCheckCompatibilityKit {
 *     protected HealthCheck healthyCheck() { return MyCheck.against(realServer.uri()); }
 *     protected HealthCheck failingCheck() { return MyCheck.against(closedPort.uri()); }
 *     protected List<String> secrets() { return List.of("db-password"); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh instance; JUnit runs the tests of one instance on one thread.
 */
public abstract class HealthCheckCompatibilityKit {

    /** Subclasses are instantiated by JUnit. */
    protected HealthCheckCompatibilityKit() {
    }

    /**
     * A check against a working component: it must answer {@link HealthStatus#HEALTHY} (or
     * {@link #healthyStatuses()}).
     *
     * @return the check
     */
    protected abstract HealthCheck healthyCheck();

    /**
     * A check against a failing component (a closed port, a stopped database), or null if the
     * test cannot make one; it must answer with something other than healthy.
     *
     * @return the check, or null to skip the failing cases
     */
    protected @Nullable HealthCheck failingCheck() {
        return null;
    }

    /**
     * What the checks were given that must never show: passwords, tokens, secret URLs.
     *
     * @return the secrets; empty by default
     */
    protected List<String> secrets() {
        return List.of();
    }

    /**
     * The statuses a working component may report; {@code HEALTHY} unless overridden (a check of
     * the machine's own load may be honest to say {@code DEGRADED} on a busy build machine).
     *
     * @return the statuses
     */
    protected List<HealthStatus> healthyStatuses() {
        return List.of(HealthStatus.HEALTHY);
    }

    /**
     * The longest one {@code check()} may take: the check's own timeout plus a margin. Five
     * seconds unless overridden.
     *
     * @return the deadline
     */
    protected Duration checkDeadline() {
        return Duration.ofSeconds(5);
    }

    private HealthResult runWithinDeadline(HealthCheck check) {
        HealthResult result = assertTimeoutPreemptively(checkDeadline(), check::check,
                "check() must end within " + checkDeadline());
        assertThat(result).as("check() returned null").isNotNull();
        return result;
    }

    /** A failing check's outcome: the result it returned, or the exception it threw (the SPI allows either). */
    private Object failWithinDeadline(HealthCheck check) {
        Object outcome = assertTimeoutPreemptively(checkDeadline(), () -> {
            try {
                return check.check();
            } catch (Exception e) {
                return e;
            }
        }, "check() must end within " + checkDeadline());
        assertThat(outcome).as("check() returned null").isNotNull();
        return outcome;
    }

    private HealthCheck failing() {
        HealthCheck check = failingCheck();
        Assumptions.assumeTrue(check != null, "this test provides no failing check");
        return Objects.requireNonNull(check);
    }

    @Test
    void a_working_component_is_reported_healthy_within_the_deadline() {
        HealthResult result = runWithinDeadline(healthyCheck());

        assertThat(result.status()).as("status of %s", result).isIn(healthyStatuses());
    }

    @Test
    void a_failing_component_is_reported_not_healthy_or_by_an_exception_within_the_deadline() {
        Object outcome = failWithinDeadline(failing());

        if (outcome instanceof HealthResult result) {
            assertThat(result.status()).as("status against a failing component").isNotEqualTo(HealthStatus.HEALTHY);
            assertThat(result.message()).as("an operator is told why").isPresent();
        } else {
            assertThat(((Exception) outcome).getMessage()).as("the exception tells an operator why").isNotBlank();
        }
    }

    @Test
    void a_failure_is_described_without_a_stack_trace() {
        Object outcome = failWithinDeadline(failing());

        String text = outcome instanceof HealthResult result ? describe(result)
                : String.valueOf(((Exception) outcome).getMessage());
        assertThat(text).as("what an operator is shown").doesNotContain("\tat ");
    }

    @Test
    void no_secret_shows_in_results_or_to_string() {
        List<Object> shown = new ArrayList<>();
        HealthCheck healthy = healthyCheck();
        shown.add(healthy.toString());
        shown.add(describe(runWithinDeadline(healthy)));
        HealthCheck failing = failingCheck();
        if (failing != null) {
            shown.add(failing.toString());
            Object outcome = failWithinDeadline(failing);
            shown.add(outcome instanceof HealthResult result ? describe(result) : outcome.toString());
        }
        for (Object text : shown) {
            for (String secret : secrets()) {
                assertThat(text.toString()).doesNotContain(secret);
            }
        }
    }

    private static String describe(HealthResult result) {
        return result + " " + result.message().orElse("") + " " + flatten(result.details());
    }

    private static String flatten(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder();
            map.forEach((k, v) -> b.append(k).append('=').append(flatten(Objects.requireNonNull(v))).append(' '));
            return b.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder();
            list.forEach(v -> b.append(flatten(Objects.requireNonNull(v))).append(' '));
            return b.toString();
        }
        return String.valueOf(value);
    }

    @Test
    void it_can_run_on_several_threads_at_once() throws InterruptedException {
        HealthCheck check = healthyCheck();
        int threads = 4;
        List<HealthStatus> statuses = new CopyOnWriteArrayList<>();

        List<@Nullable Throwable> failures = Concurrently.run(threads, checkDeadline().multipliedBy(2), i -> {
            HealthResult result = check.check();
            assertThat(result).as("check() returned null").isNotNull();
            statuses.add(result.status());
        });

        assertThat(failures).as("what the concurrent checks threw").containsOnlyNulls();
        assertThat(statuses).hasSize(threads).allSatisfy(s -> assertThat(s).isIn(healthyStatuses()));
    }
}
