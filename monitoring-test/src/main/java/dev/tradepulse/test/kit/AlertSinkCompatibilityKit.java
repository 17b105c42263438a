package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
 * ({@link #exchangeDeadline()}), report the failures as retryable {@link SinkException}s without
 * secrets, accept deliveries from several threads at once (a test alert is delivered on the
 * caller's thread while the dispatcher's worker may be delivering), and close idempotently.
 *
 * <pre>{@code
 * class MySinkTest extends AlertSinkCompatibilityKit {
 *     protected AlertSink createSink(LoopbackServer provider) {
 *         return MySink.create(provider.uri("/hook"), "secret-token");
 *     }
 *     protected List<String> secrets() { return List.of("secret-token"); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh instance, so a fresh provider; JUnit runs the tests of one instance on
 * one thread.
 */
public abstract class AlertSinkCompatibilityKit {

    /** The provider the sink under test talks to; closed after each test. */
    protected final LoopbackServer provider = startProvider();

    /** Subclasses are instantiated by JUnit. */
    protected AlertSinkCompatibilityKit() {
    }

    private static LoopbackServer startProvider() {
        try {
            return new LoopbackServer();
        } catch (IOException e) {
            throw new AssertionError("cannot start the loopback provider", e);
        }
    }

    /**
     * Builds the sink under test, pointed at the loopback provider. Called once or more per test.
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
    final void stopProvider() {
        provider.close();
    }

    private AlertSink sink() {
        provider.reply(LoopbackServer.Reply.of(successStatus()));
        return createSink(provider);
    }

    /**
     * An alert full of what breaks naive sinks: line breaks, markup of every provider, a JNDI
     * lookup, a format specifier, an emoji and a 100,000-character description.
     *
     * @param key the alert's key
     * @return the alert
     */
    protected static Alert hostileAlert(String key) {
        return Alert.builder(key, Severity.CRITICAL,
                        "line\r\nbreak <b>&amp;</b> *bold* _it_ `code` @everyone ${jndi:x} %s \uD83D\uDEA8")
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

    /** Delivers; must end (return or throw) within the sink's deadline plus 3 s. Returns what it threw. */
    private @Nullable Throwable attempt(AlertSink sink, Notification notification) {
        Duration limit = exchangeDeadline().plusSeconds(3);
        long start = System.nanoTime();
        Throwable thrown = assertTimeoutPreemptively(limit, () -> catchThrowable(() -> sink.deliver(notification)),
                "deliver() must end within the sink's deadline (" + exchangeDeadline() + ") plus 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(limit);
        return thrown;
    }

    /** Delivers to a well-behaved provider; must return within the sink's deadline plus 3 s. */
    private void deliver(AlertSink sink, Notification notification) {
        assertTimeoutPreemptively(exchangeDeadline().plusSeconds(3), () -> sink.deliver(notification),
                "deliver() must end within the sink's deadline (" + exchangeDeadline() + ") plus 3 s");
    }

    @Test
    void it_delivers_hostile_and_oversized_text_without_failing() throws Exception {
        deliver(sink(), Notification.of(hostileAlert("k1")));

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
        deliver(sink(), new Notification(many));
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
        deliver(sink, Notification.of(resolved));
        assertThat(provider.take().body()).isNotEmpty();
    }

    @Test
    void it_delivers_from_several_threads_at_once() throws Exception {
        AlertSink sink = sink();
        int threads = 4;

        List<@Nullable Throwable> failures = Concurrently.run(threads, exchangeDeadline().plusSeconds(5),
                i -> sink.deliver(Notification.of(Alert.builder("k" + i, Severity.HIGH, "alert " + i).build())));

        assertThat(failures).as("failures of concurrent deliveries").containsOnlyNulls();
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < threads; i++) {
            bodies.add(provider.take().body());
        }
        assertThat(bodies).as("one request per delivery, none mixed up with another").hasSize(threads);
    }

    @Test
    void closing_it_twice_is_harmless() {
        AlertSink sink = sink();
        assertThatCode(() -> {
            sink.close();
            sink.close();
        }).as("close() is idempotent and never throws").doesNotThrowAnyException();
    }

    @Test
    void a_failing_provider_surfaces_as_a_sink_exception_without_secrets() {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.of(503));

        SinkException thrown = sinkException(attempt(sink, Notification.of(hostileAlert("k2"))), "a 503");

        assertThat(thrown.isRetryable()).isTrue();
        assertNoSecretIn(String.valueOf(thrown.getMessage()), "the exception's message");
        assertNoSecretIn(sink.toString(), "the sink's toString");
    }

    @Test
    void a_rejected_message_is_a_permanent_failure_without_secrets() {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.of(400));

        SinkException thrown = sinkException(attempt(sink, Notification.of(hostileAlert("k4"))),
                "a 400 is a failure, not a delivery");

        assertThat(thrown.isRetryable()).as("the same message would be refused again").isFalse();
        assertNoSecretIn(String.valueOf(thrown.getMessage()), "the exception's message");
    }

    @Test
    void a_day_long_retry_after_is_reported_as_a_retryable_failure_with_the_wait() {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.retryAfterADay());

        SinkException failure = sinkException(deliverWithinDeadline(sink), "a 429 is not a delivery");

        assertThat(failure.retryAfter()).as("the provider's Retry-After, for the dispatcher to weigh")
                .hasValueSatisfying(wait -> assertThat(wait).isPositive());
    }

    /**
     * Delivers against a hostile provider; must end (return or throw) within the sink's deadline,
     * and a failure must be a retryable {@link SinkException} without secrets.
     */
    private @Nullable Throwable deliverWithinDeadline(AlertSink sink) {
        Throwable thrown = attempt(sink, Notification.of(hostileAlert("k3")));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(SinkException.class);
            assertThat(((SinkException) thrown).isRetryable()).as("a transport failure is worth a retry").isTrue();
            assertNoSecretIn(String.valueOf(thrown.getMessage()), "the exception's message");
        }
        return thrown;
    }

    private static SinkException sinkException(@Nullable Throwable thrown, String what) {
        assertThat(thrown).as(what).isInstanceOf(SinkException.class);
        return (SinkException) Objects.requireNonNull(thrown);
    }

    private void assertNoSecretIn(String text, String where) {
        for (String secret : secrets()) {
            assertThat(text).as(where).doesNotContain(secret);
        }
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

        // the sink hung up rather than leaving the exchange open
        provider.awaitHostileReplyEnded(Duration.ofSeconds(5));
    }

    @Test
    void a_reset_connection_is_a_retryable_failure() {
        AlertSink sink = createSink(provider);
        provider.reply(LoopbackServer.Reply.reset());

        assertThat(deliverWithinDeadline(sink)).as("a reset connection is not a delivery").isNotNull();
    }
}
