package dev.tradepulse.spring.boot.autoconfigure.audit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A bot behind Spring Security with nothing of its own: Spring Boot's default security (every
 * request authenticated, HTTP basic, one user from {@code spring.security.user.*}) and Actuator's
 * audit listeners, which publish every login to the {@code AuditEventRepository} the starter puts on
 * the journal. The test's properties name the user and expose {@code auditevents}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SecuredBotApplication {
}
