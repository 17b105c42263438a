package dev.tradepulse.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.chat.CommandRecord.Outcome;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChatControlTest {

    static final ChatUser ALICE = new ChatUser("telegram", "1001", "alice");
    static final ChatUser BOB = new ChatUser("telegram", "1002", "bob");
    static final ChatUser VIEWER = new ChatUser("telegram", "1003", "vera");
    static final ChatUser MALLORY = new ChatUser("telegram", "6666", "mallory");
    static final String GROUP = "-100200300";

    final MutableClock clock = MutableClock.start();
    final List<CommandRecord> audit = new CopyOnWriteArrayList<>();
    final List<String> halted = new CopyOnWriteArrayList<>();
    final List<String> resumed = new CopyOnWriteArrayList<>();
    final List<ChatUser> lockedOut = new CopyOnWriteArrayList<>();

    ChatControl control() {
        return ChatControl.builder()
                .allow("telegram", ALICE.id(), Role.OPERATOR)
                .allow("telegram", BOB.id(), Role.ADMIN)
                .allow("telegram", VIEWER.id(), Role.VIEWER)
                .command(Command.confirmed("halt", Role.OPERATOR, "halt a strategy", inv -> {
                    halted.add(String.join(" ", inv.args()));
                    return Reply.text("halted " + inv.args());
                }))
                .command(Command.fourEyes("resume", Role.OPERATOR, "resume a strategy", inv -> {
                    resumed.add(String.join(" ", inv.args()) + " by " + inv.confirmedBy());
                    return Reply.text("resumed");
                }))
                .command(Command.of("status", Role.VIEWER, "the strategies", inv -> Reply.text("momentum ACTIVE")))
                .command(Command.of("boom", Role.VIEWER, "fails", inv -> {
                    throw new IllegalStateException("secret=hunter2 exploded");
                }))
                .command(Command.of("overflow", Role.VIEWER, "fails hard", inv -> {
                    throw new StackOverflowError();
                }))
                .command(Command.of("login", Role.VIEWER, "echo", inv -> Reply.text("ok")))
                .audit(audit::add).clock(clock).onLockout(lockedOut::add).build();
    }

    static Inbound say(ChatUser u, String text) {
        return Inbound.message(u, GROUP, true, text);
    }

    static String button(Optional<Reply> reply, int index) {
        return reply.orElseThrow().buttons().get(index).data();
    }

    @Test
    void anUnlistedUserInAnAllowedGroupIsRefusedAuditedAndNothingHalts() {
        ChatControl c = control();
        Optional<Reply> r = c.handle(say(MALLORY, "/halt all"));
        assertThat(r.orElseThrow().text()).contains("not allowed").contains("6666");
        assertThat(r.orElseThrow().buttons()).isEmpty();
        assertThat(halted).isEmpty();
        assertThat(audit).singleElement().satisfies(rec -> {
            assertThat(rec.user()).isEqualTo(MALLORY);
            assertThat(rec.command()).isEqualTo("halt");
            assertThat(rec.args()).containsExactly("all");
            assertThat(rec.outcome()).isEqualTo(Outcome.REFUSED_UNAUTHORISED);
        });
    }

    @Test
    void anOperatorHaltsAfterConfirmingAndTheButtonWorksOnlyOnce() {
        ChatControl c = control();
        Optional<Reply> ask = c.handle(say(ALICE, "/halt@TradePulseBot momentum"));
        assertThat(ask.orElseThrow().text()).startsWith("Confirm /halt momentum?");
        assertThat(halted).isEmpty();
        String yes = button(ask, 0);
        assertThat(c.handle(Inbound.button(ALICE, GROUP, true, yes)).orElseThrow().text()).isEqualTo("halted [momentum]");
        assertThat(halted).containsExactly("momentum");
        assertThat(c.handle(Inbound.button(ALICE, GROUP, true, yes)).orElseThrow().text()).contains("expired or was used");
        assertThat(halted).hasSize(1);
        assertThat(audit).extracting(CommandRecord::outcome)
                .containsExactly(Outcome.AWAITING_CONFIRMATION, Outcome.DONE, Outcome.REFUSED_BAD_CONFIRMATION);
    }

    @Test
    void someoneElsePressingTheAskersButtonIsRefusedAndTheAskerCanStillConfirm() {
        ChatControl c = control();
        String yes = button(c.handle(say(ALICE, "/halt momentum")), 0);
        assertThat(c.handle(Inbound.button(BOB, GROUP, true, yes)).orElseThrow().text()).contains("Only alice");
        assertThat(c.handle(Inbound.button(MALLORY, GROUP, true, yes)).orElseThrow().text()).contains("may not confirm");
        assertThat(halted).isEmpty();
        c.handle(Inbound.button(ALICE, GROUP, true, yes));
        assertThat(halted).containsExactly("momentum");
    }

    @Test
    void aConfirmationExpiresAfterItsTimeout() {
        ChatControl c = control();
        String yes = button(c.handle(say(ALICE, "/halt momentum")), 0);
        clock.advance(Duration.ofSeconds(61));
        assertThat(c.handle(Inbound.button(ALICE, GROUP, true, yes)).orElseThrow().text()).contains("expired");
        assertThat(halted).isEmpty();
    }

    @Test
    void cancelDoesNothingAndUsesTheButtonUp() {
        ChatControl c = control();
        Optional<Reply> ask = c.handle(say(ALICE, "/halt momentum"));
        assertThat(c.handle(Inbound.button(ALICE, GROUP, true, button(ask, 1))).orElseThrow().text()).startsWith("Cancelled");
        assertThat(c.handle(Inbound.button(ALICE, GROUP, true, button(ask, 0))).orElseThrow().text()).contains("expired");
        assertThat(halted).isEmpty();
    }

    @Test
    void fourEyesResumeNeedsTwoDistinctOperators() {
        ChatControl c = control();
        String first = button(c.handle(say(ALICE, "/resume momentum")), 0);
        Optional<Reply> second = c.handle(Inbound.button(ALICE, GROUP, true, first));
        assertThat(second.orElseThrow().text()).contains("second operator");
        String other = button(second, 0);
        assertThat(c.handle(Inbound.button(ALICE, GROUP, true, other)).orElseThrow().text()).contains("different operator");
        assertThat(c.handle(Inbound.button(VIEWER, GROUP, true, other)).orElseThrow().text()).contains("may not confirm");
        assertThat(resumed).isEmpty();
        assertThat(c.handle(Inbound.button(BOB, GROUP, true, other)).orElseThrow().text()).isEqualTo("resumed");
        assertThat(resumed).containsExactly("momentum by [" + ALICE + ", " + BOB + "]");
        assertThat(audit.get(audit.size() - 1).detail()).isEqualTo("confirmed by alice and bob");
    }

    @Test
    void aViewerMayReadButNotAct() {
        ChatControl c = control();
        assertThat(c.handle(say(VIEWER, "/status")).orElseThrow().text()).isEqualTo("momentum ACTIVE");
        assertThat(c.handle(say(VIEWER, "/halt momentum")).orElseThrow().text()).isEqualTo("/halt needs the operator role.");
        assertThat(c.handle(say(VIEWER, "/help")).orElseThrow().text()).contains("/status").doesNotContain("/halt");
        assertThat(c.handle(say(ALICE, "/help")).orElseThrow().text()).contains("/halt - halt a strategy (asks to confirm)")
                .contains("/resume - resume a strategy (two operators)");
    }

    @Test
    void aFloodOfCommandsIsRateLimitedAndAnsweredOnce() {
        ChatControl c = control();
        for (int i = 0; i < 20; i++) {
            assertThat(c.handle(say(VIEWER, "/status")).orElseThrow().text()).isEqualTo("momentum ACTIVE");
        }
        assertThat(c.handle(say(VIEWER, "/status")).orElseThrow().text()).contains("Too many");
        assertThat(c.handle(say(VIEWER, "/status"))).isEmpty();
        assertThat(audit).filteredOn(r -> r.outcome() == Outcome.REFUSED_RATE_LIMITED).hasSize(2);
        clock.advance(Duration.ofSeconds(61));
        assertThat(c.handle(say(VIEWER, "/status")).orElseThrow().text()).isEqualTo("momentum ACTIVE");
    }

    @Test
    void repeatedUnauthorisedAttemptsLockTheUserOutOnceAndSilently() {
        ChatControl c = control();
        for (int i = 0; i < 5; i++) {
            assertThat(c.handle(say(MALLORY, "/halt all"))).isPresent();
        }
        assertThat(lockedOut).containsExactly(MALLORY);
        assertThat(c.handle(say(MALLORY, "/halt all"))).isEmpty();
        assertThat(audit.get(audit.size() - 1).outcome()).isEqualTo(Outcome.REFUSED_LOCKED_OUT);
        clock.advance(Duration.ofMinutes(16));
        assertThat(c.handle(say(MALLORY, "/halt all"))).isPresent();
        assertThat(lockedOut).hasSize(1);
    }

    @Test
    void aFailingHandlerIsReportedWithoutItsMessageAndAnErrorToo() {
        ChatControl c = control();
        assertThat(c.handle(say(VIEWER, "/boom")).orElseThrow().text()).isEqualTo("/boom failed; see the bot's log.");
        assertThat(c.handle(say(VIEWER, "/overflow")).orElseThrow().text()).contains("failed");
        assertThat(audit).extracting(CommandRecord::outcome).containsExactly(Outcome.FAILED, Outcome.FAILED);
        assertThat(audit.get(0).detail()).isEqualTo("IllegalStateException");
    }

    @Test
    void aFailingAuditIsCountedAndNeverReachesTheUser() {
        AtomicInteger calls = new AtomicInteger();
        ChatControl c = ChatControl.builder().allow("telegram", VIEWER.id(), Role.VIEWER)
                .command(Command.of("status", Role.VIEWER, "s", inv -> Reply.text("ok")))
                .audit(r -> {
                    calls.incrementAndGet();
                    throw new OutOfMemoryErrorLike();
                }).build();
        assertThat(c.handle(say(VIEWER, "/status")).orElseThrow().text()).isEqualTo("ok");
        assertThat(c.auditFailures()).isEqualTo(1);
        assertThat(calls).hasValue(1);
    }

    static final class OutOfMemoryErrorLike extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void secretsInArgumentsAreRedactedAndControlCharactersEscapedInTheAudit() {
        ChatControl c = control();
        c.handle(say(VIEWER, "/login password=hunter2 \u001b[31mred"));
        assertThat(audit.get(0).args()).noneMatch(a -> a.contains("hunter2")).noneMatch(a -> a.contains("\u001b"));
    }

    @Test
    void chatterAndUnknownCommandsAreHandledQuietly() {
        ChatControl c = control();
        assertThat(c.handle(say(ALICE, "good morning"))).isEmpty();
        assertThat(c.handle(say(ALICE, "/frobnicate")).orElseThrow().text()).contains("Unknown command /frobnicate");
        assertThat(c.handle(Inbound.button(ALICE, GROUP, true, "not-ours"))).isEmpty();
    }

    @Test
    void withNoAllowedUsersEverythingIsRefused() {
        ChatControl c = ChatControl.builder().command(Command.of("status", Role.VIEWER, "s", inv -> Reply.text("ok"))).build();
        assertThat(c.hasAllowedUsers()).isFalse();
        assertThat(c.handle(say(ALICE, "/status")).orElseThrow().text()).contains("not allowed");
    }
}
