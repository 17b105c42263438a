package dev.tradepulse.runtime.chat;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.chat.CommandRecord;
import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.ComplianceLogger.AccessKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes every chat command, accepted or refused, to the audit journal as an access event: actor
 * {@code chat:<transport>:<user-id>}, {@link AccessKind#AUTH_SUCCESS} when the user was allowed to
 * run it (it ran, failed, or waits for a confirmation), {@link AccessKind#AUTH_FAILURE} when it was
 * refused (unauthorised, rate-limited, locked out, a bad confirmation). The details hold the
 * transport, user, display name, chat, command, its arguments (already redacted by
 * {@code ChatControl}), the outcome and why. The state changes a command causes are journalled
 * separately, as the risk events they are, by the components that make them. Thread-safe.
 */
public final class CommandJournal implements CommandRecord.Sink {

    private final ComplianceLogger audit;

    private CommandJournal(ComplianceLogger audit) {
        this.audit = audit;
    }

    /**
     * @param audit the journal
     * @return a sink writing to it
     * @throws NullPointerException if {@code audit} is null
     */
    public static CommandJournal to(ComplianceLogger audit) {
        return new CommandJournal(Checks.notNull(audit, "audit"));
    }

    /**
     * @param r the command's record
     * @throws NullPointerException if {@code r} is null
     */
    @Override
    public void record(CommandRecord r) {
        Checks.notNull(r, "r");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("via", "chat");
        d.put("transport", r.user().transport());
        d.put("user", r.user().id());
        d.put("user_name", r.user().name());
        d.put("chat", r.chatId());
        d.put("command", r.command());
        d.put("args", String.join(" ", r.args()));
        d.put("outcome", r.outcome().name());
        d.put("detail", r.detail());
        audit.accessEvent(refused(r.outcome()) ? AccessKind.AUTH_FAILURE : AccessKind.AUTH_SUCCESS,
                Actor.of(Actions.who(r.user())), d);
    }

    private static boolean refused(CommandRecord.Outcome o) {
        return switch (o) {
            case REFUSED_UNAUTHORISED, REFUSED_RATE_LIMITED, REFUSED_LOCKED_OUT, REFUSED_BAD_CONFIRMATION -> true;
            case DONE, AWAITING_CONFIRMATION, AWAITING_SECOND_OPERATOR, FAILED, UNKNOWN -> false;
        };
    }
}
