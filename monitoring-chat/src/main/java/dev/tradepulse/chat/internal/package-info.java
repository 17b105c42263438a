/** Chat control's internals: confirmation nonces and per-user limits. */
@NullMarked
package dev.tradepulse.chat.internal;

import org.jspecify.annotations.NullMarked;
