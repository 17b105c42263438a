package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RiskStateRestartTest {

    @TempDir
    Path dir;

    private Fixture f;
    private StateStore store;

    @BeforeEach
    void open() throws Exception {
        f = new Fixture(dir);
        store = StateStore.directory(dir.resolve("state"), f.clock);
    }

    @AfterEach
    void close() {
        store.close();
        f.close();
    }

    private RiskState build(RiskStateConfig config) {
        return RiskState.builder("momentum", f.audit, f.alerts).clock(f.clock).stateStore(store).config(config).build();
    }

    private RiskState build() {
        return build(RiskStateConfig.ofDefaults());
    }

    /** Closes the store and opens another on the same directory, as a new process would. */
    private void restart() throws Exception {
        store.close();
        store = StateStore.directory(dir.resolve("state"), f.clock);
    }

    private Path file() {
        return dir.resolve("state").resolve("risk-state.momentum.state");
    }

    @ParameterizedTest
    @EnumSource(TradingState.class)
    void a_restart_in_each_state_comes_back_in_that_state_with_its_holds_and_audits_it_restored(TradingState at)
            throws Exception {
        RiskState before = build();
        before.restrict(Cause.health("market-data").recovering(), TradingState.REDUCING, "quotes 40 s old");
        if (at == TradingState.HALTED) {
            before.restrict(Cause.rule("daily-loss"), TradingState.HALTED, "daily loss -15.2%");
        } else if (at == TradingState.ACTIVE) {
            before.recover(Cause.health("market-data"), "quotes fresh");
        }
        assertThat(before.current()).isEqualTo(at);
        long sequence = before.lastTransition().orElseThrow().sequence();

        restart();
        RiskState after = build();

        assertThat(after.current()).isEqualTo(at);
        assertThat(after.holds()).isEqualTo(before.holds());
        Transition restored = after.lastTransition().orElseThrow();
        assertThat(restored.type()).isEqualTo(Transition.Type.RESTORED);
        assertThat(restored.sequence()).isEqualTo(sequence);
        List<String> audited = f.stateEvents();
        assertThat(audited.get(audited.size() - 1)).contains("\"action\":\"restored\"", "\"to\":\"" + at + "\"",
                "\"saved_at\"");
        if (at == TradingState.HALTED) {
            assertThat(audited.get(audited.size() - 1)).contains("rule:daily-loss=HALTED", "health:market-data=REDUCING");
            assertThat(f.active("trading-state:momentum").summary()).startsWith("Trading still HALTED for momentum");
        }
        // the recovering cause may still lift its own hold after the restart
        if (at == TradingState.REDUCING) {
            assertThat(after.recover(Cause.health("market-data"), "quotes fresh")).isTrue();
            assertThat(after.current()).isEqualTo(TradingState.ACTIVE);
        }
    }

    @Test
    void no_record_is_a_fresh_start_in_active() throws Exception {
        RiskState s = build();
        assertThat(s.current()).isEqualTo(TradingState.ACTIVE);
        assertThat(s.lastTransition()).isEmpty();
        assertThat(f.stateEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flip-a-byte", "truncate", "empty", "unknown-store-version", "unknown-payload-version",
            "another-scope", "state-does-not-match-holds"})
    void a_damaged_record_lands_in_halted_loudly(String damage) throws Exception {
        build().restrict(Cause.health("market-data"), TradingState.REDUCING, "quotes 40 s old");
        restart();
        byte[] bytes = Files.readAllBytes(file());
        String payload = "tradepulse-risk-state 1\nscope momentum\nstate REDUCING\nsequence 1\nend\n";
        switch (damage) {
            case "flip-a-byte" -> {
                bytes[bytes.length - 10] ^= 0x20;
                Files.write(file(), bytes);
            }
            case "truncate" -> Files.write(file(), Arrays.copyOf(bytes, bytes.length - 7));
            case "empty" -> Files.write(file(), new byte[0]);
            case "unknown-store-version" -> store.write("risk-state.momentum", 2, payload.getBytes(StandardCharsets.UTF_8));
            case "unknown-payload-version" -> store.write("risk-state.momentum", 1,
                    payload.replace("state 1", "state 2").getBytes(StandardCharsets.UTF_8));
            case "another-scope" -> store.write("risk-state.momentum", 1,
                    payload.replace("scope momentum", "scope other").getBytes(StandardCharsets.UTF_8));
            case "state-does-not-match-holds" -> store.write("risk-state.momentum", 1,
                    payload.getBytes(StandardCharsets.UTF_8));
            default -> throw new AssertionError(damage);
        }

        RiskState s = build();

        assertThat(s.current()).isEqualTo(TradingState.HALTED);
        assertThat(s.holds()).singleElement().satisfies(h -> {
            assertThat(h.cause().id()).isEqualTo("system:state-record");
            assertThat(h.reason()).startsWith("the saved trading state could not be read");
        });
        assertThat(f.active("trading-state:momentum").severity()).isEqualTo(Severity.CRITICAL);
        List<String> audited = f.stateEvents();
        assertThat(audited.get(audited.size() - 1)).contains("\"action\":\"restore_failed\"", "\"level\":\"CRITICAL\"",
                "\"to\":\"HALTED\"");
        assertThat(s.recover(Cause.system("state-record"), "looks fine")).as("only an operator lifts it").isFalse();
        assertThat(s.lift("alice", "checked the positions by hand")).isTrue();
        restart();
        assertThat(build().current()).as("the lift replaced the damaged record").isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void the_config_may_choose_reducing_for_a_damaged_record() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "garbage");
        RiskState s = build(RiskStateConfig.custom().failedReadState(TradingState.REDUCING).build());
        assertThat(s.current()).isEqualTo(TradingState.REDUCING);
        assertThat(f.active("trading-state:momentum").severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void a_read_that_fails_lands_in_halted() {
        store.close();
        RiskState s = build();
        assertThat(s.current()).isEqualTo(TradingState.HALTED);
        assertThat(s.holds().get(0).reason()).contains("UNREADABLE", "closed");
    }

    @Test
    void a_save_that_fails_still_lowers_the_state_but_refuses_to_lift_it() throws Exception {
        RiskState s = build();
        store.close();

        assertThat(s.restrict(Cause.rule("daily-loss"), TradingState.HALTED, "daily loss")).isTrue();
        assertThat(s.current()).isEqualTo(TradingState.HALTED);
        assertThat(s.saveFailures()).isEqualTo(1);
        assertThat(f.active("trading-state-store:momentum").severity()).isEqualTo(Severity.CRITICAL);

        assertThat(s.lift("alice", "reviewed")).isFalse();
        assertThat(s.current()).isEqualTo(TradingState.HALTED);
        assertThat(s.saveFailures()).isEqualTo(2);
    }
}
