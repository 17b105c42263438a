package dev.tradepulse.spring.boot.autoconfigure.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's settings of Actuator's audit events on the journal, {@code tradepulse.audit-events.*}
 * (the journal's own settings are the runtime's {@code tradepulse.audit.*}).
 *
 * <p>Not thread-safe while Spring binds it; read-only afterwards.
 */
@ConfigurationProperties("tradepulse.audit-events")
public class TradePulseAuditProperties {

    /**
     * Whether Actuator's audit events (Spring Security's logins among them) are written to
     * TradePulse's journal and /actuator/auditevents reads them from it.
     */
    private boolean enabled = true;

    /** The most events one /actuator/auditevents query returns: the newest, newest last. */
    private int maxResults = 1000; // JournalAuditEventRepository.DEFAULT_MAX_RESULTS, as a literal for the metadata

    /** Creates the settings with their defaults; Spring calls it. */
    public TradePulseAuditProperties() {
    }

    /** @return whether the repository on the journal is auto-configured */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether the repository on the journal is auto-configured */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the most events one query returns */
    public int getMaxResults() {
        return maxResults;
    }

    /**
     * @param maxResults the most events one query returns, from 1 to 100,000
     * @throws IllegalArgumentException if {@code maxResults} is out of range
     */
    public void setMaxResults(int maxResults) {
        if (maxResults < 1 || maxResults > JournalAuditEventRepository.MAX_MAX_RESULTS) {
            throw new IllegalArgumentException("tradepulse.audit-events.max-results must be from 1 to "
                    + JournalAuditEventRepository.MAX_MAX_RESULTS + ", got " + maxResults);
        }
        this.maxResults = maxResults;
    }
}
