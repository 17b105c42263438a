package dev.tradepulse.chat;

import dev.tradepulse.api.support.Checks;
import java.util.List;

/**
 * What to send back: plain text and, for confirmations, buttons. Immutable.
 *
 * @param text the text, never holding a secret
 * @param buttons buttons under the message; empty for none
 */
public record Reply(String text, List<Button> buttons) {

    /** A button: what it says and the data it sends back when pressed. */
    public record Button(String label, String data) {
        /**
         * Checks.
         *
         * @throws NullPointerException if an argument is null
         */
        public Button {
            Checks.notNull(label, "label");
            Checks.notNull(data, "data");
        }
    }

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public Reply {
        Checks.notNull(text, "text");
        buttons = List.copyOf(Checks.notNull(buttons, "buttons"));
    }

    /**
     * @param text the text
     * @return a reply without buttons
     */
    public static Reply text(String text) {
        return new Reply(text, List.of());
    }
}
