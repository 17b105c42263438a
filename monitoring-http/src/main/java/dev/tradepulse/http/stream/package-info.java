/**
 * The status page's WebSocket stream: {@link dev.tradepulse.http.stream.StatusStream}, its
 * {@link dev.tradepulse.http.stream.StatusStreamConfig} and the protocol's
 * {@link dev.tradepulse.http.stream.MessageType}s. The protocol is described in
 * {@code docs/streaming.md}.
 */
@NullMarked
package dev.tradepulse.http.stream;

import org.jspecify.annotations.NullMarked;
