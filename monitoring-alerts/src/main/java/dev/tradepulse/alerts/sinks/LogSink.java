package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.ConfiguredSink;
import dev.tradepulse.alerts.SinkConfig;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.support.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each alert as one SLF4J line on the logger {@code dev.tradepulse.alerts.log}: ERROR for
 * critical and high, WARN for medium, INFO for low and for resolutions. CR, LF and every other
 * control character (ESC, NEL U+0085) and the line separators U+2028 and U+2029 are escaped, so
 * alert text can neither forge log lines nor drive a terminal.
 *
 * <p>Immutable and thread-safe: {@link #deliver} may be called from several threads at once.
 * A log does not wait, so {@link SinkConfig#timeout()} is not used; a retry and a breaker of its
 * own are, as for every sink.
 */
public final class LogSink implements ConfiguredSink {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts.log");

    private final String name;
    private final SinkConfig config;

    private LogSink(String name, SinkConfig config) {
        this.name = name;
        this.config = config;
    }

    /**
     * Creates the sink.
     *
     * @return a log sink named {@code log}
     * @throws NullPointerException if an argument is null
     */
    public static LogSink create() {
        return builder().build();
    }

    /**
     * Creates a sink with a name of its own, for a second log sink.
     *
     * @param name 1 to 64 letters, digits, '.', '_' or '-'
     * @return the sink
     * @throws IllegalArgumentException if the name is not of that form
     * @throws NullPointerException if the name is null
     */
    public static LogSink named(String name) {
        return builder().name(name).build();
    }

    /**
     * Starts a builder, for a name, retry or breaker of the sink's own.
     *
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link LogSink}. Not thread-safe. */
    public static final class Builder extends SinkBuilder<Builder> {

        private Builder() {
            super("log");
        }

        /**
         * Builds the sink.
         *
         * @return the sink
         */
        public LogSink build() {
            return new LogSink(settings.name(), settings.sinkConfig());
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
    public void deliver(Notification notification) {
        for (Alert a : notification.alerts()) {
            String line = "[" + a.severity().priority() + " " + a.severity() + "] "
                    + (a.status() == Alert.Status.RESOLVED ? "RESOLVED " : "") + oneLine(a.summary())
                    + (a.description().isEmpty() ? "" : " — " + oneLine(a.description()))
                    + (a.details().isEmpty() ? "" : " {" + oneLine(Text.details(a)) + "}")
                    + " key=" + oneLine(a.key());
            if (a.status() == Alert.Status.RESOLVED) {
                LOG.info("{}", line);
                continue;
            }
            switch (a.severity()) {
                case CRITICAL, HIGH -> LOG.error("{}", line);
                case MEDIUM -> LOG.warn("{}", line);
                case LOW -> LOG.info("{}", line);
            }
        }
    }

    /** One line, and a bounded one: an alert must not be able to flood the log. */
    private static String oneLine(String s) {
        return LogText.clean(s, 2000);
    }

    @Override
    public String toString() {
        return "LogSink[" + name + "]";
    }
}
