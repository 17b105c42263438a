/** Chat control's internals: confirmation nonces and per-user limits. */
package dev.tradepulse.chat.internal;
