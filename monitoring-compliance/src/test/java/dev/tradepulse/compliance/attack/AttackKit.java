package dev.tradepulse.compliance.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.internal.JournalFiles;
import dev.tradepulse.compliance.internal.LineFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a forger with write access to the journal directory, but without the key, has to hand. */
final class AttackKit {

    static final byte[] KEY = "attack-kit-0123456789abcdef-0123456789".getBytes(StandardCharsets.US_ASCII);
    static final ObjectMapper JSON = new ObjectMapper();

    private AttackKit() {
    }

    static ComplianceLogger.Builder builder(Path dir, Clock clock) {
        return ComplianceLogger.builder().directory(dir).instance("t").clock(clock).shutdownHook(false)
                .signer(Checkpoints.hmacSigner(KEY));
    }

    static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> JournalFiles.NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    static List<String> read(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static void write(Path file, List<String> lines) throws Exception {
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static boolean journalHolds(Path dir, String text) throws Exception {
        for (Path p : files(dir)) {
            if (Files.readString(p, StandardCharsets.UTF_8).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** The chain hash of a line: SHA-256 of its content (the line without its tag). */
    static String hash(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return new String(JournalFiles.hex(LineFormat.contentHash(JournalFiles.sha256(), b, 0, b.length,
                LineFormat.tagStart(b, 0, b.length))), StandardCharsets.US_ASCII);
    }

    /** The line without its tag member: needs no key, and leaves the chain as it was. */
    static String stripTag(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int tag = LineFormat.tagStart(b, 0, b.length);
        return tag < 0 ? line : new String(b, 0, tag, StandardCharsets.UTF_8) + "}";
    }

    /** A record that follows {@code last} in the chain, with no tag. */
    static ObjectNode after(String last, String type, String actor) throws Exception {
        ObjectNode prev = (ObjectNode) JSON.readTree(last);
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", prev.get("seq").asLong() + 1);
        n.put("prev", hash(last));
        n.put("ts", prev.get("ts").asText());
        n.put("type", type);
        n.put("level", "INFO");
        n.put("actor", actor);
        n.put("action", type.toLowerCase(java.util.Locale.ROOT));
        n.put("app", "tradepulse");
        n.put("instance", "t");
        n.putObject("details");
        return n;
    }

    static String order(String last, String orderId) throws Exception {
        ObjectNode n = after(last, "ORDER_EVENT", "momentum");
        n.put("action", "filled");
        ((ObjectNode) n.get("details")).put("order_id", orderId).put("price", 1.0);
        return JSON.writeValueAsString(n);
    }

    /** Copies the files of a journal as a SIGKILL would leave them (all flushed bytes, no lock). */
    static void copyAsCrashed(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("audit.lock")) {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
