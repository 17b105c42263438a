package dev.tradepulse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Issue 11 finding 12e: an existing directory's mode is the owner's choice; a risky one is reported. */
class JournalDirectoryTest {

    @TempDir
    Path tmp;

    private List<String> openLogging(Path dir) {
        Logger log = (Logger) LoggerFactory.getLogger("dev.tradepulse.compliance");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        ch.qos.logback.classic.Level level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.WARN);
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir).instance("t").build()) {
            audit.userAction("login", Actor.of("u1"), Map.of());
        } finally {
            log.setLevel(level);
            log.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void an_existing_group_readable_directory_keeps_its_mode_and_a_warning_says_so() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("audit"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-x---")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        List<String> warnings = openLogging(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-x---");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains(dir.toString(), "rwxr-x---",
                "group or others"));
    }

    @Test
    void a_private_directory_opens_without_a_warning_and_a_new_one_is_created_private() throws Exception {
        Path dir = tmp.resolve("new");
        assertThat(openLogging(dir)).noneMatch(w -> w.contains("group or others"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(openLogging(dir)).noneMatch(w -> w.contains("group or others"));
    }
}
