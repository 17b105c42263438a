package dev.tradepulse.chat;

import dev.tradepulse.api.support.Checks;

/**
 * Who sent a message, as the transport identifies them. Authorisation is by {@code transport} and
 * {@code id} (Telegram's {@code from.id}, Slack's user id), never by display name. Immutable.
 *
 * @param transport {@code telegram} or {@code slack}
 * @param id the user's id on that transport
 * @param name a display name, for replies and the audit only
 */
public record ChatUser(String transport, String id, String name) {

    /**
     * Checks.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code transport} or {@code id} is blank
     */
    public ChatUser {
        Checks.notBlank(transport, "transport");
        Checks.notBlank(id, "id");
        Checks.notNull(name, "name");
    }
}
