package dev.tradepulse.chat;

import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.chat.CommandRecord.Outcome;
import dev.tradepulse.chat.internal.Confirmations;
import dev.tradepulse.chat.internal.Confirmations.Pending;
import dev.tradepulse.chat.internal.UserLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns chat messages into commands, safely. Deny by default: only users listed with
 * {@link Builder#allow} may run anything, each up to their {@link Role}, in any chat (a group's
 * other members may not). Destructive commands need their asker to press a confirmation button
 * whose nonce expires and works once; four-eyes commands then need a second, distinct user.
 * Every command, accepted or refused, is recorded to the {@link CommandRecord.Sink}. Per-user rate
 * limits; repeated unauthorised attempts lock the user out, and {@link Builder#onLockout} hears of it.
 *
 * <p>Thread-safe: several transports may call {@link #handle} at once. Handlers run on the caller's
 * thread. Nothing a handler or the audit sink throws escapes {@link #handle}.
 */
public final class ChatControl {

    private static final Logger LOG = LoggerFactory.getLogger(ChatControl.class);
    private static final int MAX_TEXT = 512;
    private static final int MAX_ARGS = 16;

    private final Map<String, Role> allowed;
    private final Map<String, Command> commands;
    private final CommandRecord.Sink audit;
    private final Clock clock;
    private final Redaction redaction;
    private final Confirmations confirmations;
    private final UserLimits limits;
    private final Consumer<ChatUser> onLockout;
    private final AtomicLong auditFailures = new AtomicLong();
    private final LogThrottle auditLog = new LogThrottle(Duration.ofMinutes(1));

    private ChatControl(Builder b) {
        this.allowed = Map.copyOf(b.allowed);
        Map<String, Command> cs = new LinkedHashMap<>();
        cs.put("help", Command.of("help", Role.VIEWER, "what you may run here", this::help));
        cs.putAll(b.commands);
        this.commands = Map.copyOf(cs);
        this.audit = b.audit;
        this.clock = b.clock;
        this.redaction = b.redaction;
        this.confirmations = new Confirmations(clock, b.confirmationTimeout);
        this.limits = new UserLimits(clock, b.perMinute, b.lockoutAttempts, b.lockoutWindow, b.lockoutFor);
        this.onLockout = b.onLockout;
        if (allowed.isEmpty()) {
            LOG.warn("Chat control has no allowed users: every command is refused until one is allowed");
        }
    }

    /** @return a builder with no users allowed */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how many command records the audit sink failed to take */
    public long auditFailures() {
        return auditFailures.get();
    }

    /** @return whether any user is allowed (if not, every command is refused) */
    public boolean hasAllowedUsers() {
        return !allowed.isEmpty();
    }

    /**
     * Handles one message or button press.
     *
     * @param in what arrived
     * @return what to send back to its chat; empty when nothing should be said (chatter that is not
     *     a command, or a locked-out user)
     * @throws NullPointerException if {@code in} is null
     */
    public Optional<Reply> handle(Inbound in) {
        Checks.notNull(in, "in");
        try {
            return in.button() != null ? button(in) : message(in);
        } catch (RuntimeException e) {
            LOG.warn("Chat control failed on a message: {}", LogText.clean(e.toString()));
            return Optional.of(Reply.text("Something went wrong; nothing was done."));
        }
    }

    private Optional<Reply> message(Inbound in) {
        String text = in.text().strip();
        if (!text.startsWith("/")) {
            return Optional.empty();
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        String[] words = text.substring(1).split("\\s+");
        String name = words[0].toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);    // /halt@MyBot in a group
        }
        List<String> args = List.of(Arrays.copyOfRange(words, 1, Math.min(words.length, MAX_ARGS + 1)));
        ChatUser user = in.user();
        if (limits.lockedOut(key(user))) {
            record(in, name, args, Outcome.REFUSED_LOCKED_OUT, "locked out after repeated unauthorised attempts");
            return Optional.empty();
        }
        Command command = commands.get(name);
        Role role = allowed.get(key(user));
        Role needed = command == null ? Role.VIEWER : command.role();
        if (role == null || !role.covers(needed)) {
            String why = role == null ? "user " + user.transport() + ":" + user.id() + " is not allowed"
                    : "needs " + needed + ", user has " + role;
            record(in, name, args, Outcome.REFUSED_UNAUTHORISED, why);
            unauthorised(user);
            return Optional.of(Reply.text(role == null
                    ? "You are not allowed to run commands here (your " + user.transport() + " user id is " + user.id() + ")."
                    : "/" + name + " needs the " + needed.name().toLowerCase(Locale.ROOT) + " role."));
        }
        if (!limits.allow(key(user))) {
            record(in, name, args, Outcome.REFUSED_RATE_LIMITED, "more than the allowed commands a minute");
            return limits.firstRefusalThisMinute(key(user))
                    ? Optional.of(Reply.text("Too many commands; wait a minute.")) : Optional.empty();
        }
        if (command == null) {
            record(in, name, args, Outcome.UNKNOWN, "not a command");
            return Optional.of(Reply.text("Unknown command /" + LogText.clean(name, 32) + ". Try /help."));
        }
        if (command.confirm()) {
            Pending p = confirmations.open(user, in.chatId(), command.name(), args, false);
            record(in, name, args, Outcome.AWAITING_CONFIRMATION, "confirmation asked");
            return Optional.of(new Reply("Confirm /" + command.name() + describe(args) + "? The button works once, for you,"
                    + " for " + confirmations.timeout().toSeconds() + " s.",
                    List.of(new Reply.Button("Confirm", Confirmations.CONFIRM + p.nonce()),
                            new Reply.Button("Cancel", Confirmations.CANCEL + p.nonce()))));
        }
        return Optional.of(run(in, command, new Invocation(user, in.chatId(), command.name(), args, List.of())));
    }

    private Optional<Reply> button(Inbound in) {
        String data = in.button();
        if (data == null) {
            return Optional.empty();
        }
        ChatUser user = in.user();
        boolean cancel = data.startsWith(Confirmations.CANCEL);
        if (!cancel && !data.startsWith(Confirmations.CONFIRM)) {
            return Optional.empty();
        }
        String nonce = data.substring(cancel ? Confirmations.CANCEL.length() : Confirmations.CONFIRM.length());
        if (limits.lockedOut(key(user))) {
            record(in, "(button)", List.of(), Outcome.REFUSED_LOCKED_OUT, "locked out");
            return Optional.empty();
        }
        Optional<Pending> found = confirmations.take(nonce);
        if (found.isEmpty()) {
            record(in, "(button)", List.of(), Outcome.REFUSED_BAD_CONFIRMATION, "expired, already used or unknown");
            return Optional.of(Reply.text("That button has expired or was used already; nothing was done."));
        }
        Pending p = found.get();
        Command command = commands.get(p.command());
        Role role = allowed.get(key(user));
        if (command == null || role == null || !role.covers(command.role())) {
            confirmations.restore(p);
            record(in, p.command(), p.args(), Outcome.REFUSED_UNAUTHORISED, "a user who may not run it pressed the button");
            unauthorised(user);
            return Optional.of(Reply.text("You may not confirm /" + p.command() + "."));
        }
        boolean asker = p.asker().equals(user);
        if (!p.secondStage() && !asker) {
            confirmations.restore(p);
            record(in, p.command(), p.args(), Outcome.REFUSED_BAD_CONFIRMATION, "only the asker may confirm");
            return Optional.of(Reply.text("Only " + p.asker().name() + " can confirm this."));
        }
        if (cancel) {
            record(in, p.command(), p.args(), Outcome.REFUSED_BAD_CONFIRMATION, "cancelled");
            return Optional.of(Reply.text("Cancelled /" + p.command() + "; nothing was done."));
        }
        if (p.secondStage() && asker) {
            confirmations.restore(p);
            record(in, p.command(), p.args(), Outcome.REFUSED_BAD_CONFIRMATION, "the second confirmation must come from another user");
            return Optional.of(Reply.text("A second, different operator must confirm /" + p.command() + "."));
        }
        if (command.fourEyes() && !p.secondStage()) {
            Pending second = confirmations.open(p.asker(), p.chatId(), p.command(), p.args(), true);
            record(in, p.command(), p.args(), Outcome.AWAITING_SECOND_OPERATOR, "confirmed by the asker");
            return Optional.of(new Reply(p.asker().name() + " asks for /" + p.command() + describe(p.args())
                    + ". A second operator must confirm within " + confirmations.timeout().toSeconds() + " s.",
                    List.of(new Reply.Button("Confirm as second operator", Confirmations.CONFIRM + second.nonce()))));
        }
        List<ChatUser> confirmedBy = p.secondStage() ? List.of(p.asker(), user) : List.of(user);
        return Optional.of(run(in, command, new Invocation(p.asker(), p.chatId(), p.command(), p.args(), confirmedBy)));
    }

    private Reply run(Inbound in, Command command, Invocation invocation) {
        try {
            Reply r = command.handler().run(invocation);
            record(in, command.name(), invocation.args(), Outcome.DONE,
                    invocation.confirmedBy().size() > 1 ? "confirmed by " + names(invocation.confirmedBy()) : "");
            return r;
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            record(in, command.name(), invocation.args(), Outcome.FAILED, e.getClass().getSimpleName());
            LOG.warn("Chat command /{} failed: {}", command.name(), LogText.clean(e.toString()));
            return Reply.text("/" + command.name() + " failed; see the bot's log.");
        }
    }

    private Reply help(Invocation inv) {
        Role role = allowed.get(key(inv.user()));
        StringBuilder b = new StringBuilder("You may run:");
        for (Command c : commands.values().stream().sorted((x, y) -> x.name().compareTo(y.name())).toList()) {
            if (role != null && role.covers(c.role())) {
                b.append("\n/").append(c.name()).append(" - ").append(c.help())
                        .append(c.fourEyes() ? " (two operators)" : c.confirm() ? " (asks to confirm)" : "");
            }
        }
        return Reply.text(b.toString());
    }

    private void unauthorised(ChatUser user) {
        if (limits.failed(key(user))) {
            LOG.warn("Chat user {}:{} is locked out after repeated unauthorised commands", user.transport(),
                    LogText.clean(user.id(), 64));
            try {
                onLockout.accept(user);
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                LOG.warn("The lockout listener failed: {}", LogText.clean(e.toString()));
            }
        }
    }

    private void record(Inbound in, String command, List<String> args, Outcome outcome, String detail) {
        List<String> redacted = new ArrayList<>(args.size());
        for (String a : args) {
            redacted.add(LogText.clean(redaction.redact(a), 128));
        }
        CommandRecord r = new CommandRecord(clock.instant(), in.user(), in.chatId(), LogText.clean(command, 64), redacted,
                outcome, detail);
        try {
            audit.record(r);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            auditFailures.incrementAndGet();
            if (auditLog.tryAcquire(System.nanoTime())) {
                LOG.warn("A chat command could not be audited ({} so far): {}", auditFailures.get(), LogText.clean(e.toString()));
            }
        }
    }

    private static String describe(List<String> args) {
        return args.isEmpty() ? "" : " " + LogText.clean(String.join(" ", args), 200);
    }

    private static String names(List<ChatUser> users) {
        return String.join(" and ", users.stream().map(u -> u.name().isBlank() ? u.id() : u.name()).toList());
    }

    private static String key(ChatUser u) {
        return u.transport() + ":" + u.id();
    }

    /** Builds a {@link ChatControl}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Role> allowed = new LinkedHashMap<>();
        private final Map<String, Command> commands = new LinkedHashMap<>();
        private CommandRecord.Sink audit = r -> { };
        private Clock clock = Clock.systemUTC();
        private Redaction redaction = Redaction.defaults();
        private Duration confirmationTimeout = Duration.ofSeconds(60);
        private int perMinute = 20;
        private int lockoutAttempts = 5;
        private Duration lockoutWindow = Duration.ofMinutes(10);
        private Duration lockoutFor = Duration.ofMinutes(15);
        private Consumer<ChatUser> onLockout = u -> { };

        private Builder() {
        }

        /**
         * Allows a user, by id, up to a role.
         *
         * @param transport {@code telegram} or {@code slack}
         * @param userId the user's id there (Telegram {@code from.id}, Slack user id)
         * @param role what they may do
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code transport} or {@code userId} is blank
         */
        public Builder allow(String transport, String userId, Role role) {
            allowed.put(Checks.notBlank(transport, "transport") + ":" + Checks.notBlank(userId, "userId"),
                    Checks.notNull(role, "role"));
            return this;
        }

        /**
         * Adds a command; a later one with the same name replaces an earlier one.
         *
         * @param command the command
         * @return this builder
         * @throws NullPointerException if {@code command} is null
         * @throws IllegalArgumentException if it is named {@code help}
         */
        public Builder command(Command command) {
            Checks.notNull(command, "command");
            if (command.name().equals("help")) {
                throw new IllegalArgumentException("help is built in");
            }
            commands.put(command.name(), command);
            return this;
        }

        /**
         * @param sink where every command record goes, usually the audit journal
         * @return this builder
         * @throws NullPointerException if {@code sink} is null
         */
        public Builder audit(CommandRecord.Sink sink) {
            this.audit = Checks.notNull(sink, "sink");
            return this;
        }

        /**
         * @param clock for expiries, limits and records
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * @param redaction applied to every argument before it is recorded
         * @return this builder
         * @throws NullPointerException if {@code redaction} is null
         */
        public Builder redaction(Redaction redaction) {
            this.redaction = Checks.notNull(redaction, "redaction");
            return this;
        }

        /**
         * @param timeout how long a confirmation button works (default 60 s)
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder confirmationTimeout(Duration timeout) {
            this.confirmationTimeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * @param commands the most commands one user may send a minute (default 20)
         * @return this builder
         * @throws IllegalArgumentException if it is below 1
         */
        public Builder rateLimit(int commands) {
            if (commands < 1) {
                throw new IllegalArgumentException("commands must be >= 1, but was " + commands);
            }
            this.perMinute = commands;
            return this;
        }

        /**
         * @param attempts unauthorised attempts that lock a user out (default 5)
         * @param within the window they are counted in (default 10 min)
         * @param lockedFor how long the lockout lasts (default 15 min)
         * @return this builder
         * @throws IllegalArgumentException if a value is not positive
         */
        public Builder lockout(int attempts, Duration within, Duration lockedFor) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, but was " + attempts);
            }
            this.lockoutAttempts = attempts;
            this.lockoutWindow = Checks.positive(within, "within");
            this.lockoutFor = Checks.positive(lockedFor, "lockedFor");
            return this;
        }

        /**
         * @param listener told once when a user is locked out, for an alert; may not block
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder onLockout(Consumer<ChatUser> listener) {
            this.onLockout = Checks.notNull(listener, "listener");
            return this;
        }

        /** @return the chat control */
        public ChatControl build() {
            return new ChatControl(this);
        }
    }
}
