/**
 * Risk control: the trading states ({@link dev.tradepulse.trading.risk.TradingState}) a strategy
 * or account moves through, and what guards orders on the way out.
 */
@NullMarked
package dev.tradepulse.trading.risk;

import org.jspecify.annotations.NullMarked;
