package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM a user imports lists every published module, and pins Prometheus at the version the build uses. */
class BomTest {

    private static final Path ROOT = Path.of("..");

    private static List<String> all(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void theBomListsEveryLibraryModuleOfTheBuild() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("monitoring-bom/pom.xml"));
        List<String> libraries = all(Pattern.compile("<module>(monitoring-[a-z]+)</module>"), parent).stream()
                .filter(m -> !m.equals("monitoring-bom")).toList();
        assertThat(libraries).isNotEmpty();
        assertThat(all(Pattern.compile("<artifactId>([a-z-]+)</artifactId>"), bom)).containsAll(libraries);
    }

    @Test
    void theBomPinsPrometheusAndOtlpAtTheMicrometerVersionTheBuildIsTestedWith() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("monitoring-bom/pom.xml"));
        String micrometer = all(Pattern.compile("<micrometer.version>([^<]+)</micrometer.version>"), parent).get(0);
        assertThat(bom).contains("<artifactId>micrometer-registry-prometheus</artifactId>\n        <version>" + micrometer
                + "</version>");
        assertThat(bom).contains("<artifactId>micrometer-registry-otlp</artifactId>\n        <version>" + micrometer
                + "</version>");
    }
}
