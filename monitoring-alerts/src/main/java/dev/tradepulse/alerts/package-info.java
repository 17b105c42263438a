/**
 * Alerts: an immutable {@link dev.tradepulse.api.alert.Alert}, the small
 * {@link dev.tradepulse.api.alert.AlertSink} SPI, and an {@link dev.tradepulse.alerts.AlertDispatcher}
 * that routes, deduplicates, rate-limits and retries without ever blocking or throwing into the
 * caller. Real sinks are in {@link dev.tradepulse.alerts.sinks}.
 */
@NullMarked
package dev.tradepulse.alerts;

import org.jspecify.annotations.NullMarked;
