package dev.tradepulse.alerts.sinks;

import dev.tradepulse.alerts.Alert;
import dev.tradepulse.alerts.AlertSink;
import dev.tradepulse.alerts.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each alert as one SLF4J line on the logger {@code dev.tradepulse.alerts.log}: ERROR for
 * critical and high, WARN for medium, INFO for low and for resolutions. CR and LF are escaped.
 */
public final class LogSink implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.alerts.log");

    private LogSink() {
    }

    /**
     * Creates the sink.
     *
     * @return a log sink named {@code log}
     */
    public static LogSink create() {
        return new LogSink();
    }

    @Override
    public String name() {
        return "log";
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
        return Text.cut(s.replace("\r", "\\r").replace("\n", "\\n"), 2000);
    }

    @Override
    public String toString() {
        return "LogSink";
    }
}
