/**
 * Built-in health checks: databases, HTTP endpoints, TCP ports, disk, memory, load, deadlocks,
 * data freshness and circuit breakers. Start from {@link dev.tradepulse.health.checks.HealthChecks}.
 */
@NullMarked
package dev.tradepulse.health.checks;

import org.jspecify.annotations.NullMarked;
