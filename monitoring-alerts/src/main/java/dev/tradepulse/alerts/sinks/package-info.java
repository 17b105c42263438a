/**
 * Real sinks: Slack, Telegram, PagerDuty, a signed JSON webhook, and an SLF4J log. HTTP sinks
 * use the JDK {@code HttpClient}; none of them puts a token, webhook URL or routing key into a
 * log line, an exception or {@code toString}.
 */
@NullMarked
package dev.tradepulse.alerts.sinks;

import org.jspecify.annotations.NullMarked;
