package dev.tradepulse.alerts.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.alerts.LogCapture;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import org.junit.jupiter.api.Test;

class LogSinkTest {

    @Test
    void terminal_escapes_and_unicode_line_breaks_are_escaped_like_cr_and_lf() {
        Alert alert = Alert.builder("k\u2029ey", Severity.CRITICAL, "red \u001b[31mALERT\u001b[0m\r\nforged line")
                .description("next\u0085line\u2028and more").detail("note", "tab\there").build();

        try (LogCapture log = new LogCapture("dev.tradepulse.alerts.log")) {
            LogSink.create().deliver(Notification.of(alert));

            assertThat(log.lines()).singleElement().asString()
                    .startsWith("ERROR [P1 CRITICAL] red \\u001b[31mALERT\\u001b[0m\\r\\nforged line")
                    .contains("next\\u0085line\\u2028and more", "note=tab\\there", "key=k\\u2029ey")
                    .doesNotContain("\u001b", "\u0085", "\u2028", "\u2029", "\r", "\n", "\t");
        }
    }
}
