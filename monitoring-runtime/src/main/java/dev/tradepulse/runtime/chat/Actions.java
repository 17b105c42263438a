package dev.tradepulse.runtime.chat;

import dev.tradepulse.alerts.Silence;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.chat.ChatUser;
import dev.tradepulse.chat.Invocation;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger.RiskKind;
import dev.tradepulse.runtime.Strategy;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.trading.risk.Cause;
import dev.tradepulse.trading.risk.LockBook;
import dev.tradepulse.trading.risk.TradingLock;
import dev.tradepulse.trading.risk.TradingState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The acting commands. Each change goes through the component that owns it (the strategy's
 * {@code RiskState}, the shared {@code LockBook}, the alert dispatcher), which journals it as the
 * risk or user event it is, with the chat user as actor. Thread-safe (stateless over the runtime).
 */
final class Actions {

    private static final Duration MAX_SILENCE = Duration.ofDays(30);

    private final TradePulse tp;
    private final Clock clock;

    Actions(TradePulse tp, Clock clock) {
        this.tp = tp;
        this.clock = clock;
    }

    /** The actor id of a chat user: {@code chat:<transport>:<id>}; never the display name alone. */
    static String who(ChatUser u) {
        return "chat:" + u.transport() + ":" + u.id();
    }

    private static String by(Invocation inv) {
        StringBuilder b = new StringBuilder(who(inv.user()));
        for (ChatUser c : inv.confirmedBy()) {
            if (!c.equals(inv.user())) {
                b.append(", confirmed by ").append(who(c));
            }
        }
        return b.toString();
    }

    private List<Strategy> targets(Invocation inv, String usage) {
        if (inv.args().isEmpty()) {
            throw new Text.Refusal("Usage: " + usage);
        }
        String name = inv.args().get(0);
        if (name.equalsIgnoreCase("all")) {
            if (tp.strategies().isEmpty()) {
                throw new Text.Refusal("No strategies are declared.");
            }
            return tp.strategies().stream().map(tp::strategy).toList();
        }
        return List.of(TradePulseCommands.strategy(tp, name));
    }

    /**
     * {@code /halt} trips the strategy's kill switch (journalled as a KILL_SWITCH risk event, alerted
     * CRITICAL, its halt action run); {@code /reduce} holds its state at REDUCING and is journalled
     * and alerted here, as the trading-state change it is.
     */
    Reply restrict(Invocation inv, TradingState level) {
        String verb = level == TradingState.HALTED ? "halt" : "reduce";
        List<Strategy> targets = targets(inv, "/" + verb + " <strategy|all> [reason]");
        String by = by(inv);
        String reason = Text.rest(inv.args(), 1, verb + " from chat") + " (" + by + ")";
        Actor actor = Actor.of(who(inv.user()));
        List<String> lines = new ArrayList<>();
        for (Strategy s : targets) {
            boolean changed;
            if (level == TradingState.HALTED) {
                changed = s.killSwitch().trip("operator " + who(inv.user()), reason, Map.of("via", "chat", "by", by));
            } else {
                TradingState before = s.state();
                changed = s.riskState().restrict(Cause.operator(who(inv.user())), level, reason);
                if (changed) {
                    tp.audit().riskEvent(RiskKind.TRADING_HALT, actor, "operator-reduce", details(s, before, reason));
                    tp.alerts().fire(Alert.builder(reduceAlert(s), Severity.HIGH, s.name() + " is REDUCING (only "
                            + "position-reducing orders), by " + by).label("alertname", "trading-state").source("chat").build());
                }
            }
            lines.add(s.name() + " is " + s.state() + (changed ? "" : " (it was already)"));
        }
        return Reply.text(String.join("\n", lines));
    }

    /**
     * {@code /resume}: re-arms a halted kill switch (which lifts every hold and journals the REARM),
     * or lifts the operator's and the rules' holds, journalled here as a REARM risk event.
     */
    Reply resume(Invocation inv) {
        List<Strategy> targets = targets(inv, "/resume <strategy|all> [reason]");
        String why = Text.rest(inv.args(), 1, "resumed from chat");
        String who = by(inv);
        List<String> lines = new ArrayList<>();
        for (Strategy s : targets) {
            TradingState before = s.state();
            boolean lifted;
            if (s.killSwitch().isHalted()) {
                lifted = s.killSwitch().rearm(who, why);
            } else {
                lifted = s.riskState().lift(who, why);
                if (lifted) {
                    tp.audit().riskEvent(RiskKind.REARM, Actor.of(who(inv.user())), "operator-resume", details(s, before, why));
                }
            }
            if (lifted) {
                tp.alerts().resolve(reduceAlert(s));
            }
            lines.add(s.name() + " is " + s.state() + (lifted ? " (was " + before + ")"
                    : before == TradingState.ACTIVE ? " (nothing held it)" : " (could not be lifted; see the bot's log)"));
        }
        return Reply.text(String.join("\n", lines));
    }

    private static String reduceAlert(Strategy s) {
        return "chat-reduce:" + s.name();
    }

    private static Map<String, Object> details(Strategy s, TradingState before, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("strategy", s.name());
        d.put("from", before.name());
        d.put("to", s.state().name());
        d.put("reason", reason);
        d.put("via", "chat");
        return d;
    }

    private LockBook book() {
        return tp.strategies().stream().findFirst().map(n -> tp.strategy(n).locks())
                .orElseThrow(() -> new Text.Refusal("No strategies are declared, so there is nothing to lock."));
    }

    Reply lock(Invocation inv) {
        if (inv.args().size() < 2) {
            throw new Text.Refusal("Usage: /lock <symbol|all> <duration such as 30m> [reason]");
        }
        String symbol = symbol(inv.args().get(0));
        Duration d = Text.duration(inv.args().get(1), "duration", LockBook.MAX_DURATION);
        String why = Text.rest(inv.args(), 2, "locked from chat");
        TradingLock l = book().operatorLock(Actor.of(who(inv.user())), symbol, d, why);
        return Reply.text("Locked " + Text.safe(l.scope(), 32) + " until " + Text.time(l.until()) + " (" + Text.human(d)
                + "): new orders on it are refused.");
    }

    Reply unlock(Invocation inv) {
        if (inv.args().isEmpty()) {
            throw new Text.Refusal("Usage: /unlock <symbol|all> [reason]");
        }
        String symbol = symbol(inv.args().get(0));
        List<TradingLock> lifted = book().operatorUnlock(Actor.of(who(inv.user())), symbol,
                Text.rest(inv.args(), 1, "unlocked from chat") + " (" + by(inv) + ")");
        String scope = symbol == null ? "the locks on all symbols" : Text.safe(symbol, 32);
        return Reply.text(lifted.isEmpty() ? "Nothing locked " + scope + "." : "Unlocked " + scope + ": "
                + lifted.size() + (lifted.size() == 1 ? " lock" : " locks") + " lifted.");
    }

    Reply ack(Invocation inv) {
        if (inv.args().isEmpty()) {
            throw new Text.Refusal("Usage: /ack <alert-key> [comment] (see /alerts for the keys)");
        }
        String key = inv.args().get(0);
        Optional<Alert> alert = tp.alerts().activeAlerts().stream().filter(a -> a.key().equals(key)).findFirst();
        if (alert.isEmpty()) {
            return Reply.text("No active alert has the key " + Text.safe(key, 80) + "; see /alerts.");
        }
        String comment = Text.rest(inv.args(), 1, "");
        tp.alerts().acknowledge(key);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("alert", key);
        d.put("comment", comment);
        d.put("via", "chat");
        tp.audit().userAction("alert_acknowledge", Actor.of(who(inv.user())), d);
        return Reply.text("Acknowledged " + Text.safe(key, 80) + ": its escalation stops." + (comment.isEmpty() ? ""
                : " Comment recorded."));
    }

    Reply silence(Invocation inv) {
        if (inv.args().size() < 2) {
            throw new Text.Refusal("Usage: /silence <severity|label=value[,label=value]> <duration such as 2h> [comment]");
        }
        Map<String, String> matchers = matchers(inv.args().get(0));
        Duration d = Text.duration(inv.args().get(1), "duration", MAX_SILENCE);
        Instant now = clock.instant();
        String comment = Text.rest(inv.args(), 2, "silenced from chat") + " (" + who(inv.user()) + ")";
        Silence s;
        try {
            s = new Silence(matchers, now, now.plus(d), comment);
        } catch (IllegalArgumentException e) {
            throw new Text.Refusal("That matcher is not valid: " + LogText.clean(e.getMessage(), 120));
        }
        tp.alerts().silence(s);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("matchers", matchers.toString());
        details.put("until", s.until().toString());
        details.put("comment", comment);
        details.put("via", "chat");
        tp.audit().userAction("alert_silence", Actor.of(who(inv.user())), details);
        return Reply.text("Silenced alerts matching " + Text.safe(matchers.toString(), 120) + " until " + Text.time(s.until())
                + " (" + Text.human(d) + ").");
    }

    private static @Nullable String symbol(String text) {
        if (text.equalsIgnoreCase("all")) {
            return null;
        }
        if (!text.matches("[A-Za-z0-9._:/-]{1,32}")) {
            throw new Text.Refusal("A symbol is 1 to 32 of A-Z a-z 0-9 . _ : / -, such as BTCUSDT");
        }
        return text;
    }

    private static Map<String, String> matchers(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                String sev = part.toUpperCase(Locale.ROOT);
                try {
                    Severity.valueOf(sev);
                } catch (IllegalArgumentException e) {
                    throw new Text.Refusal("A matcher is a severity (critical, high, medium, low) or label=value, such as "
                            + "alertname=trading-state");
                }
                m.put("severity", sev.toLowerCase(Locale.ROOT));
            } else if (eq == 0 || eq == part.length() - 1) {
                throw new Text.Refusal("A matcher is label=value with both sides non-empty");
            } else {
                m.put(LogText.clean(part.substring(0, eq), 48), LogText.clean(part.substring(eq + 1), 120));
            }
        }
        return m;
    }
}
