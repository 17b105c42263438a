package dev.tradepulse.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in the README is cut from a source file in this package, which the build
 * compiles and {@link ReadmeExamplesTest} runs, or in the Spring Boot bot's package of
 * {@code examples-spring-boot}, whose own tests run it. In the README a block is announced by
 * {@code <!-- snippet: NAME -->}; in the sources the region is between {@code // snippet: NAME} and
 * {@code // end snippet}. Run with {@code -Dreadme.update=true} to copy the sources into the README.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final List<Path> SOURCES = List.of(Path.of("src", "test", "java", "dev", "tradepulse", "readme"),
            Path.of("..", "examples-spring-boot", "src", "main", "java", "dev", "tradepulse", "examples", "spring"));
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->\\n```java\\n([\\s\\S]*?)```");
    private static final Pattern REGION = Pattern.compile("(?m)^([ \\t]*)// snippet: ([a-z0-9-]+)\\n([\\s\\S]*?)^[ \\t]*// end snippet\\n");

    static Map<String, String> regions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path dir : SOURCES) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    Matcher m = REGION.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        if (out.put(m.group(2), dedent(m.group(3), m.group(1).length())) != null) {
                            throw new AssertionError("snippet " + m.group(2) + " is defined twice");
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String dedent(String text, int indent) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int n = 0;
            while (n < indent && n < line.length() && line.charAt(n) == ' ') {
                n++;
            }
            b.append(line.substring(n)).append('\n');
        }
        return b.substring(0, b.length() - 1);
    }

    @Test
    void everyJavaBlockInTheReadmeIsTheCompiledSnippetItNames() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Map<String, String> regions = regions();
        Matcher m = MARKER.matcher(readme);
        StringBuilder updated = new StringBuilder();
        List<String> wrong = new ArrayList<>();
        int javaBlocks = 0;
        while (m.find()) {
            javaBlocks++;
            String name = m.group(1);
            String source = regions.get(name);
            if (source == null) {
                wrong.add(name + ": no // snippet: " + name + " region in " + SOURCES);
                m.appendReplacement(updated, Matcher.quoteReplacement(m.group()));
                continue;
            }
            if (!source.equals(m.group(2))) {
                wrong.add(name + ": the README differs from its source");
            }
            m.appendReplacement(updated, Matcher.quoteReplacement("<!-- snippet: " + name + " -->\n```java\n" + source + "```"));
        }
        m.appendTail(updated);
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, updated.toString(), StandardCharsets.UTF_8);
            wrong.removeIf(w -> w.endsWith("differs from its source"));
        }
        long allJavaBlocks = readme.lines().filter(l -> l.equals("```java")).count();
        assertThat(javaBlocks).as("```java blocks without a <!-- snippet: NAME --> line before them").isEqualTo(allJavaBlocks);
        assertThat(wrong).as("run ./mvnw -pl examples -am test -Dtest=ReadmeSnippetsTest -Dreadme.update=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false to copy the sources into the README").isEmpty();
    }

    private static final Pattern FILE = Pattern.compile("<!-- file: ([A-Za-z0-9_./-]+) -->\\n```(yaml|properties)\\n([\\s\\S]*?)```");

    /**
     * A YAML or properties block announced by {@code <!-- file: PATH -->} is that file, which a test
     * loads (the quick start's config); other YAML blocks, such as Kubernetes probes, are not TradePulse config.
     */
    @Test
    void everyConfigBlockInTheReadmeIsTheTestedFileItNames() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = FILE.matcher(readme);
        StringBuilder updated = new StringBuilder();
        List<String> wrong = new ArrayList<>();
        int blocks = 0;
        while (m.find()) {
            blocks++;
            Path file = Path.of("..").resolve(m.group(1));
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.equals(m.group(3))) {
                wrong.add(m.group(1) + ": the README differs from the file");
            }
            m.appendReplacement(updated, Matcher.quoteReplacement("<!-- file: " + m.group(1) + " -->\n```" + m.group(2) + "\n"
                    + text + "```"));
        }
        m.appendTail(updated);
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, updated.toString(), StandardCharsets.UTF_8);
            wrong.clear();
        }
        assertThat(blocks).as("the quick start's config file is shown from the file its test loads").isPositive();
        assertThat(wrong).as("run ./mvnw -pl examples -am test -Dtest=ReadmeSnippetsTest -Dreadme.update=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false to copy the files into the README").isEmpty();
    }
}
