/**
 * The status stream's implementation: the handshake, the hub thread, the connections and the
 * protocol's JSON. Internal to monitoring-http: no other module imports it, and it has no
 * compatibility promise.
 */
@NullMarked
package dev.tradepulse.http.stream.internal;

import org.jspecify.annotations.NullMarked;
