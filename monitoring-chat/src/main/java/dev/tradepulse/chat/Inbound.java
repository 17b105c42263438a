package dev.tradepulse.chat;

import dev.tradepulse.api.support.Checks;
import org.jspecify.annotations.Nullable;

/**
 * One message or button press a transport received. Immutable.
 *
 * @param user who sent it
 * @param chatId where it was sent
 * @param group whether the chat is a group or channel (more than one person)
 * @param text the message text, such as {@code /halt momentum}; empty for a button press
 * @param button the pressed button's data, or null for a message
 */
public record Inbound(ChatUser user, String chatId, boolean group, String text, @Nullable String button) {

    /**
     * Checks.
     *
     * @throws NullPointerException if a reference other than {@code button} is null
     */
    public Inbound {
        Checks.notNull(user, "user");
        Checks.notNull(chatId, "chatId");
        Checks.notNull(text, "text");
    }

    /**
     * @param user who
     * @param chatId where
     * @param group whether a group
     * @param text what
     * @return a text message
     */
    public static Inbound message(ChatUser user, String chatId, boolean group, String text) {
        return new Inbound(user, chatId, group, text, null);
    }

    /**
     * @param user who
     * @param chatId where
     * @param group whether a group
     * @param data the button's data
     * @return a button press
     */
    public static Inbound button(ChatUser user, String chatId, boolean group, String data) {
        return new Inbound(user, chatId, group, "", Checks.notNull(data, "data"));
    }
}
