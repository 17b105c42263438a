package dev.tradepulse.spring.boot.autoconfigure.audit;

import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives Actuator an {@link AuditEventRepository} on TradePulse's journal
 * ({@link JournalAuditEventRepository} on {@code TradePulse.audit()}). Actuator records audit events
 * (its {@code AuditListener}, and Spring Security's authentication and authorization listeners) only
 * when such a bean exists, and serves {@code /actuator/auditevents} from it; so this runs before
 * Actuator's {@code AuditAutoConfiguration} and its endpoint's auto-configuration. Backs off when the
 * application defines its own {@link AuditEventRepository}; off with
 * {@code tradepulse.audit-events.enabled=false} (and with {@code tradepulse.enabled=false}, which
 * leaves no {@link TradePulse}).
 *
 * <p>Needs Spring Security on the class path: once any {@link AuditEventRepository} bean exists,
 * Spring Boot 4.0's {@code AuditAutoConfiguration} defines Spring Security's audit listeners
 * without checking that Spring Security is there, and the context fails to start
 * ({@code NoClassDefFoundError: AbstractAuthenticationEvent}). Without Spring Security this backs
 * off, and the application starts as it would without the starter.
 */
@AutoConfiguration(after = TradePulseAutoConfiguration.class, beforeName = {
        "org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.audit.AuditEventsEndpointAutoConfiguration"})
@ConditionalOnClass(value = {AuditEventRepository.class, TradePulse.class},
        name = TradePulseAuditAutoConfiguration.SPRING_SECURITY_EVENTS)
@ConditionalOnBean(TradePulse.class)
@ConditionalOnBooleanProperty(name = "tradepulse.audit-events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TradePulseAuditProperties.class)
public class TradePulseAuditAutoConfiguration {

    /** The class Actuator's security audit listeners listen for. */
    static final String SPRING_SECURITY_EVENTS = "org.springframework.security.authentication.event.AbstractAuthenticationEvent";

    /** Creates the auto-configuration; Spring calls it. */
    public TradePulseAuditAutoConfiguration() {
    }

    /**
     * @param tradePulse the runtime, whose journal the events go to
     * @param properties the starter's audit settings
     * @return the repository on the journal
     */
    @Bean
    @ConditionalOnMissingBean(AuditEventRepository.class)
    public JournalAuditEventRepository tradepulseAuditEventRepository(TradePulse tradePulse,
            TradePulseAuditProperties properties) {
        return JournalAuditEventRepository.builder(tradePulse.audit()).maxResults(properties.getMaxResults()).build();
    }
}
