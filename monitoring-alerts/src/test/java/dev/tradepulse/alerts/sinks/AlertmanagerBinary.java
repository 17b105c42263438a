package dev.tradepulse.alerts.sinks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Debian's {@code prometheus-alertmanager}. Missing, the test says loudly that it did not run
 * and is skipped; with {@code REQUIRE_TEST_BINARIES} set (CI) or {@code -Dtest.requireBinaries=true}
 * it fails instead.
 */
final class AlertmanagerBinary {

    private AlertmanagerBinary() {
    }

    static Path require(String test) {
        for (String candidate : List.of("/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager",
                "/usr/local/bin/alertmanager")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String message = "\n*** " + test + " NOT RUN: no alertmanager binary found. "
                + "Install Debian's prometheus-alertmanager (.ci/run does). ***\n";
        if (System.getenv("REQUIRE_TEST_BINARIES") != null || Boolean.getBoolean("test.requireBinaries")) {
            throw new AssertionError(message);
        }
        System.err.println(message);
        Assumptions.abort(message);
        throw new AssertionError(message); // not reached: abort throws
    }
}
