package dev.tradepulse.runtime.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** micrometer-registry-otlp is optional: a bot without it starts, unless it asks for OTLP. */
class WithoutOtlpTest {

    @TempDir
    Path dir;

    private String run(boolean otlp) throws Exception {
        Path data = dir.resolve(otlp ? "on" : "off");
        Path file = dir.resolve((otlp ? "on" : "off") + ".yml");
        Files.writeString(file, "profile: testing\ndata-dir: " + data + "\nserver:\n  enabled: false\n"
                + "metrics:\n  otlp:\n    enabled: " + otlp + "\n");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("micrometer-registry-otlp") && !e.contains("opentelemetry-proto")
                        && !e.contains("protobuf-java"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                WithoutOtlpChild.class.getName(), file.toString())
                .redirectError(dir.resolve((otlp ? "on" : "off") + ".err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void withoutTheArtifactABotStartsWhileOtlpIsOffAndFailsNamingTheArtifactWhenItIsOn() throws Exception {
        assertThat(run(false)).contains("started PrometheusMeterRegistry");
        assertThat(run(true)).contains("failed: TradePulse could not start the OTLP export")
                .contains("io.micrometer:micrometer-registry-otlp is not on the class path")
                .contains("add the dependency io.micrometer:micrometer-registry-otlp");
    }
}
