package dev.tradepulse.trading.risk;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.trading.KillSwitch;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The child JVM of {@link RiskStateCrashTest}: restores the state of scope {@code bot}, then
 * reduces, halts (through a kill switch) and re-arms in a loop until it is killed. It prints
 * {@code BEGIN <op>} before each call and {@code ACK <sequence> <state>} once the call has
 * returned, so that the parent knows what was acknowledged.
 */
public final class RiskStateChild {

    private RiskStateChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        PrintStream out = System.out;
        StateStore store = StateStore.directory(dir.resolve("state"), Clock.systemUTC());
        ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve(args[1])).instance("child")
                .durability(Durability.ASYNC).build(); // the state file is under test, not the journal
        AlertDispatcher alerts = AlertDispatcher.builder().sink(new AlertSink() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public void deliver(Notification n) {
                // nobody to page in the child
            }
        }).build();
        RiskState state = RiskState.builder("bot", audit, alerts).stateStore(store).build();
        KillSwitch ks = KillSwitch.builder("bot", (rule, reason) -> { }, audit, alerts).riskState(state).build();
        out.println("READY " + ProcessHandle.current().pid() + " " + state.current() + " " + sequence(state));
        out.flush();
        while (true) {
            switch (state.current()) {
                case ACTIVE -> {
                    out.println("BEGIN reduce");
                    out.flush();
                    state.restrict(Cause.health("market-data"), TradingState.REDUCING, "quotes stale");
                }
                case REDUCING -> {
                    out.println("BEGIN halt");
                    out.flush();
                    ks.trip("daily-loss", "daily loss -15%", Map.of());
                }
                case HALTED -> {
                    out.println("BEGIN rearm");
                    out.flush();
                    ks.rearm("operator", "reviewed");
                }
            }
            out.println("ACK " + sequence(state) + " " + state.current());
            out.flush();
        }
    }

    private static long sequence(RiskState s) {
        return s.lastTransition().map(Transition::sequence).orElse(0L);
    }
}
