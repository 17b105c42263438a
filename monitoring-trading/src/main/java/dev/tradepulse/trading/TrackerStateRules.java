package dev.tradepulse.trading;

import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.Checks;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The rule that makes a lost tracker state halt trading: a tracker whose saved state could not be
 * restored does not know today's baseline, so it cannot grant a daily loss budget. Add it next to
 * {@link RiskRules#forStrategy} for every tracker built with a state store.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrackerStateRules {

    private TrackerStateRules() {
    }

    /**
     * "The daily loss budget is unknown": CRITICAL while {@link PerformanceTracker#dailyBudgetLost()}
     * (1 while lost, 0 otherwise), tripping the kill switch with the restore problem as the reason.
     * The switch stays halted until a person re-arms it; the rule resolves once a day has closed under
     * the tracker's watch.
     *
     * @param tracker the strategy's tracker, built with a state store
     * @param killSwitch the switch to trip
     * @return the rule builder, named {@code risk.state-lost:<strategy>}
     * @throws NullPointerException if {@code tracker} or {@code killSwitch} is null
     */
    public static Rule.Builder stateLostHalt(PerformanceTracker tracker, KillSwitch killSwitch) {
        Checks.notNull(tracker, "tracker");
        Checks.notNull(killSwitch, "killSwitch");
        String strategy = tracker.strategy();
        String name = "risk.state-lost:" + strategy;
        return Rule.when(name, now -> OptionalDouble.of(tracker.dailyBudgetLost() ? 1 : 0)).above(0.5)
                .severity(Severity.CRITICAL)
                .summary("Tracker state of '" + strategy + "' was lost at restart: today's loss budget counts as spent")
                .onFire(v -> killSwitch.trip(name, "the saved tracker state could not be restored ("
                        + tracker.restoreProblem().orElse("lost before the last restart")
                        + "); today's loss budget is unknown", Map.of("state_key", tracker.restoreResult().key())));
    }
}
