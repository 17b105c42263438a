package dev.tradepulse.trading.risk;

import dev.tradepulse.alerts.rules.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/** The protections {@link Protection}'s factories return. Each is immutable and thread-safe. */
final class BuiltInProtections {

    private BuiltInProtections() {
    }

    private static boolean within(ClosedTrade t, Instant now, Duration lookback) {
        return t.trade().closedAt().isAfter(now.minus(lookback));
    }

    record StopLossGuard(int trades, Duration lookback, Duration lockFor, boolean perSymbol) implements Protection {
        @Override
        public String name() {
            return "stoploss-guard";
        }

        @Override
        public Optional<LockRequest> evaluate(@Nullable ClosedTrade last, List<ClosedTrade> recent, Instant now) {
            if (last == null || !last.exitReason().stopLoss() || !last.loss()) {
                return Optional.empty();
            }
            long stops = recent.stream().filter(t -> within(t, now, lookback))
                    .filter(t -> !perSymbol || t.symbol().equals(last.symbol()))
                    .filter(t -> t.exitReason().stopLoss() && t.loss()).count();
            if (stops < trades) {
                return Optional.empty();
            }
            return Optional.of(new LockRequest(perSymbol ? last.symbol() : null, lockFor, stops + " stop-losses within "
                    + HumanDuration.format(lookback) + (perSymbol ? " on " + last.symbol() : "")));
        }
    }

    record Cooldown(Duration lockFor) implements Protection {
        @Override
        public String name() {
            return "cooldown";
        }

        @Override
        public Duration lookback() {
            return lockFor;
        }

        @Override
        public Optional<LockRequest> evaluate(@Nullable ClosedTrade last, List<ClosedTrade> recent, Instant now) {
            if (last == null || !last.loss()) {
                return Optional.empty();
            }
            return Optional.of(new LockRequest(last.symbol(), lockFor, "cooling down after a loss on " + last.symbol()));
        }
    }

    record MaxDrawdown(double maxDrawdown, Duration lockFor, DoubleSupplier drawdown) implements Protection {
        @Override
        public String name() {
            return "max-drawdown";
        }

        @Override
        public Duration lookback() {
            return Duration.ofSeconds(1); // reads the equity curve, keeps no trades
        }

        @Override
        public Optional<LockRequest> evaluate(@Nullable ClosedTrade last, List<ClosedTrade> recent, Instant now) {
            double dd = drawdown.getAsDouble();
            if (!(dd >= maxDrawdown)) { // NaN (no equity yet) does not lock
                return Optional.empty();
            }
            return Optional.of(new LockRequest(null, lockFor, String.format(Locale.ROOT,
                    "equity drawdown %.1f%% at or above %.1f%%", dd * 100, maxDrawdown * 100)));
        }

        @Override
        public String toString() {
            return "MaxDrawdown[maxDrawdown=" + maxDrawdown + ", lockFor=" + lockFor + "]";
        }
    }

    record LowProfit(int minTrades, Duration lookback, double minProfit, Duration lockFor) implements Protection {
        @Override
        public String name() {
            return "low-profit";
        }

        @Override
        public Optional<LockRequest> evaluate(@Nullable ClosedTrade last, List<ClosedTrade> recent, Instant now) {
            if (last == null) {
                return Optional.empty();
            }
            int n = 0;
            double profit = 0;
            for (ClosedTrade t : recent) {
                if (t.symbol().equals(last.symbol()) && within(t, now, lookback)) {
                    n++;
                    profit += t.profitRatio();
                }
            }
            if (n < minTrades || profit >= minProfit) {
                return Optional.empty();
            }
            return Optional.of(new LockRequest(last.symbol(), lockFor, String.format(Locale.ROOT,
                    "%s made %.2f%% over %d trades within %s, below %.2f%%", last.symbol(), profit * 100, n,
                    HumanDuration.format(lookback), minProfit * 100)));
        }
    }

    record LossStreak(int losses, Duration lookback, Duration lockFor, boolean perSymbol) implements Protection {
        @Override
        public String name() {
            return "loss-streak";
        }

        @Override
        public Optional<LockRequest> evaluate(@Nullable ClosedTrade last, List<ClosedTrade> recent, Instant now) {
            if (last == null || !last.loss()) {
                return Optional.empty();
            }
            int streak = 0;
            for (ClosedTrade t : recent) {
                if (perSymbol && !t.symbol().equals(last.symbol())) {
                    continue;
                }
                if (!t.loss() || !within(t, now, lookback)) {
                    break;
                }
                if (++streak >= losses) {
                    return Optional.of(new LockRequest(perSymbol ? last.symbol() : null, lockFor, losses
                            + " losing trades in a row" + (perSymbol ? " on " + last.symbol() : "")));
                }
            }
            return Optional.empty();
        }
    }
}
