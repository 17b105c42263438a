package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.AuditSummary;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.test.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockBookTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final LockBook locks = LockBook.builder().clock(clock).build();

    @Test
    void stackedLocksHoldASymbolUntilTheLastOneEnds() {
        locks.lock("BTCUSDT", Duration.ofMinutes(10), "cooldown after a loss", "cooldown");
        locks.lock("BTCUSDT", Duration.ofMinutes(30), "3 stop-losses", "stoploss-guard");

        assertThat(locks.active()).hasSize(2);
        assertThat(locks.lockOn("BTCUSDT")).get().extracting(TradingLock::source).isEqualTo("stoploss-guard");
        clock.advance(Duration.ofMinutes(15));
        assertThat(locks.active()).extracting(TradingLock::source).containsExactly("stoploss-guard");
        assertThat(locks.lockOn("BTCUSDT")).isPresent();
        clock.advance(Duration.ofMinutes(15));
        assertThat(locks.lockOn("BTCUSDT")).isEmpty();
        assertThat(locks.active()).isEmpty();
    }

    @Test
    void aGlobalLockCoversEverySymbolAndIsListedFirst() {
        locks.lock("ETHUSDT", Duration.ofMinutes(5), "cooldown", "cooldown");
        locks.lock(null, Duration.ofHours(1), "equity drawdown 16%", "max-drawdown");

        assertThat(locks.lockOn("SOLUSDT")).get().matches(TradingLock::global);
        assertThat(locks.active()).extracting(TradingLock::scope).containsExactly("all symbols", "ETHUSDT");
    }

    @Test
    void anOperatorLocksAndUnlocksWithWhoAndWhyInTheJournal() {
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t")
                .keepRecent(10).build()) {
            LockBook book = LockBook.builder().clock(clock).audit(audit).build();
            TradingLock lock = book.operatorLock(Actor.of("alice"), "BTCUSDT", Duration.ofHours(1), "maintenance");
            book.lock("BTCUSDT", Duration.ofMinutes(5), "cooldown", "cooldown");

            List<TradingLock> lifted = book.operatorUnlock(Actor.of("bob"), "BTCUSDT", "maintenance over");

            assertThat(lock.source()).isEqualTo("operator:alice");
            assertThat(lifted).hasSize(2);
            assertThat(book.lockOn("BTCUSDT")).isEmpty();
            List<AuditSummary> recent = audit.recentEvents();
            assertThat(recent).extracting(AuditSummary::actor).containsExactly("bob", "cooldown", "alice");
            assertThat(recent).extracting(AuditSummary::action).containsExactly("rearm", "limit_breach",
                    "limit_breach");
        }
    }

    @Test
    void unlockingTheGlobalScopeLeavesSymbolLocks() {
        locks.lock(null, Duration.ofHours(1), "drawdown", "max-drawdown");
        locks.lock("BTCUSDT", Duration.ofHours(1), "cooldown", "cooldown");

        assertThat(locks.operatorUnlock(Actor.of("alice"), null, "reviewed")).hasSize(1);
        assertThat(locks.lockOn("ETHUSDT")).isEmpty();
        assertThat(locks.lockOn("BTCUSDT")).isPresent();
    }

    @Test
    void aLockNeedsAPositiveBoundedDurationAndANonBlankSymbol() {
        assertThatThrownBy(() -> locks.lock("BTCUSDT", Duration.ZERO, "r", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> locks.lock("BTCUSDT", Duration.ofDays(3651), "r", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> locks.lock(" ", Duration.ofMinutes(1), "r", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
    }
}
