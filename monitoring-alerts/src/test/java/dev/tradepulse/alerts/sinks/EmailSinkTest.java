package dev.tradepulse.alerts.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.test.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The email sink against GreenMail's real, in-process SMTP server on loopback. */
class EmailSinkTest {

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private int port() {
        return smtp.getSmtp().getPort();
    }

    @Test
    void the_builder_sets_name_deadline_and_the_clock_that_dates_each_message() throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:30:00Z"));
        EmailSink sink = EmailSink.builder("127.0.0.1", port(), EmailSink.Security.NONE, "bot@tradepulse.dev",
                List.of("risk@example.com")).name("email-risk").timeout(Duration.ofSeconds(3)).clock(clock).build();

        sink.deliver(Notification.of(Alert.builder("drawdown", Severity.HIGH, "Drawdown 12%").build()));

        assertThat(sink.name()).isEqualTo("email-risk");
        assertThat(sink.config().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(sink.toString()).isEqualTo("EmailSink[email-risk, to 1 recipients]");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(smtp.getReceivedMessages()[0].getSentDate().toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void the_builder_rejects_bad_settings_naming_them() {
        assertThatThrownBy(() -> EmailSink.builder(" ", 25, EmailSink.Security.NONE, "a@b.c", List.of("d@e.f")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> EmailSink.builder("h", 0, EmailSink.Security.NONE, "a@b.c", List.of("d@e.f")))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> EmailSink.builder("h", 25, EmailSink.Security.NONE, "a@b.c", List.of()))
                .hasMessageContaining("to");
        assertThatThrownBy(() -> EmailSink.builder("h", 25, EmailSink.Security.NONE, "a@b.c", List.of("d@e.f"))
                .login("user", null)).isInstanceOf(NullPointerException.class).hasMessageContaining("password");
    }

    @Test
    void delivers_one_plain_text_message_per_notification_with_a_safe_subject() throws Exception {
        EmailSink sink = EmailSink.create("127.0.0.1", port(), EmailSink.Security.NONE, null, null,
                "bot@tradepulse.dev", List.of("oncall@example.com", "risk@example.com"));

        sink.deliver(new Notification(List.of(
                Alert.builder("kill-switch", Severity.CRITICAL, "Kill switch\r\nBcc: attacker@evil.example tripped")
                        .detail("pnl_pct", -15.2).build(),
                Alert.builder("disk", Severity.MEDIUM, "Disk below 5 GB").build())));

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2); // one per recipient
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("[P1 CRITICAL] Kill switch Bcc: attacker@evil.example tripped (+1 more)");
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getFrom()[0].toString()).isEqualTo("bot@tradepulse.dev");
        String body = GreenMailUtil.getBody(m);
        assertThat(body).contains("[P1 CRITICAL] Kill switch", "pnl_pct = -15.2", "[P3 MEDIUM] Disk below 5 GB");
    }

    @Test
    void a_wrong_password_is_a_permanent_failure_and_a_closed_port_a_retryable_one() {
        smtp.setUser("alerts@tradepulse.dev", "alerts", "right-password");
        smtp.getManagers().getUserManager().setAuthRequired(true);
        EmailSink wrong = EmailSink.create("127.0.0.1", port(), EmailSink.Security.NONE, "alerts", "wrong-password",
                "alerts@tradepulse.dev", List.of("oncall@example.com"));
        Notification n = Notification.of(Alert.builder("k", Severity.HIGH, "s").build());

        assertThatThrownBy(() -> wrong.deliver(n)).isInstanceOfSatisfying(SinkException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("email: SMTP authentication failed").doesNotContain("wrong-password");
        });
        int port = port();
        smtp.stop();
        EmailSink down = EmailSink.create("127.0.0.1", port, EmailSink.Security.NONE, null, null,
                "alerts@tradepulse.dev", List.of("oncall@example.com"));
        assertThatThrownBy(() -> down.deliver(n)).isInstanceOfSatisfying(SinkException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        smtp.start();
    }

    @Test
    void bad_addresses_are_rejected_at_creation() {
        assertThatThrownBy(() -> EmailSink.create("127.0.0.1", port(), EmailSink.Security.NONE, null, null,
                "not an address", List.of("oncall@example.com"))).hasMessageStartingWith("invalid email address");
        assertThatThrownBy(() -> EmailSink.create("127.0.0.1", port(), EmailSink.Security.NONE, null, null,
                "bot@tradepulse.dev", List.of())).hasMessage("to must name at least one recipient");
    }
}
