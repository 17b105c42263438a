/**
 * Alerts: an {@link dev.tradepulse.alerts.AlertDispatcher} that routes, deduplicates,
 * rate-limits and retries {@link dev.tradepulse.api.alert.Alert}s without ever blocking or
 * throwing into the caller, delivering them to {@link dev.tradepulse.api.alert.AlertSink}s (real
 * ones are in {@link dev.tradepulse.alerts.sinks}).
 *
 * <p>The component model: each component has a {@code builder()}; its settings live in an
 * immutable config ({@link dev.tradepulse.alerts.AlertDispatcherConfig},
 * {@link dev.tradepulse.alerts.SinkConfig}, {@code RuleEngineConfig}, {@code ReportSchedulerConfig},
 * each with {@code ofDefaults()}/{@code custom()}/{@code from()}) exposed by {@code config()};
 * runtime parts (sinks, a {@link java.time.Clock}, a {@link dev.tradepulse.api.time.Sleeper},
 * registries) are builder arguments. {@code build()} returns a live component and {@code close()}
 * is idempotent, bounded and leaves no thread behind.
 */
@NullMarked
package dev.tradepulse.alerts;

import org.jspecify.annotations.NullMarked;
