/**
 * Operate the bot from a phone. {@link dev.tradepulse.chat.ChatControl} turns chat messages into
 * commands: deny by default, users (never only chats) allowed by id with a {@link dev.tradepulse.chat.Role},
 * confirmation buttons whose nonces expire and work once, an optional second operator, rate limits
 * and lockouts, and a {@link dev.tradepulse.chat.CommandRecord} of every command, accepted or refused.
 * Transports (Telegram long polling in {@code dev.tradepulse.chat.telegram}) only carry messages.
 */
@NullMarked
package dev.tradepulse.chat;

import org.jspecify.annotations.NullMarked;
