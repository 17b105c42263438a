/**
 * Chat control's internals, shared by the transports of this module and not a public API (no
 * compatibility promise): confirmation nonces, per-user limits, and bounded HTTP exchanges.
 */
@NullMarked
package dev.tradepulse.chat.internal;

import org.jspecify.annotations.NullMarked;
