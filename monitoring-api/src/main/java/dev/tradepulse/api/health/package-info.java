/**
 * The health-check contract: a {@link dev.tradepulse.api.health.HealthCheck} answers with a
 * {@link dev.tradepulse.api.health.HealthResult}. Registries that run checks live in {@code monitoring-health}.
 */
@NullMarked
package dev.tradepulse.api.health;

import org.jspecify.annotations.NullMarked;
