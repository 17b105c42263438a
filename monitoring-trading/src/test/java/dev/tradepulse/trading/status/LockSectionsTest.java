package dev.tradepulse.trading.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockSectionsTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final LockBook locks = LockBook.builder().clock(clock).build();
    private final StatusSection section = LockSections.locks(locks);

    @Test
    void withoutLocksItSaysSo() {
        assertThat(section.id()).isEqualTo("locks");
        assertThat(section.view(true)).isEqualTo(StatusView.note("No trading locks."));
    }

    @Test
    void withDetailsEachLockInForceIsARowAndAGlobalOneIsCritical() {
        locks.lock("BTCUSDT", Duration.ofMinutes(30), "3 stop-losses within 1h", "stoploss-guard");
        locks.lock(null, Duration.ofHours(2), "equity drawdown 16.0%", "max-drawdown");
        clock.advance(Duration.ofMinutes(5));

        StatusView.Table table = (StatusView.Table) section.view(true);

        assertThat(table.columns()).containsExactly("Scope", "Reason", "Source", "Since (UTC)", "Until (UTC)", "Left");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0).tone()).isEqualTo(Tone.CRITICAL);
        assertThat(table.rows().get(0).cells()).containsExactly("all symbols", "equity drawdown 16.0%", "max-drawdown",
                "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z", "1h 55m");
        assertThat(table.rows().get(1).tone()).isEqualTo(Tone.WARN);
        assertThat(table.rows().get(1).cells()).startsWith("BTCUSDT").endsWith("25m 0s");
    }

    @Test
    void withoutDetailsItShowsOnlyTheCountAndWhetherOneIsGlobal() {
        locks.lock("BTCUSDT", Duration.ofMinutes(30), "secret reason", "stoploss-guard");

        StatusView.Table table = (StatusView.Table) section.view(false);

        assertThat(table.rows()).singleElement().satisfies(r -> assertThat(r.cells()).containsExactly("1", "no"));
        assertThat(table.toString()).doesNotContain("BTCUSDT", "secret");
    }

    @Test
    void anExpiredLockLeavesThePage() {
        locks.lock("BTCUSDT", Duration.ofMinutes(1), "cooldown", "cooldown");
        clock.advance(Duration.ofMinutes(1));

        assertThat(section.view(true)).isEqualTo(StatusView.note("No trading locks."));
    }
}
