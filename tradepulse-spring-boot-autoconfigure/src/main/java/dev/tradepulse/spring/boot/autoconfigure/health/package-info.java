/** TradePulse's health registry as components of Actuator's {@code /actuator/health}. */
@NullMarked
package dev.tradepulse.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
