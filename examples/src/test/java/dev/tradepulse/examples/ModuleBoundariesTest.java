package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No library module reaches into another module's {@code internal} package: shared code has one
 * public home ({@code dev.tradepulse.core.support}). Reads the sources of every module, so it
 * lives in the one module built after all of them.
 */
class ModuleBoundariesTest {

    private static final Pattern INTERNAL = Pattern.compile("dev\\.tradepulse\\.([a-z]+)\\.internal\\b");

    @Test
    void no_module_imports_or_names_another_modules_internal_package() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> modules;
        try (Stream<Path> s = Files.list(root)) {
            modules = s.filter(p -> p.getFileName().toString().startsWith("monitoring-")
                    && Files.isDirectory(p.resolve("src/main/java"))).toList();
        }
        assertThat(modules).as("library modules under " + root).hasSizeGreaterThanOrEqualTo(5);
        List<String> crossings = new ArrayList<>();
        for (Path module : modules) {
            String own = module.getFileName().toString().substring("monitoring-".length());
            try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = INTERNAL.matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group(1).equals(own)) {
                            crossings.add(root.relativize(f) + " -> " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(crossings).as("cross-module internal references").isEmpty();
    }
}
