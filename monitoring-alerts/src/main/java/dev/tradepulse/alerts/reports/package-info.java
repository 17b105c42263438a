/** Scheduled daily and weekly reports, built from sections that other modules contribute. */
@NullMarked
package dev.tradepulse.alerts.reports;

import org.jspecify.annotations.NullMarked;
