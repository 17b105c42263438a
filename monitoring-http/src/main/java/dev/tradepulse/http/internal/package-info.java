/**
 * The HTTP server's parts behind {@link dev.tradepulse.http.HealthServer}: Jetty lifecycle,
 * the request guard (Host allowlist, size limits, shutdown), bearer-token auth, routing, the SSE
 * stream, and the stream slots and mount hook shared with the WebSocket endpoint. Not a public
 * API: no other module may import it.
 */
@NullMarked
package dev.tradepulse.http.internal;

import org.jspecify.annotations.NullMarked;
