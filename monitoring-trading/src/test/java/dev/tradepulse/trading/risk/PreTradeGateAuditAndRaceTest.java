package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.trading.Side;
import dev.tradepulse.test.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreTradeGateAuditAndRaceTest {

    private static final OrderIntent ORDER = OrderIntent.of("BTCUSDT", Side.BUY, 0.1, 60_000);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void aThousandDenialsWriteOneAuditEventAndTheNextIntervalCarriesTheSuppressedCount() throws IOException {
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build()) {
            PreTradeGate gate = PreTradeGate.builder("momentum").state(() -> TradingState.HALTED).audit(audit)
                    .clock(clock).build();
            for (int i = 0; i < 1_000; i++) {
                gate.check(ORDER);
            }
            audit.flush();
            assertThat(gateEvents()).hasSize(1).first().asString().contains("\"suppressed\":0", "BTCUSDT",
                    "pre-trade-gate.STATE_HALTED", "pre-trade-gate:momentum");

            clock.advance(PreTradeGateConfig.DEFAULT_AUDIT_INTERVAL);
            gate.check(ORDER);
            audit.flush();

            List<String> events = gateEvents();
            assertThat(events).hasSize(2);
            assertThat(events.get(1)).contains("\"suppressed\":999");
            assertThat(gate.denials(GateDecision.Reason.STATE_HALTED)).isEqualTo(1_001);
        }
    }

    @Test
    void eachReasonHasItsOwnAuditAllowance() throws IOException {
        AtomicReference<TradingState> state = new AtomicReference<>(TradingState.HALTED);
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build()) {
            PreTradeGate gate = PreTradeGate.builder("momentum").state(state::get).audit(audit).clock(clock).build();
            for (int i = 0; i < 50; i++) {
                gate.check(ORDER);
            }
            state.set(TradingState.REDUCING);
            for (int i = 0; i < 50; i++) {
                gate.check(ORDER);
            }
            audit.flush();

            assertThat(gateEvents()).hasSize(2);
        }
    }

    @Test
    void aJournalThatHasFailedNeverReachesTheCaller() {
        ComplianceLogger audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build();
        PreTradeGate gate = PreTradeGate.builder("momentum").state(() -> TradingState.HALTED).audit(audit)
                .clock(clock).build();
        audit.close();

        GateDecision d = gate.check(ORDER);

        assertThat(d.reason()).isEqualTo(GateDecision.Reason.STATE_HALTED);
        assertThat(gate.denials(GateDecision.Reason.STATE_HALTED)).isEqualTo(1);
    }

    /**
     * Threads check orders without pause while the main thread halts. A check that began after
     * the halt was recorded must not pass; checks that began before may.
     */
    @Test
    void noCheckThatStartsAfterTheHaltIsRecordedPasses() throws Exception {
        AtomicReference<TradingState> state = new AtomicReference<>(TradingState.ACTIVE);
        PreTradeGate gate = PreTradeGate.builder("momentum").state(state::get)
                .config(PreTradeGateConfig.custom().maxOrdersPerSecond(0).maxOrdersPerMinute(0).build()).build();
        AtomicBoolean halted = new AtomicBoolean();
        AtomicLong passedAfterHalt = new AtomicLong();
        AtomicLong deniedAfterHalt = new AtomicLong();
        AtomicLong passedBefore = new AtomicLong();
        int threads = 4;
        CountDownLatch running = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    running.countDown();
                    while (deniedAfterHalt.get() < 10_000) {
                        boolean afterHalt = halted.get();
                        GateDecision d = gate.check(ORDER);
                        if (afterHalt) {
                            (d.allowed() ? passedAfterHalt : deniedAfterHalt).incrementAndGet();
                        } else if (d.allowed()) {
                            passedBefore.incrementAndGet();
                        }
                    }
                }));
            }
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            while (passedBefore.get() < 10_000) {
                Thread.onSpinWait();
            }
            state.set(TradingState.HALTED); // the halt is recorded...
            halted.set(true);               // ...then announced to the workers
            for (Future<?> w : workers) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(passedBefore.get()).isGreaterThanOrEqualTo(10_000);
        assertThat(deniedAfterHalt.get()).isGreaterThanOrEqualTo(10_000);
        assertThat(passedAfterHalt.get()).isZero();
    }

    private List<String> gateEvents() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("audit"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (f.getFileName().toString().contains("jsonl")) {
                    Files.readAllLines(f).stream().filter(l -> l.contains("pre-trade-gate.")).forEach(lines::add);
                }
            }
        }
        return lines;
    }
}
