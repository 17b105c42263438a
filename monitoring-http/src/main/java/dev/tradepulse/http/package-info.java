/**
 * The {@code /health} HTTP endpoint, served by the JDK's built-in server, with room for more
 * routes on the same port. Start from {@link dev.tradepulse.http.HealthServer#builder}.
 */
@NullMarked
package dev.tradepulse.http;

import org.jspecify.annotations.NullMarked;
