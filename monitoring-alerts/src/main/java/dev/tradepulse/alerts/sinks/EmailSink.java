package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.ConfiguredSink;
import dev.tradepulse.alerts.SinkConfig;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.SinkException;
import dev.tradepulse.api.support.Checks;
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
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Email over SMTP with Jakarta Mail: one message per notification, the title as subject (CR and
 * LF removed, so alert text cannot inject headers), a plain-text body listing every alert.
 * Authentication failures and rejected addresses are permanent; connection trouble is retried.
 * The deadline ({@link SinkConfig#timeout()}) bounds connecting, each read and each write.
 *
 * <p>Immutable and thread-safe: each delivery opens its own SMTP connection, so {@link #deliver}
 * may be called from several threads at once.
 */
public final class EmailSink implements ConfiguredSink {

    private final String name;
    private final SinkConfig config;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final Clock clock;

    private EmailSink(Builder b, Session session, InternetAddress from, InternetAddress[] to) {
        this.name = b.settings.name();
        this.config = b.settings.sinkConfig();
        this.clock = b.settings.clock();
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
     * Creates the sink with the defaults: named {@code email}, a 10-second deadline per SMTP step.
     *
     * @param host the SMTP host
     * @param port the SMTP port
     * @param security how to secure the connection
     * @param username the login, or null for none
     * @param password the password; a secret, never logged; required with a username
     * @param from the sender address
     * @param to the recipients, at least one
     * @return the sink
     * @throws NullPointerException if an argument other than {@code username} is null (the
     *     password only when a username is given)
     * @throws IllegalArgumentException if the port is out of range, there are no recipients, or
     *     an address is invalid
     */
    public static EmailSink create(String host, int port, Security security, @Nullable String username,
            @Nullable String password, String from, List<String> to) {
        Builder b = builder(host, port, security, from, to);
        if (username != null) {
            b.login(username, Checks.notNull(password, "password (given a username)"));
        }
        return b.build();
    }

    /**
     * Starts a builder, for a login, name, deadline, clock, retry or breaker of the sink's own.
     *
     * @param host the SMTP host
     * @param port the SMTP port
     * @param security how to secure the connection
     * @param from the sender address
     * @param to the recipients, at least one
     * @return the builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the port is out of range or there are no recipients
     */
    public static Builder builder(String host, int port, Security security, String from, List<String> to) {
        return new Builder(host, port, security, from, to);
    }

    /** Configures an {@link EmailSink}. Not thread-safe. */
    public static final class Builder extends SinkBuilder<Builder> {
        private final String host;
        private final int port;
        private final Security security;
        private final String from;
        private final List<String> to;
        private @Nullable String username;
        private @Nullable String password;

        private Builder(String host, int port, Security security, String from, List<String> to) {
            super("email");
            this.host = Checks.notBlank(host, "host");
            this.security = Checks.notNull(security, "security");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
            }
            this.port = port;
            this.from = Checks.notNull(from, "from");
            Checks.notNull(to, "to");
            if (to.isEmpty()) {
                throw new IllegalArgumentException("to must name at least one recipient");
            }
            this.to = List.copyOf(to);
        }

        /**
         * Logs in to the SMTP server.
         *
         * @param username the login
         * @param password the password; a secret, never logged
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder login(String username, String password) {
            this.username = Checks.notNull(username, "username");
            this.password = Checks.notNull(password, "password");
            return this;
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         * @throws IllegalArgumentException if an address is invalid
         */
        public EmailSink build() {
            Properties props = new Properties();
            String proto = security == Security.TLS ? "smtps" : "smtp";
            String millis = Long.toString(settings.sinkConfig().timeout().toMillis());
            props.put("mail.transport.protocol", proto);
            props.put("mail." + proto + ".host", host);
            props.put("mail." + proto + ".port", Integer.toString(port));
            props.put("mail." + proto + ".connectiontimeout", millis);
            props.put("mail." + proto + ".timeout", millis);
            props.put("mail." + proto + ".writetimeout", millis);
            if (security == Security.STARTTLS) {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            Authenticator auth = null;
            String user = username;
            String secret = password;
            if (user != null && secret != null) {
                props.put("mail." + proto + ".auth", "true");
                auth = new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(user, secret);
                    }
                };
            }
            try {
                InternetAddress[] recipients = new InternetAddress[to.size()];
                for (int i = 0; i < recipients.length; i++) {
                    recipients[i] = new InternetAddress(to.get(i), true);
                }
                return new EmailSink(this, Session.getInstance(props, auth), new InternetAddress(from, true),
                        recipients);
            } catch (AddressException e) {
                throw new IllegalArgumentException("invalid email address: " + e.getRef(), e);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkConfig config() {
        return config;
    }

    @Override
    public void deliver(Notification notification) throws SinkException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSentDate(Date.from(clock.instant()));
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
        return "EmailSink[" + name + ", to " + to.length + " recipients]";
    }
}
