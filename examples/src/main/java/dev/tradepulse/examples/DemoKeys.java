package dev.tradepulse.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The demo's audit signing key: from {@code TRADEPULSE_AUDIT_KEY} (hex) if set, else from
 * {@code DATA_DIR/audit.key}, created (mode 0600) on first run. A real bot keeps it in its
 * secret store, away from the journal it signs.
 */
final class DemoKeys {

    private DemoKeys() {
    }

    static byte[] auditKey(Path dataDir) {
        String fromEnv = System.getenv("TRADEPULSE_AUDIT_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return HexFormat.of().parseHex(fromEnv.strip());
        }
        Path file = dataDir.resolve("audit.key");
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit key " + file, e);
        }
    }
}
