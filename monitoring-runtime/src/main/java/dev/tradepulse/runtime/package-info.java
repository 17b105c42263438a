/**
 * The TradePulse runtime: {@link dev.tradepulse.runtime.TradePulse}, one object that wires and
 * starts every module from a configuration ({@link dev.tradepulse.runtime.RuntimeSchema} lists the
 * keys; {@code docs/configuration.md} is generated from it), with {@link dev.tradepulse.runtime.Strategy}
 * handles for the trading thread.
 */
@NullMarked
package dev.tradepulse.runtime;

import org.jspecify.annotations.NullMarked;
