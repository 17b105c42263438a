/**
 * Scheduled daily and weekly reports, built from sections that other modules contribute: a
 * {@link dev.tradepulse.alerts.reports.ReportScheduler}, live from {@code build()}, with its
 * settings in a {@link dev.tradepulse.alerts.reports.ReportSchedulerConfig}.
 */
@NullMarked
package dev.tradepulse.alerts.reports;

import org.jspecify.annotations.NullMarked;
