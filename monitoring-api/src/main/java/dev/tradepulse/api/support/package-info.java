/**
 * Helpers every TradePulse module shares: argument checks that name the parameter, text made
 * safe for one log line, and a throttle for bounded-rate logging. Public so that no module needs
 * another module's {@code internal} package; stable within a minor version, but not meant as API
 * for bots.
 */
@NullMarked
package dev.tradepulse.api.support;

import org.jspecify.annotations.NullMarked;
