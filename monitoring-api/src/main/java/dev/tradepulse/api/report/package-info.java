/**
 * The {@link dev.tradepulse.api.report.ReportSection} SPI: one part of a scheduled report.
 */
@NullMarked
package dev.tradepulse.api.report;

import org.jspecify.annotations.NullMarked;
