package dev.tradepulse.chat;

import dev.tradepulse.api.support.Checks;
import java.time.Instant;
import java.util.List;

/**
 * What happened to one command, accepted or refused, for the audit journal. Immutable. Arguments
 * are redacted with the standard rules before they get here.
 *
 * @param at when
 * @param user who
 * @param chatId where
 * @param command the command's name, or what was typed if it is not a command
 * @param args the arguments, redacted
 * @param outcome what happened
 * @param detail why, in words (never a secret)
 */
public record CommandRecord(Instant at, ChatUser user, String chatId, String command, List<String> args,
        Outcome outcome, String detail) {

    /** What happened. */
    public enum Outcome {
        /** It ran. */
        DONE,
        /** It waits for a confirmation button. */
        AWAITING_CONFIRMATION,
        /** It waits for a second operator. */
        AWAITING_SECOND_OPERATOR,
        /** It ran and failed. */
        FAILED,
        /** The user is not allowed to run it (or not allowed at all). */
        REFUSED_UNAUTHORISED,
        /** The user sent too many commands. */
        REFUSED_RATE_LIMITED,
        /** The user is locked out after repeated unauthorised attempts. */
        REFUSED_LOCKED_OUT,
        /** A confirmation that expired, was used already, or came from someone else. */
        REFUSED_BAD_CONFIRMATION,
        /** Not a known command. */
        UNKNOWN
    }

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public CommandRecord {
        Checks.notNull(at, "at");
        Checks.notNull(user, "user");
        Checks.notNull(chatId, "chatId");
        Checks.notNull(command, "command");
        args = List.copyOf(Checks.notNull(args, "args"));
        Checks.notNull(outcome, "outcome");
        Checks.notNull(detail, "detail");
    }

    /** Where command records go: the audit journal, usually. Called on the transport's thread. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param record what happened
         * @throws Exception if it could not be recorded; counted and logged, never shown to the user
         */
        void record(CommandRecord record) throws Exception;
    }
}
