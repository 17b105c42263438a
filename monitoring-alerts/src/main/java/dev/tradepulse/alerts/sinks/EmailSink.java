package dev.tradepulse.alerts.sinks;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.SinkException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Email over SMTP with Jakarta Mail: one message per notification, the title as subject (CR and
 * LF removed, so alert text cannot inject headers), a plain-text body listing every alert.
 * Authentication failures and rejected addresses are permanent; connection trouble is retried.
 */
public final class EmailSink implements AlertSink {

    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    private EmailSink(Session session, InternetAddress from, InternetAddress[] to) {
        this.session = session;
        this.from = from;
        this.to = to;
    }

    /** SMTP connection security. */
    public enum Security {
        /** Plain SMTP (loopback relays, tests). */
        NONE,
        /** STARTTLS, required. */
        STARTTLS,
        /** SMTP over TLS (port 465). */
        TLS
    }

    /**
     * Creates the sink.
     *
     * @param host the SMTP host
     * @param port the SMTP port
     * @param security how to secure the connection
     * @param username the login, or null for none
     * @param password the password; a secret, never logged
     * @param from the sender address
     * @param to the recipients, at least one
     * @return the sink
     */
    public static EmailSink create(String host, int port, Security security, String username, String password,
            String from, List<String> to) {
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(security, "security must not be null");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        Objects.requireNonNull(to, "to must not be null");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("to must name at least one recipient");
        }
        Properties props = new Properties();
        String proto = security == Security.TLS ? "smtps" : "smtp";
        props.put("mail.transport.protocol", proto);
        props.put("mail." + proto + ".host", host);
        props.put("mail." + proto + ".port", Integer.toString(port));
        props.put("mail." + proto + ".connectiontimeout", "10000");
        props.put("mail." + proto + ".timeout", "10000");
        props.put("mail." + proto + ".writetimeout", "10000");
        if (security == Security.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (username != null) {
            Objects.requireNonNull(password, "password must not be null when a username is given");
            props.put("mail." + proto + ".auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(username, password);
                }
            };
        }
        try {
            InternetAddress[] recipients = new InternetAddress[to.size()];
            for (int i = 0; i < recipients.length; i++) {
                recipients[i] = new InternetAddress(to.get(i), true);
            }
            return new EmailSink(Session.getInstance(props, auth), new InternetAddress(
                    Objects.requireNonNull(from, "from must not be null"), true), recipients);
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid email address: " + e.getRef(), e);
        }
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void deliver(Notification notification) throws SinkException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(subject(notification), StandardCharsets.UTF_8.name());
            message.setText(body(notification), StandardCharsets.UTF_8.name());
            Transport.send(message);
        } catch (AuthenticationFailedException e) {
            throw SinkException.permanent("email: SMTP authentication failed");
        } catch (SendFailedException e) {
            throw SinkException.permanent("email: recipients rejected");
        } catch (MessagingException e) {
            throw SinkException.retryable("email: " + e.getClass().getSimpleName(), null);
        }
    }

    static String subject(Notification notification) {
        return Text.cut(notification.title().replaceAll("[\\r\\n\\t]+", " "), 200);
    }

    static String body(Notification notification) {
        StringBuilder b = new StringBuilder();
        for (Alert a : notification.alerts()) {
            b.append('[').append(a.severity().priority()).append(' ').append(a.severity()).append("] ")
                    .append(a.status() == Alert.Status.RESOLVED ? "RESOLVED " : "").append(a.summary()).append('\n');
            if (!a.description().isEmpty()) {
                b.append(a.description()).append('\n');
            }
            a.labels().forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
            a.details().forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
            b.append("  key: ").append(a.key()).append(", since ").append(a.startsAt()).append('\n');
            a.runbook().ifPresent(r -> b.append("  runbook: ").append(r).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "EmailSink[to " + to.length + " recipients]";
    }
}
