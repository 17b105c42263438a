package dev.tradepulse.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a binary from Debian's packages. Missing, the test says loudly that it did not run;
 * with {@code REQUIRE_TEST_BINARIES} set (CI) or {@code -Dtest.requireBinaries=true}
 * (the {@code e2e} profile) it fails instead.
 */
final class Binaries {

    private Binaries() {
    }

    static Path require(String binary, String debianPackage, String test) {
        Path path = Path.of("/usr/bin", binary);
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = "\n*** " + test + " NOT RUN: /usr/bin/" + binary + " is missing. Install Debian's "
                + debianPackage + " (.ci/run does). ***\n";
        if (System.getenv("REQUIRE_TEST_BINARIES") != null || Boolean.getBoolean("test.requireBinaries")) {
            throw new AssertionError(message);
        }
        System.err.println(message);
        Assumptions.abort(message);
        return path;
    }
}
