/**
 * Time: the {@link dev.tradepulse.api.time.Sleeper} that waits between retries, so tests can move time instead.
 *
 * <p>The one injectable clock type across TradePulse is {@link java.time.Clock} (a builder's
 * {@code clock(Clock)}); tests move it with {@code dev.tradepulse.test.MutableClock}. Micrometer's
 * own {@code Clock} appears only where Micrometer needs it: a meter registry's clock, which
 * monitoring-core also uses to measure durations, as Micrometer's timers do.
 */
@NullMarked
package dev.tradepulse.api.time;

import org.jspecify.annotations.NullMarked;
