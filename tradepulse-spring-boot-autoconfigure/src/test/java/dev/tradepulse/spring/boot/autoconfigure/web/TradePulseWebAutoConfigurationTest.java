package dev.tradepulse.spring.boot.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.StatusPage;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

class TradePulseWebAutoConfigurationTest {

    @TempDir
    Path dir;

    private final AtomicInteger dirs = new AtomicInteger();

    private WebApplicationContextRunner web() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TradePulseAutoConfiguration.class,
                        TradePulseWebAutoConfiguration.class))
                .withPropertyValues("tradepulse.data-dir=" + dir.resolve("d" + dirs.incrementAndGet()),
                        "tradepulse.profile=testing", "tradepulse.server.token=0123456789abcdef0123");
    }

    @Test
    void applicationMapsTheStatusServletAtItsPath() {
        web().withPropertyValues("tradepulse.status.on=application", "tradepulse.status.path=/ops/status").run(context -> {
            assertThat(context).hasSingleBean(StatusServlet.class);
            ServletRegistrationBean<?> registration = (ServletRegistrationBean<?>) context.getBean(
                    "tradepulseStatusServletRegistration");
            assertThat(registration.getUrlMappings()).containsExactly("/ops/status/*");
            assertThat(context.getBean(TradePulse.class).uri()).isEmpty();
        });
    }

    @Test
    void offByDefault() {
        web().run(context -> assertThat(context).hasSingleBean(TradePulse.class).doesNotHaveBean(StatusServlet.class));
    }

    @Test
    void applicationNeedsAServletWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TradePulseAutoConfiguration.class,
                        TradePulseWebAutoConfiguration.class))
                .withPropertyValues("tradepulse.data-dir=" + dir.resolve("plain"), "tradepulse.profile=testing",
                        "tradepulse.status.on=application")
                .run(context -> assertThat(context).hasSingleBean(TradePulse.class).doesNotHaveBean(StatusServlet.class));
    }

    @Test
    void anApplicationsOwnServletBeanWins() {
        web().withPropertyValues("tradepulse.status.on=application")
                .withBean("tradepulseStatusServlet", StatusServlet.class, () -> new StatusServlet(
                        TradePulseWebAutoConfigurationTest.ownPage(), "/mine", "/actuator", "0123456789abcdef0123", 1))
                .run(context -> assertThat(context.getBean(StatusServlet.class).openStreams()).isZero());
    }

    private static StatusPage ownPage() {
        return StatusPage.builder(HealthRegistry.builder().build()).build();
    }

    @Test
    void aBadPathFailsTheStartNamingTheProperty() {
        web().withPropertyValues("tradepulse.status.on=application", "tradepulse.status.path=tradepulse/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("tradepulse.status.path");
        });
    }

    @Test
    void ownPortWithTheServerTurnedOffFailsTheStartNamingBoth() {
        web().withPropertyValues("tradepulse.status.on=own-port", "tradepulse.server.enabled=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("tradepulse.status.on=own-port")
                    .hasMessageContaining("tradepulse.server.enabled=false");
        });
    }
}
