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
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

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
        // An open breaker tries the exchange again after a tenth of the run, so a short run sees it recover.
        p.setProperty("tradepulse.resilience.breaker.open-wait", Math.max(500, options.duration().toMillis() / 10) + "ms");
        return ConfigLoader.of(RuntimeSchema.schema()).file(file()).environment(environment).systemProperties(p).load();
    }

    /**
     * Starts TradePulse for the demo.
     *
     * @param config from {@link #config}
     * @param registry the demo's registry: the error-budget rules read it, and the summary after the run
     * @param history the trade history, health-checked
     * @param lastTick when the last price arrived, for the market-data check
     * @return the live runtime
     * @throws StartupException if a part could not start (a taken port...)
     */
    static TradePulse start(Config config, MeterRegistry registry, TradeHistory history, AtomicReference<Instant> lastTick) {
        CheckOptions readiness = CheckOptions.builder().groups(HealthRegistry.READINESS).build();
        return TradePulse.builder().config(config).meterRegistry(registry)
                .healthCheck("trade-history", HealthChecks.jdbc(history.dataSource(), "SELECT 1", Duration.ofMillis(200)),
                        readiness)
                .healthCheck("market-data", HealthChecks.freshness(lastTick::get, Duration.ofSeconds(5), Clock.systemUTC()),
                        CheckOptions.builder().groups(HealthRegistry.READINESS).initialStatus(HealthStatus.DEGRADED)
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
