package dev.tradepulse.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.trading.status.TradingSections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskStateTest {

    @TempDir
    Path dir;

    private Fixture f;

    @BeforeEach
    void open() {
        f = new Fixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private RiskState.Builder state(String scope) {
        return RiskState.builder(scope, f.audit, f.alerts).clock(f.clock);
    }

    @Test
    void concurrent_triggers_make_one_transition_per_breach_and_never_lose_the_move_to_halted() throws Exception {
        List<Transition> seen = new CopyOnWriteArrayList<>();
        RiskState s = state("momentum").listener(seen::add).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int rounds = 25;
        int moved = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> calls = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    boolean halt = i % 2 == 0;
                    calls.add(pool.submit(() -> {
                        go.await();
                        return halt ? s.restrict(Cause.rule("daily-loss"), TradingState.HALTED, "daily loss -15.2%")
                                : s.restrict(Cause.health("market-data"), TradingState.REDUCING, "quotes 40 s old");
                    }));
                }
                go.countDown();
                int changed = 0;
                for (Future<Boolean> c : calls) {
                    changed += c.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(s.current()).isEqualTo(TradingState.HALTED);
                assertThat(s.holds()).extracting(h -> h.cause().id()).containsExactlyInAnyOrder("rule:daily-loss",
                        "health:market-data");
                // ACTIVE -> HALTED, or ACTIVE -> REDUCING -> HALTED: one or two transitions, each reported once
                assertThat(changed).isBetween(1, 2);
                moved += changed;
                assertThat(s.lift("alice", "round " + round + " reviewed")).isTrue();
                moved++;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(moved);
        assertThat(seen).extracting(Transition::sequence).doesNotHaveDuplicates();
        List<String> audited = f.stateEvents();
        assertThat(audited).hasSize(moved);
        assertThat(audited.stream().filter(l -> l.contains("\"to\":\"HALTED\""))).hasSize(rounds);
        assertThat(audited.stream().filter(l -> l.contains("\"action\":\"up\"") && l.contains("\"actor\":\"alice\"")))
                .hasSize(rounds);
    }

    @Test
    void a_recovering_cause_lifts_its_own_hold_only_when_nothing_else_holds_the_state_down() throws Exception {
        RiskState s = state("momentum").build();
        Cause stale = Cause.health("market-data").recovering();

        assertThat(s.restrict(stale, TradingState.REDUCING, "quotes 40 s old")).isTrue();
        assertThat(s.restrict(Cause.rule("drawdown"), TradingState.REDUCING, "drawdown 12%")).isFalse();
        assertThat(s.recover(Cause.health("market-data"), "quotes fresh")).isTrue();
        assertThat(s.current()).as("the drawdown rule still holds it").isEqualTo(TradingState.REDUCING);
        assertThat(s.recover(Cause.rule("drawdown"), "drawdown 9%")).as("a rule's hold needs an operator").isFalse();
        assertThat(s.current()).isEqualTo(TradingState.REDUCING);

        assertThat(s.lift("bob", "drawdown reviewed")).isTrue();
        assertThat(s.current()).isEqualTo(TradingState.ACTIVE);
        assertThat(s.restrict(stale, TradingState.REDUCING, "quotes 50 s old")).isTrue();
        assertThat(s.recover(stale, "quotes fresh")).isTrue();
        assertThat(s.current()).isEqualTo(TradingState.ACTIVE);
        assertThat(s.lastTransition()).get().satisfies(t -> {
            assertThat(t.type()).isEqualTo(Transition.Type.UP);
            assertThat(t.cause().id()).isEqualTo("health:market-data");
            assertThat(t.reason()).isEqualTo("quotes fresh");
        });
        assertThat(f.stateEvents()).hasSize(4);
    }

    @Test
    void going_up_is_only_by_lift_or_recover_and_a_lift_of_nothing_changes_nothing() {
        RiskState s = state("momentum").build();
        assertThatThrownBy(() -> s.restrict(Cause.rule("r"), TradingState.ACTIVE, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level");
        assertThat(s.lift("alice", "nothing to lift")).isFalse();
        assertThatThrownBy(() -> s.lift(" ", "why")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("who");
        assertThat(s.restrict(Cause.rule("r"), TradingState.HALTED, "halt")).isTrue();
        assertThat(s.restrict(Cause.rule("r"), TradingState.REDUCING, "milder")).as("restrict never lifts").isFalse();
        assertThat(s.current()).isEqualTo(TradingState.HALTED);
    }

    @Test
    void a_strategy_is_as_safe_as_the_safer_of_its_own_state_and_its_accounts() {
        RiskState account = state("binance-main").build();
        RiskState strategy = state("momentum").account(account).build();

        account.restrict(Cause.rule("balance-drop"), TradingState.REDUCING, "balance -8%");
        assertThat(strategy.current()).isEqualTo(TradingState.REDUCING);
        assertThat(strategy.own()).isEqualTo(TradingState.ACTIVE);
        strategy.restrict(Cause.rule("daily-loss"), TradingState.HALTED, "daily loss -15%");
        assertThat(strategy.current()).isEqualTo(TradingState.HALTED);
        strategy.lift("alice", "reviewed");
        assertThat(strategy.current()).isEqualTo(TradingState.REDUCING);
        account.lift("alice", "reviewed");
        assertThat(strategy.current()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void every_transition_is_alerted_by_severity_and_resolved_at_active() {
        RiskState s = state("momentum").build();
        s.restrict(Cause.health("market-data"), TradingState.REDUCING, "quotes 40 s old");
        assertThat(f.active("trading-state:momentum").severity()).isEqualTo(Severity.HIGH);
        s.restrict(Cause.rule("daily-loss"), TradingState.HALTED, "daily loss -15%");
        assertThat(f.active("trading-state:momentum").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.active("trading-state:momentum").summary())
                .isEqualTo("Trading HALTED for momentum (rule:daily-loss): daily loss -15%");
        s.lift("alice", "reviewed");
        assertThat(f.isActive("trading-state:momentum")).isFalse();
    }

    @Test
    void a_listener_that_throws_is_counted_and_never_reaches_the_caller() {
        List<Transition> after = new ArrayList<>();
        RiskState s = state("momentum").listener(t -> {
            throw new StackOverflowError("user code");
        }).listener(after::add).build();

        assertThat(s.restrict(Cause.rule("daily-loss"), TradingState.HALTED, "daily loss")).isTrue();
        assertThat(s.current()).isEqualTo(TradingState.HALTED);
        assertThat(s.listenerFailures()).isEqualTo(1);
        assertThat(after).hasSize(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        s.bindTo(registry);
        assertThat(registry.get("tradepulse.trading.state.listener.failures").tag("scope", "momentum")
                .functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void the_gauge_reads_zero_one_two_for_active_reducing_halted() {
        RiskState account = state("binance-main").build();
        RiskState s = state("momentum").account(account).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        s.bindTo(registry);
        account.bindTo(registry);
        var gauge = registry.get("tradepulse.trading.state").tag("scope", "momentum").gauge();

        assertThat(gauge.value()).isEqualTo(0.0);
        s.restrict(Cause.health("market-data"), TradingState.REDUCING, "stale");
        assertThat(gauge.value()).isEqualTo(1.0);
        account.restrict(Cause.rule("balance-drop"), TradingState.HALTED, "balance -20%");
        assertThat(gauge.value()).as("the effective state, the account's").isEqualTo(2.0);
        assertThat(registry.get("tradepulse.trading.state").tag("scope", "binance-main").gauge().value()).isEqualTo(2.0);
    }

    @Test
    void the_status_section_shows_each_state_and_streams_its_transitions() {
        RiskState s = state("momentum").build();
        var section = TradingSections.tradingStates(List.of(s));
        List<StatusEvent> events = new CopyOnWriteArrayList<>();
        section.events().subscribe(events::add);

        s.restrict(Cause.health("market-data"), TradingState.REDUCING, "quotes 40 s old");
        s.restrict(Cause.rule("daily-loss"), TradingState.HALTED, "daily loss -15%");

        assertThat(section.id()).isEqualTo("trading-states");
        StatusView.Card card = ((StatusView.Cards) section.view(false)).cards().get(0);
        assertThat(card.title()).isEqualTo("momentum");
        assertThat(card.state()).isEqualTo("HALTED");
        assertThat(card.fields()).as("holds and reasons need the token").isEmpty();
        StatusView.Card detailed = ((StatusView.Cards) section.view(true)).cards().get(0);
        assertThat(detailed.fields()).containsKeys("held by rule:daily-loss", "held by health:market-data",
                "last transition");
        assertThat(detailed.fields().get("held by rule:daily-loss")).contains("HALTED", "daily loss -15%",
                "an operator lifts it");

        assertThat(events).extracting(StatusEvent::kind).containsExactly(StatusEvent.Kind.CHANGED,
                StatusEvent.Kind.HALTED);
        assertThat(events).extracting(StatusEvent::state).containsExactly("REDUCING", "HALTED");
        assertThat(events.get(1).subject()).isEqualTo("momentum");
        assertThat(events.get(1).details()).containsEntry("cause", "rule:daily-loss");

        s.lift("alice", "reviewed");
        assertThat(events.get(2).kind()).isEqualTo(StatusEvent.Kind.REARMED);
        assertThat(((StatusView.Cards) section.view(false)).cards().get(0).state()).isEqualTo("ACTIVE");
    }

    @Test
    void the_config_never_lands_a_failed_read_in_active_and_its_builders_name_bad_parameters() {
        assertThatThrownBy(() -> RiskStateConfig.custom().failedReadState(TradingState.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state");
        RiskStateConfig c = RiskStateConfig.custom().failedReadState(TradingState.REDUCING).build();
        assertThat(RiskStateConfig.from(c).build()).isEqualTo(c);
        assertThat(RiskStateConfig.ofDefaults().failedReadState()).isEqualTo(TradingState.HALTED);
        assertThatThrownBy(() -> state(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
        assertThatThrownBy(() -> state("m").stateKey("Bad Key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
        assertThat(RiskState.defaultKey("momentum")).isEqualTo("risk-state.momentum");
        assertThat(RiskState.defaultKey("BTC/USDT momentum")).matches("risk-state\\.btc-usdt-momentum-[0-9a-f]{8}");
    }
}
