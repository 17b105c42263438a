/**
 * Chat control of a {@link dev.tradepulse.runtime.TradePulse}: the built-in commands on its
 * strategies' risk states, locks, alerts and journal ({@link dev.tradepulse.runtime.chat.TradePulseCommands}),
 * and the sink that writes every command to the audit journal
 * ({@link dev.tradepulse.runtime.chat.CommandJournal}).
 */
@NullMarked
package dev.tradepulse.runtime.chat;

import org.jspecify.annotations.NullMarked;
