package dev.tradepulse.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFilesTest {

    @TempDir
    Path dir;

    @Test
    void the_tail_of_a_large_file_starts_at_its_last_line_and_a_huge_last_line_is_read_whole() throws Exception {
        Path file = dir.resolve("audit-000001-20261122.jsonl");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            text.append("{\"seq\":").append(i + 1).append(",\"pad\":\"").append("x".repeat(40)).append("\"}\n");
        }
        Files.writeString(file, text.toString() + "{\"seq\":40001}\n", StandardCharsets.UTF_8);
        JournalFiles.Entry entry = new JournalFiles.Entry(file, 1, LocalDate.of(2026, 11, 22), false);
        assertThat(Files.size(file)).isGreaterThan(1 << 20);

        assertThat(new String(JournalFiles.readTail(entry), StandardCharsets.UTF_8)).isEqualTo("{\"seq\":40001}\n");

        String huge = "{\"seq\":40002,\"pad\":\"" + "y".repeat(2 << 20) + "\"}\n";
        Files.writeString(file, huge, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        byte[] tail = JournalFiles.readTail(entry);
        assertThat(tail.length).isEqualTo((int) Files.size(file)); // the whole file: the last line passes the window
    }
}
