package dev.tradepulse.chat.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-user command rate (a sliding minute) and lockouts after repeated unauthorised attempts.
 * Bounded: at most {@value #MAX_USERS} users are tracked; the least recently seen are forgotten.
 * Thread-safe.
 */
public final class UserLimits {

    private static final int MAX_USERS = 10_000;

    private static final class State {
        final Deque<Instant> commands = new ArrayDeque<>();
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
        Instant lastRefusal = Instant.MIN;
    }

    private final Clock clock;
    private final int perMinute;
    private final int attempts;
    private final Duration window;
    private final Duration lockFor;
    private final Map<String, State> users = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param clock the clock
     * @param perMinute commands a user may send a minute
     * @param attempts unauthorised attempts that lock a user out
     * @param window the window those are counted in
     * @param lockFor how long a lockout lasts
     */
    public UserLimits(Clock clock, int perMinute, int attempts, Duration window, Duration lockFor) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.attempts = attempts;
        this.window = window;
        this.lockFor = lockFor;
    }

    private State state(String user) {
        State s = users.computeIfAbsent(user, u -> new State());
        if (users.size() > MAX_USERS) {
            String eldest = users.keySet().iterator().next();
            users.remove(eldest);
        }
        return s;
    }

    /**
     * @param user the user
     * @return whether the user is locked out now
     */
    public synchronized boolean lockedOut(String user) {
        State s = users.get(user);
        return s != null && clock.instant().isBefore(s.lockedUntil);
    }

    /**
     * Counts a command, if the user is within the rate.
     *
     * @param user the user
     * @return whether it is allowed
     */
    public synchronized boolean allow(String user) {
        Instant now = clock.instant();
        State s = state(user);
        while (!s.commands.isEmpty() && !s.commands.peekFirst().isAfter(now.minusSeconds(60))) {
            s.commands.pollFirst();
        }
        if (s.commands.size() >= perMinute) {
            return false;
        }
        s.commands.addLast(now);
        return true;
    }

    /**
     * @param user the user, just refused for the rate
     * @return whether this is the first such refusal in the current minute (to answer once)
     */
    public synchronized boolean firstRefusalThisMinute(String user) {
        Instant now = clock.instant();
        State s = state(user);
        boolean first = !s.lastRefusal.isAfter(now.minusSeconds(60));
        s.lastRefusal = now;
        return first;
    }

    /**
     * Counts an unauthorised attempt.
     *
     * @param user the user
     * @return whether this attempt locked the user out
     */
    public synchronized boolean failed(String user) {
        Instant now = clock.instant();
        State s = state(user);
        while (!s.failures.isEmpty() && !s.failures.peekFirst().isAfter(now.minus(window))) {
            s.failures.pollFirst();
        }
        s.failures.addLast(now);
        if (s.failures.size() >= attempts && !now.isBefore(s.lockedUntil)) {
            s.lockedUntil = now.plus(lockFor);
            s.failures.clear();
            return true;
        }
        return false;
    }
}
