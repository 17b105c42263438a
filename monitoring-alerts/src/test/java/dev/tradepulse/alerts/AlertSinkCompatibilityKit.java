package dev.tradepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlertSink} must do, as a test class to extend: TradePulse's own sinks are
 * tested with it, and anyone writing a sink can test theirs the same way. The provider is played
 * by a real {@link LoopbackServer}; subclasses build the sink against it.
 *
 * <p>Besides the ordinary cases the kit plays hostile providers: an endless response body, a body
 * that drips a byte at a time, a {@code Retry-After} of a day and a reset connection. A sink must
 * read a bounded amount of any body, finish every exchange within its deadline
 * ({@link #exchangeDeadline()}), and report the failures as retryable {@link SinkException}s
 * without secrets.
 *
 * <pre>{@code
 * class MySinkTest extends AlertSinkCompatibilityKit {
 *     protected AlertSink createSink(LoopbackServer provider) { return MySink.create(provider.uri("/hook"), "secret-token"); }
 *     protected List<String> secrets() { return List.of("secret-token"); }
 * }
 * }</pre>
 */
public abstract class AlertSinkCompatibilityKit {

    /** The provider the sink under test talks to. */
    protected final LoopbackServer provider = startProvider();

    private static LoopbackServer startProvider() {
        try {
            return new LoopbackServer();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot start the loopback provider", e);
        }
    }

    /**
     * Builds the sink under test, pointed at the loopback provider.
     *
     * @param provider the provider
     * @return the sink
     */
    protected abstract AlertSink createSink(LoopbackServer provider);

    /**
     * Everything secret the sink was given (tokens, keys, webhook paths): none may leak.
     *
     * @return the secrets
     */
    protected abstract List<String> secrets();

    /**
     * The status the provider answers a good request with; 200 unless overridden.
     *
     * @return the status
     */
    protected int successStatus() {
        return 200;
    }

    /**
     * The longest a single {@code deliver} may take, headers and body together: the deadline the
     * sink under test was built with. The default is 10 seconds, the built-in sinks' default;
     * build the sink with a shorter one and override this to keep the hostile cases fast.
     *
     * @return the sink's deadline
     */
    protected Duration exchangeDeadline() {
        return Duration.ofSeconds(10);
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private AlertSink sink() {
        provider.reply(LoopbackServer.Reply.of(successStatus()));
        return createSink(provider);
    }

    private static Alert hostile(String key) {
        return Alert.builder(key, Severity.CRITICAL, "line\r\nbreak <b>&amp;</b> *bold* _it_ `code` @everyone ${jndi:x} %s 🚨")
                .description("x".repeat(100_000)).label("exchange", "binance").detail("pnl", -15.2)
                .startsAt(Instant.parse("2026-11-22T10:30:00Z")).build();
    }

    @Test
    void its_name_is_short_stable_and_url_safe() {
        AlertSink sink = sink();
        assertThat(sink.name()).matches("[a-z0-9-]{1,32}").isEqualTo(createSink(provider).name());
        assertThat(sink.limits().maxMessageChars()).isPositive();
        assertThat(sink.limits().messagesPerSecond()).isPositive();
    }

    @Test
    void it_delivers_hostile_and_oversized_text_without_failing() throws Exception {
        sink().deliver(Notification.of(hostile("k1")));

        LoopbackServer.Request request = provider.take();
        assertThat(request.body().length()).as("a 100 KB description is cut to the provider's limit")
                .isLessThan(20_000);
    }

    @Test
    void it_delivers_a_merged_notification_of_many_alerts() throws Exception {
        List<Alert> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(Alert.builder("k" + i, Severity.values()[i % 4], "alert " + i).build());
        }
        assertThatCode(() -> sink().deliver(new Notification(many))).doesNotThrowAnyException();
        assertThat(provider.take().body()).isNotEmpty();
    }

    @Test
    void it_delivers_a_resolve_if_it_says_it_sends_them() throws Exception {
        AlertSink sink = sink();
        if (!sink.sendsResolved()) {
            return; // nothing to check: the dispatcher will not send it resolves
        }
        Alert resolved = Alert.builder("k", Severity.HIGH, "was down").build()
                .resolved(Instant.parse("2026-11-22T11:00:00Z"));
        assertThatCode(() -> sink.deliver(Notification.of(resolved))).doesNotThrowAnyException();
        assertThat(provider.take().body()).isNotEmpty();
    }

    @Test
    void a_failing_provider_surfaces_as_a_sink_exception_without_secrets() {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.of(503));

        Throwable thrown = catchThrowable(() -> sink.deliver(Notification.of(hostile("k2"))));

        assertThat(thrown).isInstanceOf(SinkException.class);
        assertThat(((SinkException) thrown).isRetryable()).isTrue();
        for (String secret : secrets()) {
            assertThat(thrown.getMessage()).doesNotContain(secret);
            assertThat(sink.toString()).doesNotContain(secret);
        }
    }

    /** Delivers against a hostile provider; must end (return or throw) within the sink's deadline. */
    private Throwable deliverWithinDeadline(AlertSink sink) {
        Duration limit = exchangeDeadline().plusSeconds(3);
        long start = System.nanoTime();
        Throwable thrown = assertTimeoutPreemptively(limit,
                () -> catchThrowable(() -> sink.deliver(Notification.of(hostile("k3")))),
                "deliver() must end within the sink's deadline (" + exchangeDeadline() + ") plus 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(limit);
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(SinkException.class);
            assertThat(((SinkException) thrown).isRetryable()).as("a transport failure is worth a retry").isTrue();
            for (String secret : secrets()) {
                assertThat(thrown.getMessage()).doesNotContain(secret);
            }
        }
        return thrown;
    }

    @Test
    void a_huge_response_body_is_not_read_to_the_end() throws Exception {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.hugeBody(200));

        deliverWithinDeadline(sink);

        long sent = provider.awaitHostileReplyEnded(Duration.ofSeconds(10));
        assertThat(sent).as("body bytes the provider pushed before the sink hung up (it offered "
                + LoopbackServer.HUGE_BODY_LIMIT + ")").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void a_dripping_body_ends_at_the_sinks_deadline() throws Exception {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.drip(200));

        deliverWithinDeadline(sink);

        provider.awaitHostileReplyEnded(Duration.ofSeconds(5)); // the sink hung up rather than leaving the exchange open
    }

    @Test
    void a_reset_connection_is_a_retryable_failure() {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.reset());

        assertThat(deliverWithinDeadline(sink)).as("a reset connection is not a delivery").isNotNull();
    }

    @Test
    void a_day_long_retry_after_never_holds_back_a_critical_alert() throws Exception {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.retryAfterADay(), LoopbackServer.Reply.of(successStatus()));
        MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (AlertDispatcher dispatcher = AlertDispatcher.builder().sink(sink).clock(clock).meterRegistry(registry)
                .sleeper(wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                }).build()) {
            dispatcher.fire(Alert.builder("margin:acct1", Severity.CRITICAL, "liquidation imminent").build());

            provider.take(); // answered with the day-long back-off
            provider.take(); // the retry, answered with success
            dispatcher.close(Duration.ofSeconds(5)); // counters are final once close returns
        }
        assertThat(registry.get("tradepulse.alerts.delivered").tags("sink", sink.name(), "severity", "critical")
                .counter().count()).as("the CRITICAL alert was delivered on the retry").isEqualTo(1);
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus))
                .as("time a CRITICAL alert waited behind the provider's back-off, waits " + waits)
                .isLessThanOrEqualTo(AlertDispatcher.DEFAULT_MAX_CRITICAL_RETRY_AFTER);
    }
}
