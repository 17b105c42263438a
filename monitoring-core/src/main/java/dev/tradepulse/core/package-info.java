/**
 * TradePulse core: execution timers, annotation-driven instrumentation, and retry and
 * circuit-breaker wrappers with logging and metrics.
 *
 * <p>Start with {@link dev.tradepulse.core.Monitoring#builder()}. Nothing in this package
 * returns {@code null}; parameters are never {@code null} unless documented otherwise, and a
 * {@code null} argument is rejected with a {@link java.lang.NullPointerException} naming it.
 */
@NullMarked
package dev.tradepulse.core;

import org.jspecify.annotations.NullMarked;
