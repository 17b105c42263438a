package dev.tradepulse.runtime;

import dev.tradepulse.runtime.config.ConfigKey;
import dev.tradepulse.runtime.config.ConfigSchema;
import dev.tradepulse.runtime.config.Profile;
import java.util.List;
import java.util.Map;

/**
 * Every key {@link TradePulse} reads, with its default, and the three profiles. The reference in
 * {@code docs/configuration.md} is generated from this class, and a test fails when they differ.
 */
public final class RuntimeSchema {

    private static final String SEVERITIES = "critical,high,medium,low";

    private static final ConfigSchema SCHEMA = ConfigSchema.of(List.of(
            ConfigKey.string("app", "tradepulse", "The bot's name: in the journal, alerts, the page title and the meters' app tag."),
            ConfigKey.path("data-dir", "data", "Where the journal, the state store and generated keys live; created at start."),
            ConfigKey.duration("shutdown.deadline", "10s", "The most closing may take, every part included."),
            ConfigKey.bool("shutdown.hook", true, "Close everything in order when the JVM exits (SIGTERM, System.exit)."),

            ConfigKey.bool("server.enabled", true, "Serve /health, /metrics, /status, the status page and its stream."),
            ConfigKey.string("server.host", "127.0.0.1", "The address the server binds; 0.0.0.0 exposes it to the network."),
            ConfigKey.integer("server.port", 8080, 0, 65_535, "The server's port; 0 picks a free one."),
            ConfigKey.secret("server.token", "Bearer token for details, at least 16 characters; generated and printed once when unset (development and testing only)."),
            ConfigKey.list("server.allowed-hosts", null, "Host headers accepted besides localhost and loopback literals, such as bot.internal:8080."),
            ConfigKey.bool("server.metrics-require-token", false, "Whether /metrics needs the bearer token too (Prometheus sends it with authorization.credentials)."),

            ConfigKey.bool("metrics.otlp.enabled", false, "Also push every meter to an OpenTelemetry collector over OTLP/HTTP, besides serving /metrics; needs io.micrometer:micrometer-registry-otlp on the classpath."),
            ConfigKey.string("metrics.otlp.url", "http://localhost:4318/v1/metrics", "The collector's OTLP/HTTP metrics endpoint, http or https, without credentials, query or fragment (credentials go in metrics.otlp.headers)."),
            ConfigKey.duration("metrics.otlp.step", "30s", "How often the meters are pushed, from 1s to 1h; each push carries every meter's value at that moment."),
            ConfigKey.duration("metrics.otlp.timeout", "10s", "The most one push may take, connecting and the answer included; shorter than metrics.otlp.step."),
            ConfigKey.secret("metrics.otlp.headers", "HTTP headers of every push, as name=value pairs separated by commas, such as Authorization=Bearer abc; redacted everywhere."),
            ConfigKey.list("metrics.otlp.resource-attributes", null, "OTLP resource attributes as key=value, such as deployment.environment=prod, besides service.name (app) and service.instance.id (the host name), which they may override."),

            ConfigKey.oneOf("audit.durability", "async", "When an event is on disk: async (batched), group-commit (fsynced before the call returns, shared), sync-each.",
                    "async", "group-commit", "sync-each"),
            ConfigKey.integer("audit.keep-recent", 50, 0, 10_000, "Events kept in memory for the status page's audit trail."),
            ConfigKey.secret("audit.hmac-key", "The journal's HMAC key, hex (32 bytes or more); otherwise audit.key-file is read."),
            ConfigKey.path("audit.key-file", null, "A file holding the journal's HMAC key in hex; unset: data-dir/audit.key, generated on first start (development and testing only)."),
            ConfigKey.path("audit.witness-file", null, "Where the journal's heads are witnessed; unset: data-dir/audit.witness. Put it on another volume in production."),

            ConfigKey.duration("alerts.repeat-interval", "5m", "How often a still-firing alert is sent again."),
            ConfigKey.bool("alerts.log", true, "Write every alert to the log (SLF4J logger dev.tradepulse.alerts)."),
            ConfigKey.secret("alerts.slack.webhook", "Slack incoming-webhook URL."),
            ConfigKey.oneOf("alerts.slack.min-severity", "high", "The least severe alert sent to Slack.", SEVERITIES.split(",")),
            ConfigKey.secret("alerts.discord.webhook", "Discord webhook URL."),
            ConfigKey.oneOf("alerts.discord.min-severity", "high", "The least severe alert sent to Discord.", SEVERITIES.split(",")),
            ConfigKey.secret("alerts.telegram.token", "Telegram bot token."),
            ConfigKey.string("alerts.telegram.chat-id", null, "Telegram chat to send alerts to; needed with alerts.telegram.token."),
            ConfigKey.oneOf("alerts.telegram.min-severity", "high", "The least severe alert sent to Telegram.", SEVERITIES.split(",")),
            ConfigKey.secret("alerts.pagerduty.routing-key", "PagerDuty Events API v2 routing key."),
            ConfigKey.oneOf("alerts.pagerduty.min-severity", "critical", "The least severe alert that pages.", SEVERITIES.split(",")),
            ConfigKey.secret("alerts.webhook.url", "A URL that receives every alert as JSON."),
            ConfigKey.oneOf("alerts.webhook.min-severity", "low", "The least severe alert sent to the webhook.", SEVERITIES.split(",")),
            ConfigKey.string("alerts.alertmanager.url", null, "Alertmanager's base URL, such as http://127.0.0.1:9093."),

            ConfigKey.bool("chat.telegram.enabled", true, "Operate the bot from Telegram by long polling when chat.telegram.token is set; false keeps it off."),
            ConfigKey.secret("chat.telegram.token", "Telegram bot token for chat commands (from BotFather); unset: chat commands over Telegram are off."),
            ConfigKey.string("chat.telegram.api", "https://api.telegram.org/", "The Telegram Bot API's base URL (a local Bot API server or a test fake)."),
            ConfigKey.list("chat.users", null, "Who may run chat commands, as transport:user-id:role (viewer, operator, admin), such as telegram:12345:operator; unset: every command is refused."),
            ConfigKey.integer("chat.rate-limit", 20, 1, 1_000, "Commands one chat user may send a minute."),
            ConfigKey.duration("chat.confirmation-timeout", "60s", "How long a confirmation button works; it works once, for its asker."),
            ConfigKey.bool("chat.resume-four-eyes", false, "Whether /resume needs a second, distinct admin to confirm it."),

            ConfigKey.duration("rules.interval", "1s", "How often rules run on their own, between the trading thread's afterTick() calls."),
            ConfigKey.string("reports.daily-at", null, "Send the daily report at this time, HH:MM in reports.zone; unset: no daily report."),
            ConfigKey.oneOf("reports.weekly-on", null, "Send the weekly report on this day at reports.daily-at (or 00:00); unset: none.",
                    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            ConfigKey.string("reports.zone", "UTC", "The time zone of reports and of the trading day."),
            ConfigKey.duration("state.save-interval", "2s", "How often the strategies' restart-safe state is saved, besides at every halt and at close."),

            ConfigKey.integer("resilience.retry.max-attempts", 3, 1, 100, "Calls per @Retry, the first included."),
            ConfigKey.duration("resilience.retry.wait", "200ms", "The first wait between attempts; it doubles, with jitter."),
            ConfigKey.decimal("resilience.breaker.failure-rate", "50", 1, 100, "Percent of failed calls that opens a @CircuitBreaker."),
            ConfigKey.integer("resilience.breaker.window", 20, 1, 10_000, "Calls the failure rate is computed over."),
            ConfigKey.duration("resilience.breaker.open-wait", "30s", "How long an open breaker refuses calls before it tries again."),
            ConfigKey.duration("resilience.slow-call", "1s", "A call slower than this counts as slow (meter tag, and in the breaker)."),

            ConfigKey.bool("strategies.*.enabled", true, "Declares the strategy; false leaves it out."),
            ConfigKey.decimal("strategies.*.daily-loss-warning", "-0.10", -1, 0, "Today's return that sends a HIGH warning."),
            ConfigKey.decimal("strategies.*.daily-loss-halt", "-0.15", -1, 0, "Today's return that halts the strategy (kill switch)."),
            ConfigKey.decimal("strategies.*.balance-drop", "0.20", 0, 1, "A drop of equity within strategies.*.balance-drop-window that halts."),
            ConfigKey.duration("strategies.*.balance-drop-window", "1h", "The window of strategies.*.balance-drop."),
            ConfigKey.decimal("strategies.*.max-drawdown", "0.15", 0, 1, "Drawdown from the peak that alerts HIGH."),
            ConfigKey.decimal("strategies.*.min-win-rate", "0.40", 0, 1, "Win rate below which it alerts, after 20 trades."),
            ConfigKey.integer("strategies.*.max-open-positions", 0, 0, 10_000, "More open positions than this alerts; 0: no limit."),
            ConfigKey.decimal("strategies.*.max-leverage", null, 0, 1_000, "Leverage above which it alerts; unset: no limit."),
            ConfigKey.duration("strategies.*.max-silence", null, "No decision for this long alerts; unset: no such rule."),
            ConfigKey.integer("strategies.*.gate.max-orders-per-second", 100, 1, 100_000, "Orders the pre-trade gate lets through per second (NautilusTrader's default)."),
            ConfigKey.integer("strategies.*.gate.max-orders-per-minute", 1_200, 1, 100_000, "Orders the pre-trade gate lets through per minute."),
            ConfigKey.decimal("strategies.*.gate.max-notional", null, 0, 1e15, "The largest notional one order may have; unset: no limit."),
            ConfigKey.integer("strategies.*.gate.max-open-positions", 0, 0, 10_000, "New positions are refused beyond this many open; 0: no limit (the seeds used 3)."),
            ConfigKey.decimal("strategies.*.gate.max-leverage", null, 0, 1_000, "New exposure is refused beyond this leverage; unset: no limit."),
            ConfigKey.integer("strategies.*.protections.stop-loss-guard", 0, 0, 1_000, "Stop-loss exits within the lookback that lock the symbol (Freqtrade's StoplossGuard); 0: off."),
            ConfigKey.integer("strategies.*.protections.loss-streak", 0, 0, 1_000, "Losing trades in a row within the lookback that lock the symbol; 0: off."),
            ConfigKey.duration("strategies.*.protections.lookback", "1h", "The window the stop-loss guard and the loss streak count in."),
            ConfigKey.duration("strategies.*.protections.lock-for", "30m", "How long a protection's lock lasts."),
            ConfigKey.duration("strategies.*.protections.cooldown", null, "After a losing trade, its symbol is locked this long; unset: off."),
            ConfigKey.integer("strategies.*.equity-curve-points", 288, 1, 3_650, "Points of the status page's equity chart."),
            ConfigKey.duration("strategies.*.equity-curve-resolution", "5m", "The period each chart point closes: 288 of 5m draw the first day as it happens."),
            ConfigKey.decimal("strategies.*.periods-per-year", "365", 1, 100_000, "Trading days a year for annualised ratios: 365 for crypto, 252 for equities.")),
            List.of(new Profile("development", Map.of(), List.of(), true,
                            "A laptop: a generated token and key, printed or written to data-dir."),
                    new Profile("testing", Map.of("server.port", "0", "shutdown.hook", "false"), List.of(), true,
                            "Tests: a free port, no shutdown hook."),
                    new Profile("production", Map.of("audit.durability", "group-commit", "server.metrics-require-token", "true"),
                            List.of("server.token"), false,
                            "Tightened: a configured token, group-commit durability, a configured audit key, secrets only by reference.")),
            "development");

    private RuntimeSchema() {
    }

    /** @return the schema of every key, immutable */
    public static ConfigSchema schema() {
        return SCHEMA;
    }
}
