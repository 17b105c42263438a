/**
 * Telegram Bot API transport: long polling ({@code getUpdates} with {@code offset} and
 * {@code timeout}), so the bot needs no public port; replies with {@code sendMessage} and inline
 * keyboards; button presses answered with {@code answerCallbackQuery}.
 */
@NullMarked
package dev.tradepulse.chat.telegram;

import org.jspecify.annotations.NullMarked;
