package dev.tradepulse.trading.status;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.TradingLock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The status-page section of a {@link LockBook}'s locks, also in {@code /status} like every
 * section. Stateless; safe from any thread.
 */
public final class LockSections {

    private LockSections() {
    }

    /**
     * The locks in force: scope, reason, source, since, until and time left; a global lock is
     * CRITICAL, a symbol's WARN. Without details it shows only how many there are and whether one
     * is global: symbols and reasons are the bot's own data.
     *
     * @param locks the lock book
     * @return the section, with id {@code locks}
     * @throws NullPointerException if {@code locks} is null
     */
    public static StatusSection locks(LockBook locks) {
        Checks.notNull(locks, "locks");
        return StatusSection.of("locks", "Trading locks", details -> view(locks, details));
    }

    private static StatusView view(LockBook book, boolean details) {
        List<TradingLock> active = book.active();
        if (active.isEmpty()) {
            return StatusView.note("No trading locks.");
        }
        boolean global = active.stream().anyMatch(TradingLock::global);
        if (!details) {
            return StatusView.table(List.of("Locks", "Global"), List.of(new StatusView.Row(global ? Tone.CRITICAL
                    : Tone.WARN, List.of(Integer.toString(active.size()), global ? "yes" : "no"))));
        }
        Instant now = book.clock().instant();
        return StatusView.table(List.of("Scope", "Reason", "Source", "Since (UTC)", "Until (UTC)", "Left"),
                active.stream().map(l -> new StatusView.Row(l.global() ? Tone.CRITICAL : Tone.WARN, List.of(l.scope(),
                        l.reason(), l.source(), at(l.since()), at(l.until()), left(Duration.between(now, l.until())))))
                        .toList());
    }

    private static String at(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String left(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? s / 3600 + "h " + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }
}
