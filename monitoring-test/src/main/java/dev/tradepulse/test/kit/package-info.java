/**
 * Compatibility kits: JUnit 5 test classes to extend, one per SPI ({@code AlertSink},
 * {@code HealthCheck}, {@code StatusSection}, {@code ReportSection}), that check an implementation
 * keeps the SPI's contract, hostile cases included, plus the loopback HTTP provider the sink kit
 * plays. TradePulse's own implementations are tested with them.
 */
@NullMarked
package dev.tradepulse.test.kit;

import org.jspecify.annotations.NullMarked;
