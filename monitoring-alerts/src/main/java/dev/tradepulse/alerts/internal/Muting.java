package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.Inhibition;
import dev.tradepulse.alerts.Silence;
import dev.tradepulse.api.alert.Alert;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Silences and inhibitions: whether an alert about to go out is muted. Thread-safe. */
final class Muting {

    private final List<Inhibition> inhibitions;
    private final List<Silence> silences = new CopyOnWriteArrayList<>();

    private final Ticker ticker;

    Muting(List<Inhibition> inhibitions, Ticker ticker) {
        this.inhibitions = List.copyOf(inhibitions);
        this.ticker = ticker;
    }

    void add(Silence silence) {
        silences.add(silence);
    }

    /**
     * Silenced now, or inhibited by another firing alert. Cheap when neither is configured: the
     * clock is read only when there are silences.
     */
    boolean muted(Alert alert, Collection<KeyTracker.Firing> firing) {
        if (!silences.isEmpty()) {
            Instant now = Instant.ofEpochMilli(ticker.wallMillis());
            silences.removeIf(s -> !now.isBefore(s.until()));
            for (Silence s : silences) {
                if (s.mutes(alert, now)) {
                    return true;
                }
            }
        }
        if (!inhibitions.isEmpty()) {
            for (KeyTracker.Firing f : firing) {
                for (Inhibition rule : inhibitions) {
                    if (rule.mutes(f.alert(), alert)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
