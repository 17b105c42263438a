package dev.tradepulse.trading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.alerts.rules.Runbooks;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.compliance.ComplianceLogger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskRulesRunbookTest {

    /** Values tried for each double parameter, so every factory's range check finds one that fits. */
    private static final double[] DOUBLES = {-0.1, 0.5, 2.0};

    @TempDir
    Path dir;

    private final AlertDispatcher dispatcher = AlertDispatcher.builder().sink(LogSink.create()).build();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final PerformanceTracker tracker = PerformanceTracker.builder("momentum").build();
    private ComplianceLogger audit;

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
        if (audit != null) {
            audit.close();
        }
    }

    private KillSwitch killSwitch() {
        audit = ComplianceLogger.builder().directory(dir.resolve("audit")).instance("t").build();
        return KillSwitch.create("momentum", (rule, reason) -> { }, audit, dispatcher);
    }

    /** Every public factory of RiskRules, called reflectively, so one added later is checked without editing this test. */
    private List<Rule> everyFactoryRule(KillSwitch killSwitch) throws Exception {
        List<Rule> rules = new ArrayList<>();
        for (Method m : RiskRules.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == Rule.Builder.class) {
                rules.add(call(m, killSwitch).build());
            }
        }
        return rules;
    }

    private Rule.Builder call(Method m, KillSwitch killSwitch) throws Exception {
        Class<?>[] types = m.getParameterTypes();
        int doubles = (int) java.util.Arrays.stream(types).filter(t -> t == double.class).count();
        int combinations = (int) Math.pow(DOUBLES.length, doubles);
        IllegalArgumentException last = null;
        for (int c = 0; c < combinations; c++) {
            Object[] args = new Object[types.length];
            int code = c;
            for (int i = 0; i < types.length; i++) {
                if (types[i] == double.class) {
                    args[i] = DOUBLES[code % DOUBLES.length];
                    code /= DOUBLES.length;
                } else {
                    args[i] = argument(types[i], killSwitch);
                }
            }
            try {
                return (Rule.Builder) m.invoke(null, args);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof IllegalArgumentException bad)) {
                    throw e;
                }
                last = bad;
            }
        }
        throw new AssertionError("no arguments this test knows satisfy RiskRules." + m.getName(), last);
    }

    private Object argument(Class<?> type, KillSwitch killSwitch) {
        if (type == PerformanceTracker.class) {
            return tracker;
        } else if (type == KillSwitch.class) {
            return killSwitch;
        } else if (type == MeterRegistry.class) {
            return registry;
        } else if (type == String.class) {
            return "exchange.requests";
        } else if (type == int.class) {
            return 5;
        } else if (type == long.class) {
            return 20L;
        } else if (type == Duration.class) {
            return Duration.ofHours(1);
        } else if (type == RiskRulesConfig.class) {
            return RiskRulesConfig.ofDefaults();
        }
        throw new AssertionError("RiskRulesRunbookTest does not know how to call a RiskRules factory taking " + type
                + ": teach argument(...) about it");
    }

    /** The anchors of docs/operations.md's headings, as GitHub makes them. */
    private static Set<String> handbookAnchors() throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(Path.of("..", "docs", "operations.md"))) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence && line.matches("#{1,6} .*")) {
                anchors.add(line.replaceFirst("#{1,6} ", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{Nd} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static void assertLinksToTheHandbook(List<Rule> rules, Set<String> anchors) {
        for (Rule rule : rules) {
            assertThat(rule.runbook()).as(rule.name() + " has a runbook").isPresent();
            String link = rule.runbook().orElseThrow().toString();
            assertThat(link).as(rule.name()).startsWith(Runbooks.BASE.toString());
            assertThat(anchors).as(rule.name() + " links to a heading of docs/operations.md")
                    .contains(Runbooks.anchorOf(rule.runbook().orElseThrow()));
        }
    }

    @Test
    void every_risk_rule_links_to_an_entry_that_exists_in_the_operations_handbook() throws Exception {
        KillSwitch killSwitch = killSwitch();
        List<Rule> rules = everyFactoryRule(killSwitch);

        assertThat(rules).hasSizeGreaterThanOrEqualTo(13);
        assertLinksToTheHandbook(rules, handbookAnchors());
    }

    @Test
    void the_seed_rule_set_for_a_strategy_links_every_rule_to_its_entry() throws Exception {
        List<Rule> rules = RiskRules.forStrategy(tracker, killSwitch(), RiskRulesConfig.ofDefaults());

        assertThat(rules).isNotEmpty();
        assertLinksToTheHandbook(rules, handbookAnchors());
        assertThat(rules).extracting(r -> Runbooks.anchorOf(r.runbook().orElseThrow()))
                .contains("risk-daily-loss-warn", "risk-daily-loss-halt", "risk-balance-drop");
    }
}
