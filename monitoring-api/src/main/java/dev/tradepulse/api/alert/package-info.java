/**
 * Alerts as values ({@link dev.tradepulse.api.alert.Alert}, {@link dev.tradepulse.api.alert.Notification})
 * and the {@link dev.tradepulse.api.alert.AlertSink} SPI that delivers them. The dispatcher,
 * routes and built-in sinks live in {@code monitoring-alerts}.
 */
@NullMarked
package dev.tradepulse.api.alert;

import org.jspecify.annotations.NullMarked;
