/** Scheduled daily and weekly reports, built from sections that other modules contribute. */
package dev.tradepulse.alerts.reports;
