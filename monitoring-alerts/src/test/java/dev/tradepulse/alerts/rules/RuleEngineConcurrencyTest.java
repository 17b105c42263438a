package dev.tradepulse.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.CollectingSink;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleEngineConcurrencyTest {

    private final MutableClock clock = MutableClock.at(Instant.ofEpochMilli(1));
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(new CollectingSink())
            .build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    @Test
    void a_slow_rule_action_does_not_hold_up_evaluation_on_another_thread() throws Exception {
        CountDownLatch actionStarted = new CountDownLatch(1);
        CountDownLatch releaseAction = new CountDownLatch(1);
        AtomicBoolean breached = new AtomicBoolean();
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rule.when("slow", now -> OptionalDouble.of(2)).above(1).onFire(v -> {
                    actionStarted.countDown();
                    try {
                        releaseAction.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).build())
                .rule(Rule.when("daily-loss", now -> OptionalDouble.of(breached.get() ? 1 : 0)).above(0.5).build())
                .build();
        // Two threads of its own: on 2 cores the common pool may have one worker (JDK 25 uses it even then).
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> scheduled = CompletableFuture.runAsync(engine::evaluate, threads);
        try {
            assertThat(actionStarted.await(10, TimeUnit.SECONDS)).isTrue();

            breached.set(true);
            CompletableFuture<Void> tradingThread = CompletableFuture.runAsync(engine::evaluate, threads);

            tradingThread.get(10, TimeUnit.SECONDS);
            assertThat(engine.isFiring("daily-loss")).isTrue();
            assertThat(scheduled).isNotDone();
        } finally {
            releaseAction.countDown();
        }
        scheduled.get(10, TimeUnit.SECONDS);
        threads.shutdown();
    }

    @Test
    void an_error_thrown_by_a_condition_or_an_action_does_not_stop_the_other_rules() {
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rule.when("overflowing", now -> {
                    throw new StackOverflowError();
                }).above(1).build())
                .rule(Rule.when("assert", now -> OptionalDouble.of(2)).above(1).onFire(v -> {
                    throw new AssertionError("broken action");
                }).build())
                .rule(Rule.when("always", now -> OptionalDouble.of(2)).above(1).build())
                .build();

        engine.evaluate();

        assertThat(engine.isFiring("assert")).isTrue();
        assertThat(engine.isFiring("always")).isTrue();
    }

    @Test
    void with_await_actions_an_evaluate_on_the_trading_thread_returns_only_after_the_halt_another_round_fired() throws Exception {
        CountDownLatch actionStarted = new CountDownLatch(1);
        CountDownLatch releaseAction = new CountDownLatch(1);
        AtomicBoolean halted = new AtomicBoolean();
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false).awaitActions(true)
                .rule(Rule.when("daily-loss-halt", now -> OptionalDouble.of(2)).above(1).onFire(v -> {
                    actionStarted.countDown();
                    try {
                        releaseAction.await(10, TimeUnit.SECONDS); // a kill switch writing its halt to disk
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    halted.set(true);
                }).build())
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> scheduled = CompletableFuture.runAsync(engine::evaluate, threads);
        assertThat(actionStarted.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicReference<Thread> trader = new AtomicReference<>();
        CompletableFuture<Boolean> tradingThread = CompletableFuture.supplyAsync(() -> {
            trader.set(Thread.currentThread());
            engine.evaluate();
            return halted.get();
        }, threads);
        // Either the trading thread returned (without waiting: the bug) or it waits for the action.
        await().atMost(Duration.ofSeconds(10)).until(() -> tradingThread.isDone()
                || (trader.get() != null && trader.get().getState() == Thread.State.WAITING));
        releaseAction.countDown();

        assertThat(tradingThread.get(10, TimeUnit.SECONDS)).as("halted when the trading thread's evaluate() returned")
                .isTrue();
        scheduled.get(10, TimeUnit.SECONDS);
        threads.shutdown();
    }
}
