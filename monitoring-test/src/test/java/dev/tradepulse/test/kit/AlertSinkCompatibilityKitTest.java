package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sink kit fails sinks that break the contract. (The built-in sinks of monitoring-alerts are
 * the implementations that pass it; their tests extend this kit.)
 */
class AlertSinkCompatibilityKitTest {

    @Test
    void a_sink_that_throws_plain_exceptions_with_its_token_fails_every_delivery_test() {
        KitRun run = KitRun.of(LeakySinkKit.class);

        assertThat(run.passed()).containsExactly("closing_it_twice_is_harmless");
        assertThat(run.failed()).contains("its_name_is_short_stable_and_url_safe",
                "it_delivers_hostile_and_oversized_text_without_failing", "it_delivers_from_several_threads_at_once",
                "a_failing_provider_surfaces_as_a_sink_exception_without_secrets",
                "a_rejected_message_is_a_permanent_failure_without_secrets",
                "a_day_long_retry_after_is_reported_as_a_retryable_failure_with_the_wait",
                "a_huge_response_body_is_not_read_to_the_end", "a_dripping_body_ends_at_the_sinks_deadline",
                "a_reset_connection_is_a_retryable_failure").hasSize(11);
    }

    @Test
    void a_sink_that_ignores_its_deadline_fails_within_the_deadline_plus_the_margin() {
        long start = System.nanoTime();

        KitRun run = KitRun.of(HangingSinkKit.class, "a_reset_connection_is_a_retryable_failure");

        assertThat(run.failed()).containsExactly("a_reset_connection_is_a_retryable_failure");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the kit gave up on the sink")
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void a_sink_that_never_closes_the_delivery_fails_the_ordinary_cases_too() {
        KitRun run = KitRun.of(HangingSinkKit.class, "it_delivers_hostile_and_oversized_text_without_failing");

        assertThat(run.failed()).containsExactly("it_delivers_hostile_and_oversized_text_without_failing");
    }

    /** Says where it posts, token and all, and fails with a plain exception. */
    static final class LeakySink implements AlertSink {
        private final URI uri;

        LeakySink(URI uri) {
            this.uri = uri;
        }

        @Override
        public String name() {
            return "Leaky Sink";
        }

        @Override
        public void deliver(Notification notification) {
            throw new IllegalStateException("POST " + uri + " failed");
        }

        @Override
        public String toString() {
            return "LeakySink[" + uri + "]";
        }
    }

    @Tag(KitRun.FIXTURE) // run only through KitRun, never by the build itself
    static class LeakySinkKit extends AlertSinkCompatibilityKit {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return new LeakySink(p.uri("/hook/leaky-token"));
        }

        @Override
        protected List<String> secrets() {
            return List.of("leaky-token");
        }

        @Override
        protected Duration exchangeDeadline() {
            return Duration.ofMillis(500);
        }
    }

    static class HangingSinkKit extends LeakySinkKit {
        @Override
        protected AlertSink createSink(LoopbackServer p) {
            return new AlertSink() {
                @Override
                public String name() {
                    return "hanging";
                }

                @Override
                public void deliver(Notification notification) throws InterruptedException {
                    new CountDownLatch(1).await(); // a sink with no deadline of its own
                }
            };
        }
    }
}
