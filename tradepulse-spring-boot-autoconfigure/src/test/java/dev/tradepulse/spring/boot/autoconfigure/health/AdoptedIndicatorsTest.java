package dev.tradepulse.spring.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AdoptedIndicatorsTest {

    @TempDir
    Path dir;

    private final AtomicInteger dirs = new AtomicInteger();
    private final AtomicInteger countingRuns = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HealthIndicator counting = () -> {
        countingRuns.incrementAndGet();
        return Health.up().withDetail("rows", 3).build();
    };
    private final HealthIndicator hung = () -> {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Health.up().build();
    };
    private final HealthIndicator erroring = () -> {
        throw new NoClassDefFoundError("com/example/jdbc/Driver");
    };
    private final HealthIndicator outOfService = () -> Health.outOfService().withDetail("reason", "maintenance").build();

    @AfterEach
    void releaseTheHungIndicator() {
        release.countDown();
    }

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TradePulseAutoConfiguration.class,
                        TradePulseHealthAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
                .withPropertyValues("tradepulse.data-dir=" + dir.resolve("d" + dirs.incrementAndGet()),
                        "tradepulse.profile=testing", "tradepulse.health.cache=1h")
                .withPropertyValues(properties)
                .withBean("countingHealthIndicator", HealthIndicator.class, () -> counting)
                .withBean("hungHealthIndicator", HealthIndicator.class, () -> hung)
                .withBean("erroringHealthIndicator", HealthIndicator.class, () -> erroring)
                .withBean("outOfServiceHealthIndicator", HealthIndicator.class, () -> outOfService);
    }

    private static Health health(HealthContributor c) {
        return ((HealthIndicator) c).health();
    }

    @Test
    void anIncludedIndicatorReplacesActuatorsContributorOfItsNameAndRunsOncePerRound() {
        runner("tradepulse.health.indicators.include=counting").run(context -> {
            HealthContributorRegistry actuator = context.getBean(HealthContributorRegistry.class);
            HealthContributor shown = actuator.getContributor("counting");

            assertThat(shown).isNotSameAs(counting).isInstanceOf(HealthIndicator.class);
            Health first = health(shown);
            Health second = health(shown);
            assertThat(first.getStatus()).isEqualTo(Status.UP);
            assertThat(first.getDetails()).containsEntry("rows", 3).containsKey("durationMs")
                    .doesNotContainKey(IndicatorCheck.STATUS_CODE);
            assertThat(second).isEqualTo(first);
            assertThat(countingRuns).as("one run answers both requests, and Actuator never runs it itself").hasValue(1);
            assertThat(context.getBean(TradePulse.class).health().names()).contains("counting");
            assertThat(actuator.getContributor("hung")).as("not included: Actuator's own").isSameAs(hung);
        });
    }

    @Test
    void anAdoptedIndicatorIsNotListedAgainUnderTheTradePulseComponent() {
        runner("tradepulse.health.indicators.include=counting").run(context -> {
            TradePulseHealthContributor tradepulse = context.getBean("tradepulseHealthContributor",
                    TradePulseHealthContributor.class);

            assertThat(tradepulse.getContributor("counting")).isNull();
            assertThat(tradepulse.stream().map(e -> e.name())).doesNotContain("counting").contains("process");
        });
    }

    @Test
    void aHungIndicatorIsBoundedByItsOwnTimeout() {
        runner("tradepulse.health.indicators.include=hung,counting",
                "tradepulse.health.indicators.timeouts.hung=200ms").run(context -> {
            HealthContributor shown = context.getBean(HealthContributorRegistry.class).getContributor("hung");

            long start = System.nanoTime();
            Health h = health(shown);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails().get("message")).asString().contains("timed out");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(health(context.getBean(HealthContributorRegistry.class).getContributor("counting")).getStatus())
                    .as("the same round, not held up by the hung one").isEqualTo(Status.UP);
        });
    }

    @Test
    void anErrorThrownByAnIndicatorIsCaughtAndReportedDown() {
        runner("tradepulse.health.indicators.include=erroring").run(context -> {
            Health h = health(context.getBean(HealthContributorRegistry.class).getContributor("erroring"));

            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsEntry("criticality", "CRITICAL");
        });
    }

    @Test
    void anIndicatorsOwnStatusComesBackAsItWas() {
        runner("tradepulse.health.indicators.include=outOfService").run(context -> {
            Health h = health(context.getBean(HealthContributorRegistry.class).getContributor("outOfService"));

            assertThat(h.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(h.getDetails()).containsEntry("reason", "maintenance");
        });
    }

    @Test
    void theStarAdoptsEveryIndicatorButTradePulsesOwnSpringsAvailabilityStatesAndTheExcludedOnes() {
        HealthIndicator readiness = () -> Health.up().build();
        runner("tradepulse.health.indicators.include=*", "tradepulse.health.indicators.exclude=hung")
                .withBean("readinessStateHealthIndicator", HealthIndicator.class, () -> readiness).run(context -> {
            AdoptedIndicators adopted = context.getBean(AdoptedIndicators.class);
            HealthContributorRegistry actuator = context.getBean(HealthContributorRegistry.class);

            assertThat(adopted.adopted()).containsExactlyInAnyOrder("counting", "erroring", "outOfService");
            assertThat(actuator.getContributor("hung")).isSameAs(hung);
            assertThat(actuator.getContributor("readinessState")).isSameAs(readiness);
            assertThat(actuator.getContributor("tradepulse")).isInstanceOf(TradePulseHealthContributor.class);
        });
    }

    @Test
    void anIncludedNameThatIsNoIndicatorFailsTheStartNamingTheKnownOnes() {
        runner("tradepulse.health.indicators.include=countng").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("tradepulse.health.indicators.include")
                    .hasMessageContaining("'countng' is not a health contributor").hasMessageContaining("counting");
        });
    }

    @Test
    void includingTradePulsesOwnContributorFailsTheStart() {
        runner("tradepulse.health.indicators.include=tradepulse").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("'tradepulse' is TradePulse's own");
        });
    }

    @Test
    void withoutIncludeActuatorKeepsEveryIndicator() {
        runner().run(context -> {
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("counting")).isSameAs(counting);
            assertThat(context.getBean(AdoptedIndicators.class).adopted()).isEmpty();
            assertThat(countingRuns).hasValue(0);
        });
    }
}
