package dev.tradepulse.chat;

import dev.tradepulse.api.support.Checks;
import java.util.regex.Pattern;

/**
 * A chat command: the built-ins and the bot's own (such as {@code /flatten}), under the same
 * authorisation and audit. Immutable; the handler is called on the transport's thread and must
 * not block for long (hand slow work to the bot's own executor and reply that it started).
 *
 * @param name the name without the slash, {@code a-z 0-9 _}
 * @param role the least role that may run it
 * @param help one line for {@code /help}
 * @param confirm whether it needs a confirmation button (destructive commands)
 * @param fourEyes whether a second, distinct user with the role must confirm too
 * @param handler what it does
 */
public record Command(String name, Role role, String help, boolean confirm, boolean fourEyes, Handler handler) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

    /** What a command does. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param invocation who asked, with what
         * @return the reply
         * @throws Exception if it failed; the user is told it failed (without the exception's text),
         *     and the failure is audited
         */
        Reply run(Invocation invocation) throws Exception;
    }

    /**
     * Checks.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is malformed, or four-eyes is asked without a confirmation
     */
    public Command {
        Checks.notNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 32 characters of a-z 0-9 _, but was " + name);
        }
        Checks.notNull(role, "role");
        Checks.notNull(help, "help");
        Checks.notNull(handler, "handler");
        if (fourEyes && !confirm) {
            throw new IllegalArgumentException("a four-eyes command must ask for confirmation: " + name);
        }
    }

    /**
     * @param name the name
     * @param role who may run it
     * @param help one line
     * @param handler what it does
     * @return a command that runs at once
     */
    public static Command of(String name, Role role, String help, Handler handler) {
        return new Command(name, role, help, false, false, handler);
    }

    /**
     * @param name the name
     * @param role who may run it
     * @param help one line
     * @param handler what it does
     * @return a command that runs after its asker presses a confirmation button
     */
    public static Command confirmed(String name, Role role, String help, Handler handler) {
        return new Command(name, role, help, true, false, handler);
    }

    /**
     * @param name the name
     * @param role who may run it and confirm it
     * @param help one line
     * @param handler what it does
     * @return a command that runs after its asker and then a second, distinct user confirm
     */
    public static Command fourEyes(String name, Role role, String help, Handler handler) {
        return new Command(name, role, help, true, true, handler);
    }
}
