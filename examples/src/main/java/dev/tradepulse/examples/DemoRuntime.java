package dev.tradepulse.examples;

import dev.tradepulse.alerts.rules.Rules;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.checks.HealthChecks;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.StartupException;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigException;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.trading.RiskRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * All of the demo's TradePulse wiring: the configuration ({@code demo.yml} on the classpath, the
 * environment, system properties, then the command-line options) and the runtime with what only
 * the bot knows: its database and market-data checks and the exchange's error budget. Everything
 * else (meters' binding, journal, alerts, strategies with the seeds' rules, the server) comes from
 * the configuration. Not instantiable; its methods are safe to call from any thread.
 */
final class DemoRuntime {

    /** The demo's configuration file, on the classpath. */
    static final String CONFIG = "/demo.yml";

    /**
     * The health group of the checks that drive the strategies' trading states ({@code exchange},
     * {@code market-data}): the trading thread runs it after every price request, so a move to
     * REDUCING and back falls on the tick that caused it.
     */
    static final String MARKET = "market";

    private DemoRuntime() {
    }

    /**
     * @param options the command line, which wins over everything else
     * @param token the status page's bearer token for this run
     * @param environment usually {@code System.getenv()}: {@code TRADEPULSE_*} variables set keys
     * @param system usually {@code System.getProperties()}: {@code tradepulse.*} properties set keys
     * @return the effective configuration
     * @throws ConfigException if a key is unknown or a value bad, each named
     */
    static Config config(DemoBot.Options options, String token, Map<String, String> environment, Properties system) {
        Properties p = new Properties();
        p.putAll(system);
        p.setProperty("tradepulse.data-dir", options.dataDir().toString());
        p.setProperty("tradepulse.server.port", Integer.toString(options.port()));
        p.setProperty("tradepulse.server.token", token);
        // An open breaker tries the exchange again after a twentieth of the run, so a short run sees it
        // recover well before the flash crash.
        p.setProperty("tradepulse.resilience.breaker.open-wait", Math.max(250, options.duration().toMillis() / 20) + "ms");
        return ConfigLoader.of(RuntimeSchema.schema()).file(file()).environment(environment).systemProperties(p).load();
    }

    /**
     * Starts TradePulse for the demo.
     *
     * @param config from {@link #config}
     * @param registry the demo's registry: the error-budget rules read it, and the summary after the run
     * @param history the trade history, health-checked
     * @param exchange what the bot's price requests saw, for the exchange and market-data checks
     * @param clock the runtime's one clock
     * @return the live runtime
     * @throws StartupException if a part could not start (a taken port...)
     */
    static TradePulse start(Config config, MeterRegistry registry, TradeHistory history, ExchangeWatch exchange, Clock clock) {
        CheckOptions readiness = CheckOptions.builder().groups(HealthRegistry.READINESS).build();
        // Named so that the runtime's default health mappings apply: exchange* and market-data* that
        // turn unhealthy move every strategy to REDUCING, and lift it when they are healthy again.
        return TradePulse.builder().config(config).meterRegistry(registry).clock(clock)
                .healthCheck("trade-history", HealthChecks.jdbc(history.dataSource(), "SELECT 1", Duration.ofMillis(200)),
                        readiness)
                .healthCheck("exchange", exchange.healthCheck(),
                        CheckOptions.builder().groups(HealthRegistry.READINESS, MARKET).build())
                .healthCheck("market-data", HealthChecks.freshness(exchange::lastPrice, Duration.ofSeconds(5), clock),
                        CheckOptions.builder().groups(HealthRegistry.READINESS, MARKET).initialStatus(HealthStatus.DEGRADED)
                                .damping(2, 1).build())
                // The exchange's error budget belongs to no strategy: global rules, run by evaluate() too.
                .rule(Rules.errorRateAbove(registry, "exchange.requests", 0.10, Duration.ofSeconds(10)).build())
                .rule(RiskRules.apiErrorsAbove(registry, "exchange.requests", 5, Duration.ofMinutes(10)).build())
                .build();
    }

    /** {@link #CONFIG} as a path: a file in the build's classes, or an entry of the jar. */
    static Path file() {
        URL url = Objects.requireNonNull(DemoRuntime.class.getResource(CONFIG), CONFIG + " is not on the classpath");
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // opened by an earlier run in this JVM
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + CONFIG + ": " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the jar holding " + CONFIG, e);
        }
    }
}
