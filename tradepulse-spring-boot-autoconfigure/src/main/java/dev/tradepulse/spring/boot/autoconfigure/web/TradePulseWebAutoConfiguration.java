package dev.tradepulse.spring.boot.autoconfigure.web;

import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.Secret;
import dev.tradepulse.spring.boot.autoconfigure.TradePulseAutoConfiguration;
import jakarta.servlet.http.HttpServlet;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Serves TradePulse's status page on the application's own (servlet) web server when
 * {@code tradepulse.status.on=application}: a {@link StatusServlet} mapped at
 * {@code tradepulse.status.path} (default {@code /tradepulse}). The bearer token that shows
 * details is {@code tradepulse.server.token}; unset, one is generated and printed once to the
 * console (never to the log), as TradePulse's own server does. {@code tradepulse.status.on=own-port}
 * turns on TradePulse's own server instead (see {@code SpringConfigSource}). Backs off for a bean
 * named {@code tradepulseStatusServlet}.
 */
@AutoConfiguration(after = TradePulseAutoConfiguration.class)
@ConditionalOnClass({TradePulse.class, HttpServlet.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(TradePulse.class)
@ConditionalOnProperty(name = "tradepulse.status.on", havingValue = "application")
@EnableConfigurationProperties(StatusProperties.class)
public class TradePulseWebAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TradePulseWebAutoConfiguration.class);

    /** Creates the auto-configuration; Spring calls it. */
    public TradePulseWebAutoConfiguration() {
    }

    /**
     * @param tradePulse the runtime, whose status page is served
     * @param properties {@code tradepulse.status.*}
     * @param environment for Actuator's base path
     * @return the servlet, which also ends its streams when the context starts closing
     */
    @Bean
    @ConditionalOnMissingBean(name = "tradepulseStatusServlet")
    public StatusServlet tradepulseStatusServlet(TradePulse tradePulse, StatusProperties properties,
            Environment environment) {
        Optional<Secret> configured = tradePulse.config().secret("server.token");
        String token = configured.map(Secret::reveal).orElseGet(TradePulseWebAutoConfiguration::newToken);
        String path = properties.getPath();
        if (configured.isEmpty()) {
            // Printed once, to the console only, never to the log: the log is shipped and kept.
            System.out.println("TradePulse status page on the application's server: " + path + "/#token=" + token
                    + "  (a generated token; set tradepulse.server.token to keep one)");
        } else {
            LOG.info("TradePulse status page on the application's server at {}/ (token from tradepulse.server.token)", path);
        }
        String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        return new StatusServlet(tradePulse.statusPage(), path, actuator, token, properties.getMaxStreams());
    }

    /**
     * @param servlet the status servlet
     * @param properties {@code tradepulse.status.*}
     * @return its mapping at {@code tradepulse.status.path}
     */
    @Bean
    @ConditionalOnMissingBean(name = "tradepulseStatusServletRegistration")
    public ServletRegistrationBean<StatusServlet> tradepulseStatusServletRegistration(StatusServlet servlet,
            StatusProperties properties) {
        ServletRegistrationBean<StatusServlet> registration = new ServletRegistrationBean<>(servlet,
                properties.getPath() + "/*");
        registration.setName("tradepulseStatus");
        return registration;
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
