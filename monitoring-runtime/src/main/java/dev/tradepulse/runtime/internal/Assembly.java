package dev.tradepulse.runtime.internal;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.rules.Rule;
import dev.tradepulse.alerts.rules.RuleEngine;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.state.StateStore;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.health.CheckOptions;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigLoader;
import dev.tradepulse.runtime.internal.Lifecycle.Stage;
import dev.tradepulse.trading.KillSwitch;
import dev.tradepulse.trading.RiskRulesConfig;
import dev.tradepulse.trading.risk.HealthRiskMapping;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.HealthRiskMappingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The runtime: starts every part through one {@link Lifecycle}, in dependency order, so that a
 * failure part-way closes what was started and {@link #close()} stops them in the fixed order.
 */
public final class Assembly implements TradePulse {

    private final Config config;
    private final Lifecycle lifecycle;
    private final MeterRegistry meters;
    private final @Nullable PrometheusMeterRegistry scrape;
    private final ComplianceLogger audit;
    private final AlertDispatcher alerts;
    private final Monitoring monitoring;
    private final HealthRegistry health;
    private final Map<String, StrategyHandle> strategies;
    private final @Nullable RuleEngine rules;
    private final StatusPage statusPage;
    private final @Nullable HealthServer server;
    private final StateStore state;
    private final LockBook locks;

    private Assembly(Builder b, Config config) {
        this.config = config;
        Clock clock = b.clock;
        String app = config.string("app").orElse("tradepulse");
        Path dataDir = config.path("data-dir").orElseThrow();
        this.lifecycle = new Lifecycle(config.duration("shutdown.deadline"));
        Lifecycle lc = lifecycle;
        try {
            lc.start("the data directory", dataDir.toString(), "set data-dir to a writable directory",
                    Stage.LAST, () -> Files.createDirectories(dataDir));
            MeterRegistry given = b.meters;
            MeterRegistry base;
            if (given != null) {
                base = given; // the application's: it closes it
            } else {
                PrometheusMeterRegistry owned = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                lc.onClose("the meter registry", Stage.LAST, owned::close);
                base = owned;
            }
            this.scrape = base instanceof PrometheusMeterRegistry p ? p : null;
            OtlpExport otlp = null;
            if (config.bool("metrics.otlp.enabled")) {
                // Closed in LAST, before the registries: its final push carries the final values.
                otlp = lc.start("the OTLP export", OtlpWiring.where(config), OtlpWiring.FIX, Stage.LAST,
                        () -> OtlpWiring.export(config, app, clock, Assembly.class.getClassLoader()));
                // Both receive every meter registered here; the application's registry is not changed.
                CompositeMeterRegistry composite = new CompositeMeterRegistry(new MicrometerClock(clock::millis));
                composite.add(base);
                composite.add(otlp.registry());
                otlp.bindTo(composite);
                this.meters = composite;
            } else {
                this.meters = base;
            }
            this.state = lc.start("the state store", dataDir.resolve("state").toString(),
                    "another process may own this data-dir; stop it or choose another data-dir", Stage.LAST,
                    () -> StateStore.directory(dataDir.resolve("state"), clock));
            this.audit = lc.start("the audit journal", dataDir.resolve("audit").toString(),
                    "check audit.* and that no other process writes this journal", Stage.JOURNAL,
                    () -> JournalWiring.journal(config, dataDir, app, clock));
            audit.bindTo(meters);
            URI page = URI.create("http://" + config.string("server.host").orElseThrow() + ":" + config.integer("server.port") + "/");
            this.alerts = lc.start("the alert dispatcher", "", "check alerts.*", Stage.ALERTS,
                    () -> AlertWiring.dispatcher(config, meters, clock, b.sinks, page));
            // Newest first within a stage: the resolves are sent before the dispatcher drains and closes.
            lc.onClose("the resolve notifications", Stage.ALERTS, () -> alerts.activeAlerts().forEach(a -> alerts.resolve(a.key())));
            this.monitoring = lc.start("the instrumentation", "", "check resilience.*", Stage.LAST,
                    () -> MonitoringWiring.monitoring(config, meters, clock, alerts, audit));
            this.health = lc.start("the health registry", "", "", Stage.LAST,
                    () -> HealthWiring.registry(config, dataDir, meters, clock, monitoring, alerts, audit, b.checks));
            this.locks = LockBook.builder().clock(clock).audit(audit).build();
            this.strategies = lc.start("the strategies", String.join(", ", b.strategyNames(config)),
                    "check strategies.*", Stage.SCHEDULERS,
                    () -> StrategyWiring.strategies(config, b.strategyNames(config), b.limits, meters, clock, alerts, audit, state,
                            locks));
            for (StrategyHandle s : strategies.values()) {
                lc.onClose("the rules of " + s.name(), Stage.SCHEDULERS, s.rules());
            }
            List<Rule> global = List.copyOf(b.rules);
            this.rules = global.isEmpty() ? null : lc.start("the global rules", "", "check rules.interval", Stage.SCHEDULERS,
                    () -> {
                        RuleEngine.Builder r = RuleEngine.builder(alerts).clock(clock).interval(config.duration("rules.interval"));
                        global.forEach(r::rule);
                        return r.build();
                    });
            StateSaver saver = lc.start("the state saver", dataDir.resolve("state").toString(), "", Stage.SCHEDULERS,
                    () -> new StateSaver(strategies.values().stream().map(StrategyHandle::tracker).toList(), clock,
                            config.duration("state.save-interval")));
            health.register("state-store", saver.healthCheck(), CheckOptions.builder().nonCritical().build());
            if (otlp != null) {
                health.register("otlp-export", otlp.healthCheck(), CheckOptions.builder().nonCritical().build());
            }
            // Health drives risk: an unhealthy journal halts every strategy, stale market data reduces it.
            HealthRiskMappingConfig mappings = HealthRiskMappingConfig.ofDefaults();
            for (StrategyHandle s : strategies.values()) {
                health.addListener(HealthRiskMapping.builder(RiskTargets.of(s.riskState(), mappings)).config(mappings).build());
            }
            lc.start("the reports", "", "check reports.*", Stage.SCHEDULERS,
                    () -> Optional.ofNullable(ReportWiring.reports(config, clock, alerts, strategies.values())))
                    .ifPresent(r -> lc.onClose("the reports", Stage.SCHEDULERS, r));
            this.statusPage = ServerWiring.page(app, health, monitoring, alerts, audit, strategies.values(), locks, b.sections, clock);
            this.server = config.bool("server.enabled")
                    ? lc.start("the HTTP server", config.string("server.host").orElseThrow() + ":" + config.integer("server.port"),
                            "another process may hold the port: set server.port (0 picks a free one) or TRADEPULSE_SERVER_PORT",
                            Stage.SERVER, () -> ServerWiring.server(config, health, scrape, statusPage, System.out))
                    : null;
            lc.start("the chat control", "chat.telegram", "check chat.* (chat.telegram.token, chat.users)", Stage.SCHEDULERS,
                    () -> ChatWiring.telegram(config, this, health, clock)).ifPresent(t -> lc.onClose("the chat control", Stage.SCHEDULERS, t));
            // Registered last, so closed first: once shutdown begins no order passes a gate unguarded.
            for (StrategyHandle s : strategies.values()) {
                lc.onClose("the gate of " + s.name(), Stage.SCHEDULERS, s.gate());
            }
            if (config.bool("shutdown.hook")) {
                lc.installShutdownHook();
            }
        } catch (RuntimeException | Error e) {
            // What started is closed again; a StartupException from a part already did this.
            lc.close();
            throw e;
        }
    }

    @Override
    public <T> T instrument(Class<T> type, T target) {
        Checks.notNull(type, "type");
        Checks.notNull(target, "target");
        MonitoringWiring.declareNamed(monitoring, type, target.getClass());
        return monitoring.instrument(type, target);
    }

    @Override
    public Strategy strategy(String name) {
        Checks.notNull(name, "name");
        StrategyHandle s = strategies.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no strategy named \"" + name.replaceAll("[^\\x20-\\x7e]", "?")
                    + "\" is declared; declared: " + strategies.keySet()
                    + " (declare it under strategies.<name> in the config, or with builder().strategy(name))");
        }
        return s;
    }

    @Override
    public Set<String> strategies() {
        return strategies.keySet();
    }

    @Override
    public void evaluate() {
        for (StrategyHandle s : strategies.values()) {
            s.afterTick();
        }
        RuleEngine r = rules;
        if (r != null) {
            r.evaluate(); // the engine catches and counts what a rule throws
        }
    }

    @Override
    public MeterRegistry meterRegistry() {
        return meters;
    }

    @Override
    public Monitoring monitoring() {
        return monitoring;
    }

    @Override
    public HealthRegistry health() {
        return health;
    }

    @Override
    public AlertDispatcher alerts() {
        return alerts;
    }

    @Override
    public ComplianceLogger audit() {
        return audit;
    }

    @Override
    public Optional<URI> uri() {
        return server == null ? Optional.empty() : Optional.of(server.uri());
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public StatusPage statusPage() {
        return statusPage;
    }

    @Override
    public void close() {
        lifecycle.close();
    }

    @Override
    public String toString() {
        return "TradePulse[" + config.string("app").orElse("") + ", strategies " + strategies.keySet()
                + uri().map(u -> ", " + u).orElse("") + "]";
    }

    /** The builder behind {@link TradePulse#builder()}. */
    public static final class Builder implements TradePulse.Builder {

        private @Nullable Config config;
        private @Nullable MeterRegistry meters;
        private Clock clock = Clock.systemUTC();
        private final List<AlertSink> sinks = new ArrayList<>();
        private final List<HealthWiring.UserCheck> checks = new ArrayList<>();
        private final List<StatusSection> sections = new ArrayList<>();
        private final Map<String, @Nullable RiskRulesConfig> limits = new LinkedHashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private boolean built;

        @Override
        public Builder config(Config config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        @Override
        public Builder meterRegistry(MeterRegistry registry) {
            this.meters = Checks.notNull(registry, "registry");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        @Override
        public Builder sink(AlertSink sink) {
            sinks.add(Checks.notNull(sink, "sink"));
            return this;
        }

        @Override
        public Builder healthCheck(String name, HealthCheck check, CheckOptions options) {
            checks.add(new HealthWiring.UserCheck(Checks.notBlank(name, "name"), Checks.notNull(check, "check"),
                    Checks.notNull(options, "options")));
            return this;
        }

        @Override
        public Builder statusSection(StatusSection section) {
            sections.add(Checks.notNull(section, "section"));
            return this;
        }

        @Override
        public Builder strategy(String name) {
            limits.putIfAbsent(Checks.notBlank(name, "name"), null);
            return this;
        }

        @Override
        public Builder strategy(String name, RiskRulesConfig limits) {
            this.limits.put(Checks.notBlank(name, "name"), Checks.notNull(limits, "limits"));
            return this;
        }

        @Override
        public Builder rule(Rule rule) {
            rules.add(Checks.notNull(rule, "rule"));
            return this;
        }

        /** The configured strategies (enabled), then the builder's, in order. */
        List<String> strategyNames(Config config) {
            List<String> names = new ArrayList<>();
            for (String n : config.names("strategies.*")) {
                if (!config.has("strategies." + n + ".enabled") || config.bool("strategies." + n + ".enabled")) {
                    names.add(n);
                }
            }
            for (String n : limits.keySet()) {
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
            return names;
        }

        @Override
        public TradePulse build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            built = true;
            Config c = config != null ? config : ConfigLoader.of(RuntimeSchema.schema())
                    .environment(System.getenv()).systemProperties(System.getProperties()).load();
            return new Assembly(this, c);
        }
    }
}
