package dev.tradepulse.spring.boot.autoconfigure.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.actuate.audit.listener.AuditListener;
import org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.audit.AuditEventsEndpointAutoConfiguration;
import org.springframework.boot.actuate.audit.AuditEventsEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TradePulseAuditAutoConfigurationTest {

    @TempDir
    Path dir;

    private final AtomicInteger dirs = new AtomicInteger();

    /** Actuator's audit auto-configurations are listed first: the ordering, not the list, must put ours before. */
    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AuditEventsEndpointAutoConfiguration.class,
                        AuditAutoConfiguration.class, TradePulseAutoConfiguration.class,
                        TradePulseAuditAutoConfiguration.class))
                .withPropertyValues("tradepulse.data-dir=" + dir.resolve("d" + dirs.incrementAndGet()),
                        "tradepulse.profile=testing", "management.endpoints.web.exposure.include=auditevents");
    }

    @Test
    void itGivesActuatorARepositoryOnTheJournalSoThatActuatorRecordsAndServesAuditEvents() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(AuditEventRepository.class)
                    .hasSingleBean(JournalAuditEventRepository.class)
                    .hasSingleBean(AuditListener.class)
                    .hasSingleBean(AuditEventsEndpoint.class);
            JournalAuditEventRepository repo = context.getBean(JournalAuditEventRepository.class);
            assertThat(repo.maxResults()).isEqualTo(JournalAuditEventRepository.DEFAULT_MAX_RESULTS);

            context.publishEvent(new AuditApplicationEvent("alice", "ORDER_APPROVAL", Map.of("order", "o-1")));

            assertThat(context.getBean(AuditEventsEndpoint.class).events("alice", null, null).getEvents())
                    .singleElement().extracting(AuditEvent::getType).isEqualTo("ORDER_APPROVAL");
        });
    }

    @Test
    void itBacksOffWithoutActuatorsAuditClasses() {
        runner().withClassLoader(new FilteredClassLoader(AuditEventRepository.class))
                .run(context -> assertThat(context).hasSingleBean(TradePulse.class)
                        .doesNotHaveBean(JournalAuditEventRepository.class));
    }

    @Test
    void itBacksOffWithoutSpringSecuritySoThatActuatorsAuditConfigurationDoesNotBreakTheStart() {
        runner().withClassLoader(new FilteredClassLoader("org.springframework.security."))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TradePulse.class)
                        .doesNotHaveBean(AuditEventRepository.class));
    }

    @Test
    void theApplicationsOwnRepositoryWins() {
        InMemoryAuditEventRepository own = new InMemoryAuditEventRepository();
        runner().withBean("ownAuditEvents", AuditEventRepository.class, () -> own)
                .run(context -> {
                    assertThat(context).hasSingleBean(AuditEventRepository.class)
                            .doesNotHaveBean(JournalAuditEventRepository.class);
                    assertThat(context.getBean(AuditEventRepository.class)).isSameAs(own);
                });
    }

    @Test
    void itIsOffWithItsProperty() {
        runner().withPropertyValues("tradepulse.audit-events.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TradePulse.class)
                        .doesNotHaveBean(AuditEventRepository.class).doesNotHaveBean(AuditListener.class));
    }

    @Test
    void itIsOffWithTradePulse() {
        runner().withPropertyValues("tradepulse.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AuditEventRepository.class));
    }

    @Test
    void theNumberOfEventsAQueryReturnsIsAProperty() {
        runner().withPropertyValues("tradepulse.audit-events.max-results=25")
                .run(context -> assertThat(context.getBean(JournalAuditEventRepository.class).maxResults())
                        .isEqualTo(25));
    }

    @Test
    void anOutOfRangeNumberOfEventsFailsTheStartNamingTheProperty() {
        runner().withPropertyValues("tradepulse.audit-events.max-results=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("tradepulse.audit-events.max-results");
        });
    }
}
