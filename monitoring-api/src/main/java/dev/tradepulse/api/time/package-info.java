/**
 * Time: the {@link dev.tradepulse.api.time.Sleeper} that waits between retries, so tests can move time instead.
 */
@NullMarked
package dev.tradepulse.api.time;

import org.jspecify.annotations.NullMarked;
