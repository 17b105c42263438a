package dev.tradepulse.trading;

import dev.tradepulse.api.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A bot in another JVM for {@link TrackerCrashTest}: it restores its tracker, then records step after
 * step (one equity snapshot and one trade each, 97 minutes apart, so days roll often) and saves
 * after every step, printing {@code SAVING} before and {@code ACK} after each save with the trade
 * count, today's baseline and the equity. The steps are a function of their number, so the parent
 * can rebuild what a tracker that never died would hold.
 */
final class TrackerChild {

    static final Instant T0 = Instant.parse("2026-01-05T00:30:00Z");
    static final Duration STEP = Duration.ofMinutes(97);

    private TrackerChild() {
    }

    static PerformanceTrackerConfig config() {
        return PerformanceTrackerConfig.custom().varWindow(30).tradeTape(5_000).build();
    }

    static void step(PerformanceTracker tracker, long i) {
        Instant at = T0.plus(STEP.multipliedBy(i));
        tracker.recordEquity(at, 10_000 * (1 + 0.2 * Math.sin(i / 9.0)));
        tracker.recordTrade(new Trade("BTCUSDT", Side.BUY, 100, 100, 1, (i % 3 - 1) * 10.0, 0.1, at, at));
    }

    static String describe(PerformanceTracker tracker) {
        PerformanceSnapshot s = tracker.snapshot();
        return s.tradeStats().trades() + " " + (s.equity() - s.pnlToday()) + " " + s.equity();
    }

    public static void main(String[] args) throws Exception {
        try (StateStore store = StateStore.directory(Path.of(args[0]), Clock.systemUTC())) {
            PerformanceTracker tracker = PerformanceTracker.builder("momentum").config(config()).stateStore(store).build();
            System.out.println("READY " + tracker.restoreResult().outcome());
            System.out.flush();
            for (long i = tracker.snapshot().tradeStats().trades(); ; i++) {
                step(tracker, i);
                String state = describe(tracker);
                System.out.println("SAVING " + state);
                System.out.flush();
                tracker.saveState();
                System.out.println("ACK " + state);
                System.out.flush();
            }
        }
    }
}
