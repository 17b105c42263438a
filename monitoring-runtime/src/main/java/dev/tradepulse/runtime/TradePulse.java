package dev.tradepulse.runtime;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.StatusPage;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.runtime.internal.Assembly;
import dev.tradepulse.trading.RiskRulesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * TradePulse in one object: the meter registry, health, alerts, the audit journal, the
 * strategies with their risk rules and kill switches, reports and one HTTP server, wired and
 * started from a configuration, and closed in a fixed order.
 *
 * <pre>{@code
 * try (TradePulse tp = TradePulse.fromConfig(Path.of("tradepulse.yml"))) {
 *     ExchangeClient exchange = tp.instrument(ExchangeClient.class, new BinanceClient());
 *     Strategy momentum = tp.strategy("momentum");
 *     ... momentum.recordTrade(trade); momentum.recordEquity(at, equity); momentum.afterTick();
 * }
 * }</pre>
 *
 * <p>Lifecycle: live when {@link #fromConfig} or {@link Builder#build()} returns. A start that
 * fails closes what it had started and throws {@link StartupException} naming the part, the
 * address or file, and the fix. {@link #close()} (and, unless {@code shutdown.hook} is false, the
 * JVM's shutdown) stops the schedulers, sends the resolve notifications, closes the journal with
 * its closing checkpoint, then stops the server, within {@code shutdown.deadline}.
 *
 * <p>The facade is a convenience, not a cage: every component is reachable ({@link #monitoring()},
 * {@link #health()}, {@link #alerts()}, {@link #audit()}, {@link Strategy#tracker()}...) for what
 * the configuration does not cover. Thread-safe.
 */
public interface TradePulse extends AutoCloseable {

    /**
     * Starts from a YAML ({@code .yml}, {@code .yaml}) or properties file, overridden by
     * {@code TRADEPULSE_*} environment variables and {@code tradepulse.*} system properties
     * (see {@code docs/configuration.md}).
     *
     * @param file the configuration file
     * @return the started runtime
     * @throws NullPointerException if {@code file} is null
     * @throws dev.tradepulse.runtime.config.ConfigException if the configuration has problems; every
     *     problem is listed with its key and where it was set
     * @throws StartupException if a part could not start; everything already started is closed
     */
    static TradePulse fromConfig(Path file) {
        return builder().config(ConfigLoader.of(RuntimeSchema.schema()).file(file)
                .environment(System.getenv()).systemProperties(System.getProperties()).load()).build();
    }

    /**
     * A builder whose configuration, unless {@link Builder#config} sets one, is the defaults
     * overridden by the environment and system properties.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Assembly.Builder();
    }

    /**
     * Wraps {@code target} so that its methods' {@code @Timed}, {@code @Counted}, {@code @Retry}
     * and {@code @CircuitBreaker} annotations take effect, as {@link Monitoring#instrument} does.
     *
     * @param <T> the interface
     * @param type the interface the annotations are on
     * @param target the implementation
     * @return the instrumented proxy
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code type} is not an interface
     */
    <T> T instrument(Class<T> type, T target);

    /**
     * A declared strategy: one named under {@code strategies.*} in the configuration, or by
     * {@link Builder#strategy}.
     *
     * @param name the strategy's name
     * @return its handle
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if no strategy of that name is declared; the message lists
     *     the declared ones (a typo never creates a strategy without limits)
     */
    Strategy strategy(String name);

    /** @return the declared strategies' names */
    Set<String> strategies();

    /**
     * Runs every rule now, on the calling thread: the strategies' and the global ones
     * ({@link Builder#rule}). Call it
     * from the trading loop (or each strategy's {@link Strategy#afterTick()}), so that a breached
     * limit halts before the next order rather than at the next scheduled run.
     */
    void evaluate();

    /**
     * The registry every part publishes to: the Prometheus registry behind {@code /metrics} (or the
     * one given to {@link Builder#meterRegistry}), or, with {@code metrics.otlp.enabled}, a
     * {@code CompositeMeterRegistry} over that registry and the OTLP push, so that a meter
     * registered here reaches both.
     *
     * @return the registry to register the bot's own meters on
     */
    MeterRegistry meterRegistry();

    /** @return the instrumentation: retries, breakers, timers */
    Monitoring monitoring();

    /** @return the health registry, with the built-in checks registered */
    HealthRegistry health();

    /** @return the alert dispatcher */
    AlertDispatcher alerts();

    /** @return the audit journal, in {@code data-dir/audit} */
    ComplianceLogger audit();

    /** @return the server's base URI, unless {@code server.enabled} is false */
    Optional<URI> uri();

    /** @return the effective configuration (secrets redacted in its text forms) */
    Config config();

    /**
     * The status page with every built-in section and the builder's: the one the server serves
     * when {@code server.enabled} is true, and the one to mount on another server (the Spring Boot
     * starter serves it on the application's own server with {@link StatusPage#routes()}).
     *
     * @return the status page
     */
    StatusPage statusPage();

    /** Closes everything in the fixed order, within {@code shutdown.deadline}. Idempotent; never throws. */
    @Override
    void close();

    /**
     * Builds a {@link TradePulse}: the configuration plus what a file cannot say (objects). Not
     * thread-safe; {@link #build()} once.
     */
    interface Builder {

        /**
         * @param config the configuration, from {@link ConfigLoader} with {@link RuntimeSchema#schema()}
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        Builder config(Config config);

        /**
         * Uses the application's registry instead of a new Prometheus one. {@code /metrics} is
         * served only if it is a {@code PrometheusMeterRegistry}. It is not closed with the runtime.
         *
         * <p>With {@code metrics.otlp.enabled}, the runtime neither changes nor closes this
         * registry: it publishes to a composite of this registry and its OTLP push
         * ({@link TradePulse#meterRegistry()}). TradePulse's meters, and those the application
         * registers on that composite, reach both; a meter the application registers on this
         * registry directly reaches this registry only.
         *
         * @param registry the registry
         * @return this builder
         * @throws NullPointerException if {@code registry} is null
         */
        Builder meterRegistry(MeterRegistry registry);

        /**
         * @param clock the one clock of every part; {@code Clock.systemUTC()} unless set
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        Builder clock(Clock clock);

        /**
         * Adds an alert sink that receives every alert, besides the configured ones.
         *
         * @param sink the sink
         * @return this builder
         * @throws NullPointerException if {@code sink} is null
         */
        Builder sink(AlertSink sink);

        /**
         * Registers a health check of the bot's own.
         *
         * @param name its name
         * @param check the check
         * @param options its group, criticality, timeout, refresh
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        Builder healthCheck(String name, HealthCheck check, CheckOptions options);

        /**
         * Adds a section to the status page, after the built-in ones.
         *
         * @param section the section
         * @return this builder
         * @throws NullPointerException if {@code section} is null
         */
        Builder statusSection(StatusSection section);

        /**
         * Declares a strategy with the configured (or default) limits.
         *
         * @param name the strategy's name
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        Builder strategy(String name);

        /**
         * Declares a strategy with these limits, replacing what the configuration says for it.
         *
         * @param name the strategy's name
         * @param limits its risk rules' limits
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        Builder strategy(String name, RiskRulesConfig limits);

        /**
         * Adds a rule that belongs to no strategy, such as an exchange's error budget
         * ({@code RiskRules.apiErrorsAbove}). These global rules share one engine of their own that
         * runs every {@code rules.interval} and at every {@link TradePulse#evaluate()}; it stops
         * with the strategies' engines. A rule over meters reads the registry it was built with,
         * so give the runtime that registry with {@link #meterRegistry}.
         *
         * @param rule the rule, built
         * @return this builder
         * @throws NullPointerException if {@code rule} is null
         */
        Builder rule(Rule rule);

        /**
         * Wires and starts everything.
         *
         * @return the live runtime
         * @throws StartupException if a part could not start; everything started is closed
         * @throws IllegalStateException if called twice
         */
        TradePulse build();
    }
}
