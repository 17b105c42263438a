package dev.tradepulse.health;

/** How much a component's failure counts toward the whole application's status. Immutable. */
public enum Criticality {
    /** Unhealthy here makes the application unhealthy. */
    CRITICAL,
    /** Unhealthy here only makes the application degraded. */
    NON_CRITICAL
}
