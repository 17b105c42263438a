/**
 * The {@link dev.tradepulse.api.report.ReportSection} SPI: one part of a scheduled report.
 */
package dev.tradepulse.api.report;
