/**
 * Time: the {@link dev.tradepulse.api.time.Sleeper} that waits between retries, so tests can move time instead.
 */
package dev.tradepulse.api.time;
