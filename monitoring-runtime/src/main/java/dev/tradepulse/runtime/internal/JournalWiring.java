package dev.tradepulse.runtime.internal;

import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.compliance.witness.Witnesses;
import dev.tradepulse.runtime.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/** The audit journal from {@code audit.*}: its directory, durability, HMAC key and witness. */
final class JournalWiring {

    private JournalWiring() {
    }

    static ComplianceLogger journal(Config config, Path dataDir, String app, Clock clock) throws IOException {
        Path witness = config.path("audit.witness-file").orElse(dataDir.resolve("audit.witness"));
        return ComplianceLogger.builder().directory(dataDir.resolve("audit")).app(app).clock(clock)
                .durability(config.enumValue("audit.durability", Durability.class))
                .keepRecent((int) config.integer("audit.keep-recent"))
                .signer(Checkpoints.hmacSigner(key(config, dataDir)))
                .witness(Witnesses.file(witness))
                .shutdownHook(false) // the runtime's lifecycle closes it, in order
                .build();
    }

    /** Where the key came from, for the start message; never the key. */
    static String keySource(Config config, Path dataDir) {
        if (config.secret("audit.hmac-key").isPresent()) {
            return "audit.hmac-key (" + config.origin("audit.hmac-key") + ")";
        }
        return config.path("audit.key-file").orElse(dataDir.resolve("audit.key")).toString();
    }

    private static byte[] key(Config config, Path dataDir) throws IOException {
        Optional<byte[]> inline = config.secret("audit.hmac-key").map(s -> hex("audit.hmac-key", s.reveal()));
        if (inline.isPresent()) {
            return inline.get();
        }
        Optional<Path> file = config.path("audit.key-file");
        if (file.isPresent()) {
            return hex("audit.key-file " + file.get(), Files.readString(file.get(), StandardCharsets.US_ASCII));
        }
        if (config.profile().equals("production")) {
            throw new IllegalArgumentException("the production profile needs audit.hmac-key or audit.key-file; a key "
                    + "generated next to the journal it signs proves little");
        }
        Path generated = dataDir.resolve("audit.key");
        if (Files.exists(generated)) {
            return hex("audit.key-file " + generated, Files.readString(generated, StandardCharsets.US_ASCII));
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // Written whole into a private temporary file, then moved into place: a crash never leaves
        // an empty or partial key file behind.
        Path tmp = generated.resolveSibling("audit.key.tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, generated, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
            return hex("audit.key-file " + generated, Files.readString(generated, StandardCharsets.US_ASCII));
        }
        return key;
    }

    // The message names where the key came from, never the key.
    private static byte[] hex(String where, String text) {
        try {
            byte[] key = HexFormat.of().parseHex(text.strip());
            if (key.length < 32) {
                throw new IllegalArgumentException(where + " must hold at least 32 bytes of hex (64 characters), but holds "
                        + key.length + " bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + " is not hex (the value is not shown)");
        }
    }
}
