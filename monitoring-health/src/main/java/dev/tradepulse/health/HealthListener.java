package dev.tradepulse.health;

import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;

/**
 * Hears status changes, per component and overall. Called from the thread that ran the check
 * (a health worker, never a trading thread); anything thrown here, an {@code Error} included,
 * is caught and logged at a bounded rate, and never stops the check or fails the request that ran it.
 *
 * <p>Threads: several health workers, and the thread that asked for a report, may call a listener
 * at once, so it must be thread-safe; it should return quickly, since the worker waits for it.
 */
public interface HealthListener {

    /**
     * A component's reported status changed (after flap damping).
     *
     * @param name the component
     * @param previous its former status
     * @param current its new result
     */
    default void onComponentChange(String name, HealthStatus previous, HealthResult current) {
    }

    /**
     * The overall status changed, as seen by the last full report.
     *
     * @param previous the former status
     * @param current the new report
     */
    default void onOverallChange(HealthStatus previous, HealthReport current) {
    }
}
