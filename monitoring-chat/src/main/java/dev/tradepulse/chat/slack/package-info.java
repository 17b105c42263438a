/**
 * Slack Socket Mode transport: {@code apps.connections.open} and a WebSocket, so the bot needs no
 * public port; slash commands, Block Kit buttons and messages in, every envelope acknowledged,
 * replies in the acknowledgement or by {@code chat.postMessage}.
 */
@NullMarked
package dev.tradepulse.chat.slack;

import org.jspecify.annotations.NullMarked;
