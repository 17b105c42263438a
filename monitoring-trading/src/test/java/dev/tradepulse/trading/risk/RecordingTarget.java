package dev.tradepulse.trading.risk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small risk target for tests: each cause holds the state it lowered to, the state is the
 * safest held, a lift withdraws a cause unless it is in {@code manual} (those only an operator
 * lifts, through {@link #operatorLift}). Records every call. Thread-safe.
 */
final class RecordingTarget implements RiskTarget {

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, TradingState> held = new ConcurrentHashMap<>();
    private final Set<String> manual;

    RecordingTarget(String... manualCauses) {
        this.manual = Set.of(manualCauses);
    }

    @Override
    public void lower(TradingState to, String cause, String reason) {
        calls.add("lower " + to + " " + cause + ": " + reason);
        held.merge(cause, to, (a, b) -> a.isSaferThan(b) ? a : b);
    }

    @Override
    public void lift(String cause) {
        calls.add("lift " + cause);
        if (!manual.contains(cause)) {
            held.remove(cause);
        }
    }

    void operatorLift(String cause) {
        held.remove(cause);
    }

    TradingState state() {
        return held.values().stream().reduce(TradingState.ACTIVE, (a, b) -> a.isSaferThan(b) ? a : b);
    }

    Set<String> causes() {
        return Set.copyOf(held.keySet());
    }
}
