package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.api.state.StateRecord;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceTrackerStateTest {

    private static final Instant DAY1 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant DAY2 = DAY1.plus(Duration.ofDays(1));

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(DAY1);
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sleeper(d -> { })
            .sink(LogSink.create()).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        dispatcher.close(Duration.ofSeconds(5));
    }

    private StateStore store() throws IOException {
        StateStore store = StateStore.directory(dir.resolve("state"), clock);
        open.add(store);
        return store;
    }

    /** A restart: the old process's store goes away, a new one opens the same directory. */
    private StateStore restart(StateStore old) throws IOException {
        old.close();
        return store();
    }

    private PerformanceTracker tracker(StateStore store) {
        return PerformanceTracker.builder("momentum").clock(clock).stateStore(store).build();
    }

    private KillSwitch killSwitch(AtomicInteger halts) {
        ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build();
        open.add(0, audit);
        return KillSwitch.create("momentum", (rule, reason) -> halts.incrementAndGet(), audit, dispatcher);
    }

    @Test
    void a_bot_restarted_at_minus_14_percent_halts_when_it_loses_2_percent_more() throws Exception {
        StateStore store = store();
        PerformanceTracker before = tracker(store);
        before.recordEquity(DAY1, 10_000);
        before.recordEquity(DAY2, 10_000); // yesterday closed at 10,000: today's baseline
        before.recordEquity(DAY2.plusSeconds(3_600), 8_600); // -14%: inside the -15% budget
        before.saveState();

        PerformanceTracker after = tracker(restart(store));
        AtomicInteger halts = new AtomicInteger();
        KillSwitch ks = killSwitch(halts);
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(RiskRules.dailyLossHalt(after, -0.15, ks).build()).build();
        after.recordEquity(DAY2.plusSeconds(7_200), 8_400); // 2% of the account more

        engine.evaluate();

        assertThat(after.restoreResult().outcome()).isEqualTo(TrackerRestore.Outcome.RESTORED);
        assertThat(after.snapshot().todayReturn()).isEqualTo((8_400.0 - 10_000) / 10_000); // -16%, not -2.3%
        assertThat(ks.isHalted()).isTrue();
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::reason)
                .isEqualTo("daily loss -16.0% beyond the -15.0% limit");
        await().atMost(Duration.ofSeconds(10)).until(() -> halts.get() == 1);
    }

    @Test
    void a_restored_tracker_reports_the_same_snapshot_and_keeps_computing_the_same_figures() throws Exception {
        PerformanceTrackerConfig config = PerformanceTrackerConfig.custom().varWindow(20).tradeTape(50)
                .equityCurve(10, Duration.ofDays(1)).build();
        StateStore store = store();
        PerformanceTracker before = PerformanceTracker.builder("momentum").config(config).clock(clock)
                .stateStore(store).build();
        Random random = new Random(7);
        double equity = 10_000;
        Instant at = DAY1;
        for (int i = 0; i < 40 * 6; i++) { // 40 days of six snapshots: more days than the VaR window
            equity *= 1 + random.nextGaussian() * 0.01;
            at = at.plus(Duration.ofHours(4));
            before.recordEquity(at, equity);
            before.recordTrade(trade(random.nextGaussian() * 50, at));
        }
        before.updatePosition(new Position("BTCUSDT", Side.BUY, 0.1, 50_000, 52_000, 45_000));
        before.updatePosition(Position.of("ETHUSDT", Side.SELL, 2, 3_000, 3_100));
        clock.set(at);
        before.recordDecision();
        before.saveState();

        PerformanceTracker after = PerformanceTracker.builder("momentum").config(config).clock(clock)
                .stateStore(restart(store)).build();

        assertThat(after.snapshot()).isEqualTo(before.snapshot());
        assertThat(after.snapshot().returns().days()).isGreaterThan(20);
        assertThat(after.snapshot().risk().var95()).isEqualTo(before.snapshot().risk().var95()).isNotNaN();
        assertThat(after.positions()).isEqualTo(before.positions());
        assertThat(after.equityCurve()).isEqualTo(before.equityCurve()).hasSize(11);
        assertThat(after.dropWithin(Duration.ofHours(12))).isEqualTo(before.dropWithin(Duration.ofHours(12)));
        assertThat(after.tradesBetween(DAY1, at.plusSeconds(1))).isEqualTo(before.tradesBetween(DAY1, at.plusSeconds(1)));
        assertThat(after.lastDecision()).isEqualTo(at);

        for (int i = 0; i < 30; i++) { // the same future on both: the running moments and the window came back whole
            equity *= 1 + random.nextGaussian() * 0.01;
            at = at.plus(Duration.ofHours(5));
            Trade t = trade(random.nextGaussian() * 50, at);
            for (PerformanceTracker tracker : List.of(before, after)) {
                tracker.recordEquity(at, equity);
                tracker.recordTrade(t);
            }
        }
        assertThat(after.snapshot()).isEqualTo(before.snapshot());
        assertThat(after.equityCurve()).isEqualTo(before.equityCurve());
    }

    @Test
    void a_state_saved_with_a_longer_var_window_restores_into_a_shorter_one_from_the_latest_returns()
            throws Exception {
        StateStore store = store();
        PerformanceTracker before = PerformanceTracker.builder("momentum").clock(clock).stateStore(store)
                .config(PerformanceTrackerConfig.custom().varWindow(60).build()).build();
        PerformanceTrackerConfig shorter = PerformanceTrackerConfig.custom().varWindow(25).build();
        PerformanceTracker lived = PerformanceTracker.builder("momentum").clock(clock).config(shorter).build();
        Random random = new Random(11);
        double equity = 10_000;
        for (int d = 0; d < 80; d++) {
            equity *= 1 + random.nextGaussian() * 0.02;
            for (PerformanceTracker t : List.of(before, lived)) {
                t.recordEquity(DAY1.plus(Duration.ofDays(d)), equity);
            }
        }
        before.saveState();

        PerformanceTracker after = PerformanceTracker.builder("momentum").clock(clock).config(shorter)
                .stateStore(restart(store)).build();

        PerformanceSnapshot.Risk restored = after.snapshot().risk();
        PerformanceSnapshot.Risk expected = lived.snapshot().risk();
        assertThat(restored.var95()).isEqualTo(expected.var95());
        assertThat(restored.cvar95()).isEqualTo(expected.cvar95());
        assertThat(restored.parametricVar95()).isCloseTo(expected.parametricVar95(), within(1e-12));
        assertThat(after.snapshot().returns()).isEqualTo(lived.snapshot().returns());
    }

    @Test
    void a_restart_on_a_later_day_measures_today_from_the_saved_close_as_if_the_process_had_lived() throws Exception {
        StateStore store = store();
        PerformanceTracker lived = PerformanceTracker.builder("momentum").clock(clock).build();
        PerformanceTracker before = tracker(store);
        for (PerformanceTracker t : List.of(lived, before)) {
            t.recordEquity(DAY1, 10_000);
            t.recordEquity(DAY2, 10_000);
            t.recordEquity(DAY2.plusSeconds(3_600), 8_600);
        }
        before.saveState();

        PerformanceTracker after = tracker(restart(store));
        Instant day3 = DAY2.plus(Duration.ofDays(1));
        for (PerformanceTracker t : List.of(lived, after)) {
            t.recordEquity(day3, 8_500);
        }

        assertThat(after.snapshot().pnlToday()).isEqualTo(-100); // from yesterday's close of 8,600
        assertThat(after.snapshot()).isEqualTo(lived.snapshot());
    }

    @Test
    void an_absent_record_is_a_first_start_with_a_budget_and_without_a_store_nothing_is_persisted() throws Exception {
        PerformanceTracker first = tracker(store());
        PerformanceTracker plain = PerformanceTracker.builder("momentum").build();

        assertThat(first.restoreResult()).isEqualTo(new TrackerRestore(TrackerRestore.Outcome.FIRST_START,
                "tracker.momentum", null, ""));
        assertThat(first.restoreProblem()).isEmpty();
        assertThat(first.dailyBudgetLost()).isFalse();
        assertThat(plain.restoreResult().outcome()).isEqualTo(TrackerRestore.Outcome.NOT_PERSISTED);
        assertThat(plain.stateDirty()).isFalse();
        assertThat(plain.baselineUnsaved()).isFalse();
        assertThatThrownBy(plain::saveState).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no state store");
        assertThatThrownBy(() -> PerformanceTracker.builder("x").stateStore(null))
                .isInstanceOf(NullPointerException.class).hasMessage("store must not be null");
    }

    @Test
    void a_flipped_byte_loses_the_state_and_the_lost_state_rule_halts_trading() throws Exception {
        StateStore store = savedAtMinus14();
        store.close();
        Path file = dir.resolve("state").resolve("tracker.momentum.state");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 9] ^= 0x01;
        Files.write(file, bytes);

        PerformanceTracker after = tracker(store());
        AtomicInteger halts = new AtomicInteger();
        KillSwitch ks = killSwitch(halts);
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(RiskRules.dailyLossHalt(after, -0.15, ks).build())
                .rule(TrackerStateRules.stateLostHalt(after, ks).build()).build();
        after.recordEquity(DAY2.plusSeconds(7_200), 8_400); // the first snapshot it knows: -0% by its own account

        engine.evaluate();

        assertThat(after.restoreResult().outcome()).isEqualTo(TrackerRestore.Outcome.LOST);
        assertThat(after.restoreProblem()).get().asString().contains("DAMAGED", "checksum");
        assertThat(after.dailyBudgetLost()).isTrue();
        assertThat(after.snapshot().todayReturn()).isZero(); // what the daily-loss rule alone would see
        assertThat(ks.isHalted()).isTrue();
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::rule).isEqualTo("risk.state-lost:momentum");
        assertThat(ks.halt()).get().extracting(KillSwitch.Halt::reason).asString()
                .startsWith("the saved tracker state could not be restored (DAMAGED");
        await().atMost(Duration.ofSeconds(10)).until(() -> halts.get() == 1);
    }

    @Test
    void a_truncated_record_an_unknown_version_a_garbled_payload_and_another_strategys_record_are_all_lost()
            throws Exception {
        StateStore store = savedAtMinus14();
        byte[] good = store.read("tracker.momentum").payload();
        store.close();
        Path file = dir.resolve("state").resolve("tracker.momentum.state");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        StateStore reopened = store();
        assertLost(reopened, "the payload is");

        reopened.write("tracker.momentum", 2, good); // a newer build's record
        assertLost(reopened, "unknown version 2");

        reopened.write("tracker.momentum", 1, Arrays.copyOf(good, good.length - 3)); // checksum fine, content cut
        assertLost(reopened, "ends early");

        byte[] nonsense = good.clone();
        nonsense[0] = 'X';
        reopened.write("tracker.momentum", 1, nonsense);
        assertLost(reopened, "no TPTR magic");

        PerformanceTracker other = PerformanceTracker.builder("grid").clock(clock).stateStore(reopened).build();
        other.recordEquity(DAY1, 5_000);
        other.saveState();
        reopened.write("tracker.momentum", 1, reopened.read("tracker.grid").payload());
        assertLost(reopened, "another strategy ('grid')");
    }

    private void assertLost(StateStore store, String problem) {
        PerformanceTracker t = tracker(store);
        assertThat(t.restoreResult().outcome()).isEqualTo(TrackerRestore.Outcome.LOST);
        assertThat(t.restoreProblem()).get().asString().contains(problem);
        assertThat(t.dailyBudgetLost()).isTrue();
        assertThat(t.snapshot().equity()).isNaN(); // started empty: nothing from the record was trusted
    }

    @Test
    void a_lost_budget_stays_lost_across_another_restart_until_a_day_closes() throws Exception {
        StateStore store = savedAtMinus14();
        store.write("tracker.momentum", 9, new byte[] {1, 2, 3});
        PerformanceTracker lost = tracker(store);
        lost.recordEquity(DAY2.plusSeconds(7_200), 8_400);
        lost.saveState(); // replaces the bad record; the lost flag goes with it

        PerformanceTracker again = tracker(restart(store));
        assertThat(again.restoreResult().outcome()).isEqualTo(TrackerRestore.Outcome.RESTORED);
        assertThat(again.restoreProblem()).isEmpty();
        assertThat(again.dailyBudgetLost()).isTrue(); // the fresh 8,400 baseline must not become a budget
        again.recordEquity(DAY2.plusSeconds(9_000), 8_300);
        assertThat(again.dailyBudgetLost()).isTrue();

        again.recordEquity(DAY2.plus(Duration.ofDays(1)), 8_300); // a day closed under its watch
        assertThat(again.dailyBudgetLost()).isFalse();
    }

    private StateStore savedAtMinus14() throws IOException {
        StateStore store = store();
        PerformanceTracker before = tracker(store);
        before.recordEquity(DAY1, 10_000);
        before.recordEquity(DAY2, 10_000);
        before.recordEquity(DAY2.plusSeconds(3_600), 8_600);
        before.saveState();
        assertThat(store.read("tracker.momentum").status()).isEqualTo(StateRecord.Status.OK);
        return store;
    }

    @Test
    void the_generation_and_the_dirty_and_baseline_flags_tell_a_scheduler_when_to_save() throws Exception {
        PerformanceTracker t = tracker(store());
        assertThat(t.stateDirty()).isFalse();
        assertThat(t.baselineUnsaved()).isFalse();

        t.recordEquity(DAY1, 10_000); // the first snapshot sets today's baseline
        assertThat(t.stateGeneration()).isEqualTo(1);
        assertThat(t.stateDirty()).isTrue();
        assertThat(t.baselineUnsaved()).isTrue();
        t.saveState();
        assertThat(t.stateDirty()).isFalse();
        assertThat(t.baselineUnsaved()).isFalse();

        t.recordEquity(DAY1.plusSeconds(60), 9_900);
        t.recordTrade(trade(-100, DAY1.plusSeconds(60)));
        t.updatePosition(Position.of("BTCUSDT", Side.BUY, 1, 100, 100));
        assertThat(t.stateGeneration()).isEqualTo(4);
        assertThat(t.stateDirty()).isTrue();
        assertThat(t.baselineUnsaved()).isFalse(); // same day: the baseline on disk still holds
        t.recordDecision();
        assertThat(t.stateGeneration()).isEqualTo(4);

        t.recordEquity(DAY2, 9_900); // a new day: a new baseline to save promptly
        assertThat(t.baselineUnsaved()).isTrue();
        t.saveState();
        assertThat(t.baselineUnsaved()).isFalse();
    }

    @Test
    void strategy_names_map_to_valid_distinct_keys() throws Exception {
        StateStore store = store();
        String longName = "Strategy ".repeat(30);
        List<String> names = List.of("momentum", "Momentum", "Momentum BTC/USDT", "momentum btc/usdt", "Ünïcødé 🚀",
                longName, "a".repeat(56), "a".repeat(57));
        List<String> keys = names.stream().map(PerformanceTracker::stateKey).toList();

        assertThat(keys.get(0)).isEqualTo("tracker.momentum");
        assertThat(keys.get(2)).startsWith("tracker.momentum-btc-usdt-").hasSize("tracker.momentum-btc-usdt-".length() + 16);
        assertThat(keys.get(6)).isEqualTo("tracker." + "a".repeat(56));
        assertThat(keys).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).hasSizeLessThanOrEqualTo(64)
                .matches("[a-z0-9][a-z0-9._-]{0,63}"));
        for (String name : names) { // each is a key the store takes, and each tracker finds its own record
            PerformanceTracker t = PerformanceTracker.builder(name).clock(clock).stateStore(store).build();
            t.recordEquity(DAY1, 1_000 + name.length());
            t.saveState();
        }
        for (String name : names) {
            PerformanceTracker t = PerformanceTracker.builder(name).clock(clock).stateStore(store).build();
            assertThat(t.restoreResult().key()).isEqualTo(PerformanceTracker.stateKey(name));
            assertThat(t.snapshot().equity()).isEqualTo(1_000 + name.length());
        }
        assertThatThrownBy(() -> PerformanceTracker.stateKey(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy");
    }

    @Test
    void saves_racing_trades_each_hold_one_consistent_moment_and_the_last_holds_every_trade() throws Exception {
        StateStore store = store();
        PerformanceTracker t = tracker(store);
        t.recordEquity(DAY1, 10_000);
        int trades = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        try {
            Future<?> writer = pool.submit(() -> {
                go.await();
                for (int i = 0; i < trades; i++) {
                    t.recordTrade(trade(1, DAY1.plusSeconds(i)));
                }
                done.set(true);
                return null;
            });
            Future<Integer> saver = pool.submit(() -> {
                go.await();
                int saves = 0;
                while (!done.get() || saves == 0) {
                    t.saveState();
                    saves++;
                    PerformanceTracker copy = PerformanceTracker.builder("momentum").clock(clock).stateStore(store).build();
                    PerformanceSnapshot.TradeStats stats = copy.snapshot().tradeStats();
                    // every trade made +1: a torn copy would disagree between its count, its sum and its tape
                    assertThat(stats.realizedPnl()).isEqualTo(stats.trades());
                    assertThat(copy.tradesBetween(DAY1, DAY1.plusSeconds(trades)).trades()).isEqualTo((int) stats.trades());
                }
                return saves;
            });
            go.countDown();
            writer.get(60, TimeUnit.SECONDS);
            assertThat(saver.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        t.saveState();
        PerformanceTracker after = tracker(restart(store));
        assertThat(after.snapshot().tradeStats().trades()).isEqualTo(trades);
    }

    @Test
    void a_long_trade_tape_saves_its_latest_trades_and_says_older_periods_are_incomplete() throws Exception {
        StateStore store = store();
        PerformanceTracker t = tracker(store); // the default tape holds 100,000 trades; a save keeps 32,768
        t.recordEquity(DAY1, 10_000);
        for (int i = 0; i < 40_000; i++) {
            t.recordTrade(trade(1, DAY1.plusSeconds(i)));
        }
        t.saveState();

        PerformanceTracker after = tracker(restart(store));

        assertThat(after.snapshot().tradeStats()).isEqualTo(t.snapshot().tradeStats()); // the counts are whole
        PeriodStats all = after.tradesBetween(DAY1, DAY1.plusSeconds(40_000));
        assertThat(all.trades()).isEqualTo(32_768);
        assertThat(all.complete()).isFalse();
        PeriodStats recent = after.tradesBetween(DAY1.plusSeconds(30_000), DAY1.plusSeconds(40_000));
        assertThat(recent).isEqualTo(t.tradesBetween(DAY1.plusSeconds(30_000), DAY1.plusSeconds(40_000)));
        assertThat(recent.complete()).isTrue();
    }

    private static Trade trade(double pnl, Instant at) {
        return new Trade("BTCUSDT", Side.BUY, 100, 100, 1, pnl, 0.1, at, at);
    }
}
