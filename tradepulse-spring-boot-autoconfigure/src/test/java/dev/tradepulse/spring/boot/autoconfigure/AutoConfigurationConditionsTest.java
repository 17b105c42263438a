package dev.tradepulse.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigException;
import dev.tradepulse.spring.boot.autoconfigure.health.HealthRounds;
import dev.tradepulse.spring.boot.autoconfigure.health.TradePulseHealthAutoConfiguration;
import dev.tradepulse.spring.boot.autoconfigure.health.TradePulseHealthContributor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AutoConfigurationConditionsTest {

    @TempDir
    Path dir;

    private final AtomicInteger dirs = new AtomicInteger();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TradePulseAutoConfiguration.class,
                        TradePulseHealthAutoConfiguration.class))
                .withPropertyValues("tradepulse.data-dir=" + dir.resolve("d" + dirs.incrementAndGet()),
                        "tradepulse.profile=testing");
    }

    @Test
    void itConfiguresTradePulseOnTheApplicationsRegistryWithItsHealthContributors() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner().withBean(MeterRegistry.class, () -> registry).run(context -> {
            assertThat(context).hasSingleBean(TradePulse.class).hasSingleBean(Config.class)
                    .hasSingleBean(HealthRounds.class)
                    .hasBean("tradepulseHealthContributor").hasBean("tradepulseLivenessHealthContributor")
                    .hasBean("tradepulseReadinessHealthContributor");
            assertThat(context.getBean(TradePulse.class).meterRegistry()).isSameAs(registry);
        });
    }

    @Test
    void itBacksOffWhenTheRuntimeIsNotOnTheClasspath() {
        runner().withClassLoader(new FilteredClassLoader(TradePulse.class))
                .run(context -> assertThat(context).doesNotHaveBean(TradePulse.class).doesNotHaveBean(Config.class));
    }

    @Test
    void itLeavesOutTheHealthContributorsWithoutActuatorsHealth() {
        runner().withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> assertThat(context).hasSingleBean(TradePulse.class)
                        .doesNotHaveBean(TradePulseHealthContributor.class));
    }

    @Test
    void itBacksOffForTheApplicationsOwnTradePulse() {
        Path own = dir.resolve("own");
        runner().withBean("myTradePulse", TradePulse.class, () -> TradePulse.builder().config(
                        SpringConfigSourceTest.config("tradepulse.data-dir=" + own, "tradepulse.profile=testing")).build(),
                        bd -> bd.setDestroyMethodName("close"))
                .run(context -> {
                    assertThat(context).hasSingleBean(TradePulse.class).hasBean("myTradePulse");
                    assertThat(context.getBean(TradePulse.class).config().path("data-dir")).contains(own);
                });
    }

    @Test
    void itDoesNothingWhenTurnedOff() {
        runner().withPropertyValues("tradepulse.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TradePulse.class)
                        .doesNotHaveBean(TradePulseHealthContributor.class));
    }

    @Test
    void theHealthContributorsTurnOffWithActuatorsProperty() {
        runner().withPropertyValues("management.health.tradepulse.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(TradePulse.class)
                        .doesNotHaveBean(TradePulseHealthContributor.class));
    }

    @Test
    void customizersAddWhatPropertiesCannotSay() {
        runner().withBean(TradePulseBuilderCustomizer.class, () -> b -> b.strategy("coded"))
                .withPropertyValues("tradepulse.strategies.momentum.enabled=true")
                .run(context -> assertThat(context.getBean(TradePulse.class).strategies())
                        .contains("coded", "momentum"));
    }

    @Test
    void aMistypedPropertyFailsTheStartNamingTheKey() {
        runner().withPropertyValues("tradepulse.server.prot=9090").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigException.class)
                    .hasMessageContaining("server.prot").hasMessageContaining("server.port");
        });
    }

    @Test
    void closingTheContextClosesTradePulseAndReleasesItsDataDir() {
        Path shared = dir.resolve("shared");
        ApplicationContextRunner r = runner().withPropertyValues("tradepulse.data-dir=" + shared);
        r.run(context -> assertThat(context).hasSingleBean(TradePulse.class));
        r.run(context -> assertThat(context).hasNotFailed().hasSingleBean(TradePulse.class));
    }
}
