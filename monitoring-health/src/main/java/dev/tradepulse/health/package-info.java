/**
 * Health checks for a trading application: a registry that runs checks in parallel, each within
 * its own timeout, optionally cached and flap-damped, and aggregates them into one report.
 *
 * <p>Start with {@link dev.tradepulse.health.HealthRegistry#builder()}; built-in checks are in
 * {@link dev.tradepulse.health.checks}; the HTTP endpoints are in {@code monitoring-http}.
 * Nothing here returns {@code null}; {@code null} arguments are rejected, naming the parameter.
 */
@NullMarked
package dev.tradepulse.health;

import org.jspecify.annotations.NullMarked;
