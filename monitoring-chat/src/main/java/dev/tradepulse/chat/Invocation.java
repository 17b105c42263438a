package dev.tradepulse.chat;

import dev.tradepulse.api.support.Checks;
import java.util.List;

/**
 * A command about to run: who asked, where, with what arguments, and who confirmed. Immutable.
 *
 * @param user who asked
 * @param chatId where
 * @param command the command's name, without the slash
 * @param args the arguments, split at spaces
 * @param confirmedBy the users who confirmed it (the asker, and a second operator under four-eyes)
 */
public record Invocation(ChatUser user, String chatId, String command, List<String> args, List<ChatUser> confirmedBy) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public Invocation {
        Checks.notNull(user, "user");
        Checks.notNull(chatId, "chatId");
        Checks.notNull(command, "command");
        args = List.copyOf(Checks.notNull(args, "args"));
        confirmedBy = List.copyOf(Checks.notNull(confirmedBy, "confirmedBy"));
    }
}
