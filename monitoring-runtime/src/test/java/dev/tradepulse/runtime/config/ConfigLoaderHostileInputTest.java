package dev.tradepulse.runtime.config;

import static dev.tradepulse.runtime.config.ConfigLoaderTest.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a careless user or a hostile file system does to the loader: it must answer, not hang or blow up. */
class ConfigLoaderHostileInputTest {

    @TempDir
    Path dir;

    private static ConfigException problems(ConfigLoader loader) {
        try {
            loader.load();
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return f;
    }

    @Test
    void aSecretFileThatIsAFifoNobodyWritesIsAProblemNotAHang() throws Exception {
        Path pipe = fifo("tg");
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "server:\n  token: ${file:" + pipe + "}\n");

        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problems(ConfigLoader.of(SCHEMA).file(f)));

        assertThat(e.getMessage()).contains("server.token").contains("not a regular file");
    }

    @Test
    void aSecretFileThatIsEndlessIsAProblemNotAnOutOfMemoryError() throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "server:\n  token: ${file:/dev/zero}\n");

        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problems(ConfigLoader.of(SCHEMA).file(f)));

        assertThat(e.getMessage()).contains("server.token").contains("not a regular file");
    }

    @Test
    void aConfigFileThatIsAFifoIsAProblemNotAHang() throws Exception {
        Path pipe = fifo("tradepulse.yml");

        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problems(ConfigLoader.of(SCHEMA).file(pipe)));

        assertThat(e.getMessage()).contains("not a regular file");
    }

    @Test
    void controlCharactersInAnUnknownKeyAreEscapedInTheError() throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "server:\n  \"po\\u001b[2Jrt\": 1\n");

        String message = problems(ConfigLoader.of(SCHEMA).file(f)).getMessage();

        assertThat(message).contains("po\\u001b[2Jrt").doesNotContain("\u001b");
    }

    @Test
    void controlCharactersInAnUnknownVariableAreEscapedInTheError() {
        String message = problems(ConfigLoader.of(SCHEMA).environment(Map.of("TRADEPULSE_\u001b[2J", "1"))).getMessage();

        assertThat(message).contains("TRADEPULSE_\\u001b[2J").doesNotContain("\u001b");
    }

    @Test
    void tenThousandNestedMappingsAreAProblemNotAStackOverflow() throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "a: ".repeat(1) + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n");

        ConfigException e = problems(ConfigLoader.of(SCHEMA).file(f));

        assertThat(e.problems()).isNotEmpty();
    }

    @Test
    void aDurationLongerThanNanosecondsHoldIsABadValueNotAnOverflowLater() throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        for (String text : new String[] {"999999999d", "PT9223372036854775807S"}) {
            Files.writeString(f, "health:\n  timeout: " + text + "\n");

            assertThat(problems(ConfigLoader.of(SCHEMA).file(f)).getMessage()).contains("health.timeout")
                    .contains("is longer than 106751d");
        }
        Files.writeString(f, "health:\n  timeout: 106751d\n");
        assertThat(ConfigLoader.of(SCHEMA).file(f).load().duration("health.timeout")).isEqualTo(Duration.ofDays(106_751));
    }

    @Test
    void aKeyWrittenTwiceInAPropertiesFileIsAProblemLikeInYaml() throws IOException {
        Path f = dir.resolve("tradepulse.properties");
        Files.writeString(f, "server.port=9000\nserver.bind=127.0.0.1\nserver.port=80\n");

        assertThat(problems(ConfigLoader.of(SCHEMA).file(f)).getMessage())
                .contains("server.port (" + f + ":1:1): is set more than once");
    }
}
