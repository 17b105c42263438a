package dev.tradepulse.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.CollectingSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.test.MutableClock;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunbookTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final CollectingSink sink = new CollectingSink();
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock).sink(sink).build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    /** Calls every public factory of {@link Rules}, so a factory added later is checked without editing this test. */
    private static List<Rule> everyShippedRule() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        List<Rule> rules = new ArrayList<>();
        for (Method m : Rules.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || m.getReturnType() != Rule.Builder.class) {
                continue;
            }
            Object[] args = Arrays.stream(m.getParameterTypes()).map(type -> argument(type, registry)).toArray();
            rules.add(((Rule.Builder) m.invoke(null, args)).build());
        }
        return rules;
    }

    private static Object argument(Class<?> type, MeterRegistry registry) {
        if (type == MeterRegistry.class) {
            return registry;
        } else if (type == String.class) {
            return "exchange.requests";
        } else if (type == double.class) {
            return 0.5;
        } else if (type == int.class) {
            return 5;
        } else if (type == long.class) {
            return 20L;
        } else if (type == Duration.class) {
            return Duration.ofMinutes(10);
        } else if (type == Retry.class) {
            return Retry.ofDefaults("exchange");
        } else if (type == Supplier.class) {
            return (Supplier<Instant>) () -> null;
        } else if (type == String[].class) {
            return new String[0];
        }
        throw new AssertionError("RunbookTest does not know how to call a Rules factory taking " + type
                + ": teach argument(...) about it");
    }

    @Test
    void every_shipped_rule_links_to_an_entry_that_exists_in_the_operations_handbook() throws Exception {
        Set<String> headings = OperationsHandbook.anchors();
        List<Rule> rules = everyShippedRule();

        assertThat(rules).hasSizeGreaterThanOrEqualTo(9);
        for (Rule rule : rules) {
            assertThat(rule.runbook()).as(rule.name() + " has a runbook").isPresent();
            URI link = rule.runbook().orElseThrow();
            assertThat(link.toString()).as(rule.name()).startsWith(Runbooks.BASE.toString());
            assertThat(headings).as(rule.name() + " links to #" + Runbooks.anchorOf(link) + ", a heading in "
                    + OperationsHandbook.FILE).contains(Runbooks.anchorOf(link));
        }
    }

    @Test
    void the_base_matches_the_projects_site_and_an_entry_is_the_base_plus_its_anchor() {
        assertThat(Runbooks.BASE).hasToString("https://tradepulse.dev/docs/operations#");
        assertThat(Runbooks.entry("disk-free-low")).hasToString("https://tradepulse.dev/docs/operations#disk-free-low");
        assertThat(Runbooks.anchorOf(URI.create("https://elsewhere.example/x#disk-free-low"))).isEmpty();
        assertThatThrownBy(() -> Runbooks.entry("Disk Free")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anchor");
        assertThatThrownBy(() -> Runbooks.entry(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("anchor");
    }

    @Test
    void the_alert_a_shipped_rule_fires_carries_its_runbook_link() {
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rules.noEventFor("decision", () -> Instant.parse("2026-12-01T08:00:00Z"), Duration.ofHours(1))
                        .build())
                .build();

        engine.evaluate();

        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.received.isEmpty());
        Alert alert = sink.received.get(0);
        assertThat(alert.runbook()).contains(URI.create("https://tradepulse.dev/docs/operations#no-event"));
    }

    @Test
    void a_runbook_base_in_the_config_repoints_shipped_links_and_leaves_a_users_own_link_alone() {
        URI own = URI.create("https://wiki.example.com/our-bot/stale-feed");
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .config(RuleEngineConfig.custom().runbookBase(URI.create("https://intranet.example/ops.html#")).build())
                .rule(Rules.noEventFor("decision", () -> Instant.parse("2026-12-01T08:00:00Z"), Duration.ofHours(1))
                        .build())
                .rule(Rules.noEventFor("tick", () -> Instant.parse("2026-12-01T08:00:00Z"), Duration.ofHours(1))
                        .runbook(own).build())
                .build();

        engine.evaluate();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received.size() == 2);
        assertThat(sink.received).filteredOn(a -> a.key().equals("no-decision")).singleElement()
                .satisfies(a -> assertThat(a.runbook()).contains(URI.create("https://intranet.example/ops.html#no-event")));
        assertThat(sink.received).filteredOn(a -> a.key().equals("no-tick")).singleElement()
                .satisfies(a -> assertThat(a.runbook()).contains(own));
        assertThat(engine.config().runbookBase()).hasToString("https://intranet.example/ops.html#");
        assertThat(RuleEngineConfig.from(engine.config()).build().runbookBase()).isEqualTo(engine.config().runbookBase());
    }

    @Test
    void a_rule_without_a_runbook_fires_an_alert_without_one() {
        RuleEngine engine = RuleEngine.builder(dispatcher).clock(clock).scheduled(false)
                .rule(Rule.when("always", now -> java.util.OptionalDouble.of(1)).above(0).build()).build();

        engine.evaluate();

        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.received.isEmpty());
        assertThat(sink.received.get(0).runbook()).isEmpty();
    }

    @Test
    void unusable_links_and_bases_are_refused_naming_the_parameter() {
        Rule.Builder rule = Rule.when("r", now -> java.util.OptionalDouble.empty()).above(1);
        assertThatThrownBy(() -> rule.runbook(URI.create("docs/operations.md#x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uri must be absolute");
        assertThatThrownBy(() -> rule.runbook(URI.create("https://user:secret@wiki.example.com/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user info")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> rule.runbook(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("uri");

        RuleEngineConfig.Builder config = RuleEngineConfig.custom();
        assertThatThrownBy(() -> config.runbookBase(URI.create("/ops#"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base must be an absolute");
        assertThatThrownBy(() -> config.runbookBase(URI.create("https://wiki.example.com/ops#top")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
        assertThatThrownBy(() -> config.runbookBase(URI.create("https://u:p@wiki.example.com/ops#")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user info");
        assertThatThrownBy(() -> config.runbookBase(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("base");
        assertThat(RuleEngineConfig.ofDefaults().runbookBase()).isEqualTo(Runbooks.BASE);
    }
}
