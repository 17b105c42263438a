package dev.tradepulse.chat.internal;

import dev.tradepulse.chat.ChatUser;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Confirmation nonces: 128 random bits each, bound to the command and its asker, expiring, and
 * removed on first use, so a replayed or forwarded button does nothing. Thread-safe.
 */
public final class Confirmations {

    /** Button data prefix that confirms. */
    public static final String CONFIRM = "tp:y:";
    /** Button data prefix that cancels. */
    public static final String CANCEL = "tp:n:";
    private static final int MAX_PENDING = 1_000;

    /** One command waiting for its button. */
    public record Pending(String nonce, ChatUser asker, String chatId, String command, List<String> args,
            boolean secondStage, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    /**
     * @param clock for expiry
     * @param timeout how long a button works
     */
    public Confirmations(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** @return how long a button works */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @param asker who asked
     * @param chatId where
     * @param command what
     * @param args with what
     * @param secondStage whether this is the second operator's button
     * @return the new pending confirmation
     */
    public synchronized Pending open(ChatUser asker, String chatId, String command, List<String> args, boolean secondStage) {
        expire();
        while (pending.size() >= MAX_PENDING) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        Pending p = new Pending(Base64.getUrlEncoder().withoutPadding().encodeToString(b), asker, chatId, command,
                List.copyOf(args), secondStage, clock.instant().plus(timeout));
        pending.put(p.nonce(), p);
        return p;
    }

    /**
     * Takes a pending confirmation out: it can be taken once.
     *
     * @param nonce from the button
     * @return the confirmation, unless unknown, used or expired
     */
    public synchronized Optional<Pending> take(String nonce) {
        expire();
        return Optional.ofNullable(pending.remove(nonce));
    }

    /**
     * Puts back a confirmation someone else pressed, so its asker can still use it.
     *
     * @param p what {@link #take} returned
     */
    public synchronized void restore(Pending p) {
        if (p.expires().isAfter(clock.instant())) {
            pending.put(p.nonce(), p);
        }
    }

    private void expire() {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !p.expires().isAfter(now));
    }
}
