/**
 * The status-page sections the health module contributes ({@link dev.tradepulse.health.status.HealthSections}).
 * The section SPI itself is {@link dev.tradepulse.api.status.StatusSection} in {@code monitoring-api}.
 */
@NullMarked
package dev.tradepulse.health.status;

import org.jspecify.annotations.NullMarked;
