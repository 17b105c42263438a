package dev.tradepulse.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.tradepulse.alerts.archfixture.AlertsFixtures;
import dev.tradepulse.api.archfixture.ApiFixtures;
import dev.tradepulse.chat.archfixture.ChatFixtures;
import dev.tradepulse.compliance.archfixture.ComplianceFixtures;
import dev.tradepulse.core.archfixture.CoreFixtures;
import dev.tradepulse.core.internal.CoreInternalFixture;
import dev.tradepulse.health.archfixture.HealthFixtures;
import dev.tradepulse.http.archfixture.HttpFixtures;
import dev.tradepulse.runtime.archfixture.RuntimeFixtures;
import dev.tradepulse.test.archfixture.TestKitFixtures;
import dev.tradepulse.trading.archfixture.TradingFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The module graph, machine-checked with ArchUnit on the compiled main classes of every module
 * (this module depends on all of them). Each module owns one top-level package:
 * {@code dev.tradepulse.<module>}. Every rule is also evaluated on the deliberate violations in the
 * {@code archfixture} test packages, so a rule that could never fail would fail here.
 */
class ModuleBoundariesTest {

    private static final String[] MODULES = {"api", "core", "health", "alerts", "compliance", "trading", "http", "test",
        "runtime", "chat"};

    /** HTTP and JSON libraries that the contracts module must not pull in. */
    private static final String[] HTTP_AND_JSON = {"com.sun.net.httpserver..", "java.net.http..",
        "com.fasterxml.jackson..", "org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet.."};

    /** The main classes of every module, without tests (and so without the fixtures). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrls(ourLocations());

    /**
     * Where our packages are on the class path: each module's jar or classes directory. (Asking
     * ArchUnit for the package would also open every other jar on the class path to look inside.)
     */
    private static List<URL> ourLocations() {
        try {
            return Collections.list(ModuleBoundariesTest.class.getClassLoader().getResources("dev/tradepulse/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pkg(String module) {
        return "dev.tradepulse." + module + "..";
    }

    /** Every module but {@code module} and the ones it may depend on. */
    private static String[] othersThan(String module, String... allowed) {
        List<String> others = new ArrayList<>();
        for (String m : MODULES) {
            if (!m.equals(module) && !Arrays.asList(allowed).contains(m)) {
                others.add(pkg(m));
            }
        }
        return others.toArray(String[]::new);
    }

    static final ArchRule NO_FOREIGN_INTERNALS = CompositeArchRule.of(Arrays.stream(MODULES)
            .<ArchRule>map(m -> noClasses().that().resideOutsideOfPackage(pkg(m))
                    .should().dependOnClassesThat().resideInAPackage("dev.tradepulse." + m + ".internal..")
                    .as("no class outside " + m + " uses " + m + "'s internal package"))
            .toList()).as("no module uses another module's internal package");

    static final ArchRule API_DEPENDS_ON_NO_MODULE = noClasses().that().resideInAPackage(pkg("api"))
            .should().dependOnClassesThat().resideInAnyPackage(othersThan("api"))
            .as("api depends on no other TradePulse module");

    static final ArchRule API_HAS_NO_HTTP_OR_JSON = noClasses().that().resideInAPackage(pkg("api"))
            .should().dependOnClassesThat().resideInAnyPackage(HTTP_AND_JSON)
            .as("api depends on no HTTP or JSON library");

    static final ArchRule CORE_ONLY_ON_API = noClasses().that().resideInAPackage(pkg("core"))
            .should().dependOnClassesThat().resideInAnyPackage(othersThan("core", "api"))
            .as("core depends on api only");

    static final ArchRule HEALTH_ONLY_ON_API = noClasses().that().resideInAPackage(pkg("health"))
            .should().dependOnClassesThat().resideInAnyPackage(othersThan("health", "api"))
            .as("health depends on api only");

    static final ArchRule ALERTS_NOT_ON_COMPLIANCE_TRADING_HTTP = noClasses().that().resideInAPackage(pkg("alerts"))
            .should().dependOnClassesThat().resideInAnyPackage(pkg("compliance"), pkg("trading"), pkg("http"),
                    pkg("test"))
            .as("alerts depends on neither compliance, trading, http nor the test kit");

    static final ArchRule COMPLIANCE_ONLY_ON_API = noClasses().that().resideInAPackage(pkg("compliance"))
            .should().dependOnClassesThat().resideInAnyPackage(othersThan("compliance", "api"))
            .as("compliance depends on api only (not on core, health, alerts, trading, http or the test kit)");

    static final ArchRule TRADING_NOT_ON_HTTP = noClasses().that().resideInAPackage(pkg("trading"))
            .should().dependOnClassesThat().resideInAnyPackage(pkg("http"), pkg("test"))
            .as("trading depends on neither http nor the test kit");

    static final ArchRule TEST_KIT_ONLY_ON_API = noClasses().that().resideInAPackage(pkg("test"))
            .should().dependOnClassesThat().resideInAnyPackage(othersThan("test", "api"))
            .as("the test kit depends on api only");

    static final ArchRule CHAT_ONLY_ON_API = noClasses().that().resideInAPackage(pkg("chat"))
            .should().dependOnClassesThat().resideInAnyPackage(othersThan("chat", "api"))
            .as("chat depends on api only");

    static final ArchRule NO_LIBRARY_ON_RUNTIME = noClasses().that().resideOutsideOfPackages(pkg("runtime"),
                    pkg("examples"), pkg("readme"), pkg("benchmarks"))
            .should().dependOnClassesThat().resideInAPackage(pkg("runtime"))
            .as("no library module depends on runtime, the layer on top that wires them");

    static final ArchRule NO_CYCLES_ACROSS_MODULES = slices().matching("dev.tradepulse.(*)..").namingSlices("$1")
            .should().beFreeOfCycles().as("no dependency cycle between modules");

    private static final List<ArchRule> RULES = List.of(NO_FOREIGN_INTERNALS, API_DEPENDS_ON_NO_MODULE,
            API_HAS_NO_HTTP_OR_JSON, CORE_ONLY_ON_API, HEALTH_ONLY_ON_API, ALERTS_NOT_ON_COMPLIANCE_TRADING_HTTP,
            COMPLIANCE_ONLY_ON_API, TRADING_NOT_ON_HTTP, TEST_KIT_ONLY_ON_API, CHAT_ONLY_ON_API, NO_LIBRARY_ON_RUNTIME,
            NO_CYCLES_ACROSS_MODULES);

    @Test
    void the_main_classes_of_every_module_were_imported() {
        for (String module : MODULES) {
            assertThat(MAIN.stream().anyMatch(c -> c.getPackageName().startsWith("dev.tradepulse." + module)))
                    .as("classes of %s on the classpath", module).isTrue();
        }
        assertThat(MAIN.stream().noneMatch(c -> c.getPackageName().contains(".archfixture")))
                .as("the fixtures are test classes, kept out of the real check").isTrue();
    }

    @Test
    void no_module_uses_another_modules_internal_package() {
        NO_FOREIGN_INTERNALS.check(MAIN);
    }

    @Test
    void api_depends_on_no_other_module_and_on_no_http_or_json_library() {
        API_DEPENDS_ON_NO_MODULE.check(MAIN);
        API_HAS_NO_HTTP_OR_JSON.check(MAIN);
    }

    @Test
    void core_health_and_compliance_depend_on_api_only() {
        CORE_ONLY_ON_API.check(MAIN);
        HEALTH_ONLY_ON_API.check(MAIN);
        COMPLIANCE_ONLY_ON_API.check(MAIN);
    }

    @Test
    void alerts_trading_and_the_test_kit_keep_their_layer() {
        ALERTS_NOT_ON_COMPLIANCE_TRADING_HTTP.check(MAIN);
        TRADING_NOT_ON_HTTP.check(MAIN);
        TEST_KIT_ONLY_ON_API.check(MAIN);
    }

    @Test
    void chat_depends_on_api_only_and_nothing_but_the_runtime_uses_the_runtime() {
        CHAT_ONLY_ON_API.check(MAIN);
        NO_LIBRARY_ON_RUNTIME.check(MAIN);
    }

    @Test
    void every_library_package_is_null_marked_so_that_nullaway_checks_it() {
        // compliance is still to be settled with NullAway (issue 13); examples is a demo, not a library
        Set<String> unmarked = new TreeSet<>();
        MAIN.stream().map(JavaClass::getPackage)
                .filter(p -> !p.getName().startsWith("dev.tradepulse.compliance")
                        && !p.getName().startsWith("dev.tradepulse.examples"))
                .filter(p -> !p.isAnnotatedWith(NullMarked.class)).forEach(p -> unmarked.add(p.getName()));

        assertThat(unmarked).as("packages without @NullMarked in their package-info.java").isEmpty();
    }

    @Test
    void no_dependency_cycle_between_modules() {
        NO_CYCLES_ACROSS_MODULES.check(MAIN);
    }

    /** Each rule, on classes that break it on purpose: the rule must report the violation. */
    @Nested
    class EachRuleFailsOnADeliberateViolation {

        private EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
            return rule.evaluate(new ClassFileImporter().importClasses(classes));
        }

        private void assertViolated(ArchRule rule, Class<?> offender, Class<?>... others) {
            List<Class<?>> classes = new ArrayList<>(List.of(others));
            classes.add(offender);
            EvaluationResult result = evaluate(rule, classes.toArray(Class<?>[]::new));
            assertThat(result.hasViolation()).as("%s on %s", rule.getDescription(), offender.getName()).isTrue();
            assertThat(result.getFailureReport().getDetails()).as("the report names the offender")
                    .anySatisfy(line -> assertThat(line).contains(offender.getName()));
        }

        @Test
        void a_class_reaching_into_another_modules_internal_package() {
            assertViolated(NO_FOREIGN_INTERNALS, HealthFixtures.HealthUsesCoreInternal.class,
                    CoreInternalFixture.class);
        }

        @Test
        void api_using_a_module_jackson_or_http() {
            assertViolated(API_DEPENDS_ON_NO_MODULE, ApiFixtures.ApiUsesCore.class, CoreFixtures.CoreClass.class);
            assertViolated(API_HAS_NO_HTTP_OR_JSON, ApiFixtures.ApiUsesJackson.class);
            assertViolated(API_HAS_NO_HTTP_OR_JSON, ApiFixtures.ApiUsesHttpServer.class);
            assertViolated(API_HAS_NO_HTTP_OR_JSON, ApiFixtures.ApiUsesHttpClient.class);
        }

        @Test
        void core_using_health_and_health_using_core() {
            assertViolated(CORE_ONLY_ON_API, CoreFixtures.CoreUsesHealth.class, HealthFixtures.HealthClass.class);
            assertViolated(HEALTH_ONLY_ON_API, HealthFixtures.HealthUsesCore.class, CoreFixtures.CoreClass.class);
        }

        @Test
        void alerts_using_compliance_and_compliance_using_alerts_or_health() {
            assertViolated(ALERTS_NOT_ON_COMPLIANCE_TRADING_HTTP, AlertsFixtures.AlertsUsesCompliance.class,
                    ComplianceFixtures.ComplianceClass.class);
            assertViolated(COMPLIANCE_ONLY_ON_API, ComplianceFixtures.ComplianceUsesAlerts.class,
                    AlertsFixtures.AlertsClass.class);
            assertViolated(COMPLIANCE_ONLY_ON_API, ComplianceFixtures.ComplianceUsesHealth.class,
                    HealthFixtures.HealthClass.class);
        }

        @Test
        void trading_using_http() {
            assertViolated(TRADING_NOT_ON_HTTP, TradingFixtures.TradingUsesHttp.class, HttpFixtures.HttpClass.class);
        }

        @Test
        void the_test_kit_using_health() {
            assertViolated(TEST_KIT_ONLY_ON_API, TestKitFixtures.KitUsesHealth.class, HealthFixtures.HealthClass.class);
        }

        @Test
        void chat_using_trading_or_the_runtime() {
            assertViolated(CHAT_ONLY_ON_API, ChatFixtures.ChatUsesTrading.class, TradingFixtures.TradingClass.class);
            assertViolated(NO_LIBRARY_ON_RUNTIME, ChatFixtures.ChatUsesRuntime.class, RuntimeFixtures.RuntimeClass.class);
        }

        @Test
        void two_modules_that_use_each_other() {
            EvaluationResult result = evaluate(NO_CYCLES_ACROSS_MODULES, AlertsFixtures.AlertsUsesTrading.class,
                    AlertsFixtures.AlertsClass.class, TradingFixtures.TradingUsesAlerts.class,
                    TradingFixtures.TradingClass.class);

            assertThat(result.hasViolation()).isTrue();
            assertThat(String.join("\n", result.getFailureReport().getDetails())).contains("alerts").contains("trading");
        }

        @Test
        void and_every_rule_passes_on_classes_that_keep_it() {
            for (ArchRule rule : RULES) {
                assertThat(evaluate(rule.allowEmptyShould(true), HttpFixtures.HttpClass.class,
                        CoreFixtures.CoreClass.class, HealthFixtures.HealthClass.class).hasViolation())
                        .as(rule.getDescription()).isFalse();
            }
        }
    }
}
