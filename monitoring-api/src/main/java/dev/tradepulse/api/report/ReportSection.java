package dev.tradepulse.api.report;

import java.time.Instant;

/** One part of a scheduled report, such as the trading module's profit-and-loss summary. */
public interface ReportSection {

    /** @return the section's heading */
    String title();

    /**
     * Renders the section for a period.
     *
     * @param from the start, inclusive
     * @param to the end, exclusive
     * @return plain text
     */
    String render(Instant from, Instant to);
}
