package dev.tradepulse.runtime.chat;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.chat.ChatControl;
import dev.tradepulse.chat.Command;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.Role;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.trading.risk.TradingState;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The built-in chat commands of a {@link TradePulse}, on its strategies' risk states, locks,
 * alerts and journal. Reading ({@link Role#VIEWER}): {@code /status /health /profit /balance
 * /daily /weekly /positions /locks /alerts /journal}. Acting: {@code /halt /reduce /lock /ack
 * /silence} ({@link Role#OPERATOR}), {@code /resume /unlock} ({@link Role#ADMIN}); {@code /halt},
 * {@code /reduce}, {@code /resume} and {@code /unlock} ask for a confirmation button, and
 * {@code /resume} may need a second admin (four-eyes). A bot adds its own actions (such as
 * {@code /flatten}) with {@link ChatControl.Builder#command} on the builder
 * {@link #control(TradePulse)} returns, under the same authorisation and audit.
 *
 * <pre>{@code
 * ChatControl control = TradePulseCommands.control(tp)
 *         .command(Command.confirmed("flatten", Role.ADMIN, "close every position", inv -> bot.flattenAll()))
 *         .build();
 * }</pre>
 *
 * <p>Replies carry units and pass free text (reasons, alert summaries, health messages) through
 * the default redaction; no reply shows a secret. Stateless and thread-safe; the commands read
 * the runtime on the transport's thread and return at once.
 */
public final class TradePulseCommands {

    private TradePulseCommands() {
    }

    /**
     * The built-in commands, {@code /resume} without four-eyes.
     *
     * @param tp the runtime
     * @return the commands, to add to a {@link ChatControl.Builder}
     * @throws NullPointerException if {@code tp} is null
     */
    public static List<Command> builtIn(TradePulse tp) {
        return builtIn(tp, false);
    }

    /**
     * The built-in commands.
     *
     * @param tp the runtime
     * @param resumeFourEyes whether {@code /resume} needs a second, distinct admin to confirm
     * @return the commands, to add to a {@link ChatControl.Builder}
     * @throws NullPointerException if {@code tp} is null
     */
    public static List<Command> builtIn(TradePulse tp, boolean resumeFourEyes) {
        Checks.notNull(tp, "tp");
        Clock clock = clockOf(tp);
        Readings r = new Readings(tp, clock);
        Actions a = new Actions(tp, clock);
        return List.of(
                Command.of("status", Role.VIEWER, "[strategy] state, P&L today, drawdown, positions, last decision", guard(r::status)),
                Command.of("health", Role.VIEWER, "the health checks", guard(r::health)),
                Command.of("profit", Role.VIEWER, "[days] [strategy] realized profit (default 30 days)", guard(r::profit)),
                Command.of("balance", Role.VIEWER, "[strategy] equity, unrealized P&L, leverage", guard(r::balance)),
                Command.of("daily", Role.VIEWER, "[days] [strategy] realized P&L per UTC day (default 7)", guard(inv -> r.periods(inv, false))),
                Command.of("weekly", Role.VIEWER, "[weeks] [strategy] realized P&L per week (default 4)", guard(inv -> r.periods(inv, true))),
                Command.of("positions", Role.VIEWER, "[strategy] open positions", guard(r::positions)),
                Command.of("locks", Role.VIEWER, "the locks in force", guard(r::locks)),
                Command.of("alerts", Role.VIEWER, "active alerts, with their keys", guard(r::alerts)),
                Command.of("journal", Role.VIEWER, "[n] the journal's health and its last n events (default 10)", guard(r::journal)),
                Command.confirmed("halt", Role.OPERATOR, "<strategy|all> [reason] stop all orders", guard(inv -> a.restrict(inv, TradingState.HALTED))),
                Command.confirmed("reduce", Role.OPERATOR, "<strategy|all> [reason] only position-reducing orders", guard(inv -> a.restrict(inv, TradingState.REDUCING))),
                new Command("resume", Role.ADMIN, "<strategy|all> [reason] lift every hold (after a kill-switch halt too)",
                        true, resumeFourEyes, guard(a::resume)),
                Command.of("lock", Role.OPERATOR, "<symbol|all> <duration> [reason] refuse new orders on a symbol", guard(a::lock)),
                Command.confirmed("unlock", Role.ADMIN, "<symbol|all> [reason] lift the locks on a symbol", guard(a::unlock)),
                Command.of("ack", Role.OPERATOR, "<alert-key> [comment] acknowledge: stops its escalation", guard(a::ack)),
                Command.of("silence", Role.OPERATOR, "<severity|label=value> <duration> [comment] mute matching alerts", guard(a::silence)));
    }

    /**
     * A chat control builder with the built-in commands, the users of {@code chat.users}, the
     * limits of {@code chat.*}, every command journalled to {@link TradePulse#audit()} through
     * {@link CommandJournal}, and a HIGH alert when a user is locked out. With no users every
     * command is refused (deny by default).
     *
     * @param tp the runtime
     * @return the builder, for the bot's own commands
     * @throws NullPointerException if {@code tp} is null
     * @throws IllegalArgumentException if an entry of {@code chat.users} is not {@code transport:user-id:role}
     */
    public static ChatControl.Builder control(TradePulse tp) {
        Checks.notNull(tp, "tp");
        Config config = tp.config();
        ChatControl.Builder b = ChatControl.builder().clock(clockOf(tp)).audit(CommandJournal.to(tp.audit()))
                .rateLimit((int) config.integer("chat.rate-limit"))
                .confirmationTimeout(config.duration("chat.confirmation-timeout"))
                .onLockout(u -> tp.alerts().fire(Alert.builder("chat-lockout:" + u.transport() + ":" + u.id(), Severity.HIGH,
                        "Chat user " + u.transport() + ":" + u.id() + " is locked out after repeated unauthorised commands")
                        .label("alertname", "chat-lockout").source("chat").build()));
        List<String> users = config.list("chat.users");
        for (int i = 0; i < users.size(); i++) {
            String[] parts = users.get(i).strip().split(":");
            Role role = parts.length == 3 ? role(parts[2]) : null;
            if (role == null || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("chat.users entry " + (i + 1) + " must be transport:user-id:role with a role"
                        + " of viewer, operator or admin, such as telegram:12345:operator; got \""
                        + LogText.clean(users.get(i), 64) + "\"");
            }
            b.allow(parts[0].strip().toLowerCase(Locale.ROOT), parts[1].strip(), role);
        }
        for (Command c : builtIn(tp, config.bool("chat.resume-four-eyes"))) {
            b.command(c);
        }
        return b;
    }

    private static @Nullable Role role(String text) {
        try {
            return Role.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The strategy of that name, or a refusal listing the declared ones. */
    static Strategy strategy(TradePulse tp, String name) {
        if (!tp.strategies().contains(name)) {
            throw new Text.Refusal("No strategy is named " + LogText.clean(name, 32) + "; declared: "
                    + String.join(", ", tp.strategies()));
        }
        return tp.strategy(name);
    }

    /** The runtime's clock: its lock book is built with it. */
    private static Clock clockOf(TradePulse tp) {
        return tp.strategies().stream().findFirst().map(n -> tp.strategy(n).locks().clock()).orElse(Clock.systemUTC());
    }

    /** A bad argument is answered with its usage; anything else is the handler's failure. */
    private static Command.Handler guard(Command.Handler h) {
        return inv -> {
            try {
                return h.run(inv);
            } catch (Text.Refusal e) {
                return Reply.text(String.valueOf(e.getMessage()));
            }
        };
    }
}
