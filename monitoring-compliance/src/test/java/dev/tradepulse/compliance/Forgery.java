package dev.tradepulse.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.compliance.internal.JournalFiles;
import dev.tradepulse.compliance.internal.LineFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a forger with write access to the directory, but not the key, can do. */
final class Forgery {

    static final ObjectMapper JSON = new ObjectMapper();

    private Forgery() {
    }

    /** The chain hash of a line as written: SHA-256 of its content (the line without its tag). */
    static String hash(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return new String(JournalFiles.hex(LineFormat.contentHash(JournalFiles.sha256(), b, 0, b.length,
                LineFormat.tagStart(b, 0, b.length))), StandardCharsets.US_ASCII);
    }

    /** A well-formed ORDER_EVENT that follows {@code last}: right seq, right prev, no valid tag. */
    static String orderAfter(String last, String orderId, double price) throws Exception {
        ObjectNode prev = (ObjectNode) JSON.readTree(last);
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", prev.get("seq").asLong() + 1);
        n.put("prev", hash(last));
        n.put("ts", prev.get("ts").asText());
        n.put("type", "ORDER_EVENT");
        n.put("level", "INFO");
        n.put("actor", "momentum");
        n.put("action", "filled");
        n.put("app", "tradepulse");
        n.put("instance", "t");
        ObjectNode d = n.putObject("details");
        d.put("order_id", orderId);
        d.put("price", price);
        return JSON.writeValueAsString(n);
    }

    static List<String> read(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static void write(Path file, List<String> lines) throws Exception {
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static void append(Path file, String line) throws Exception {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Rewrites seq and prev from the first line on, as a forger without the key would. */
    static List<String> rechain(List<String> lines, long firstSeq, String firstPrev) throws Exception {
        List<String> out = new ArrayList<>();
        String prev = firstPrev;
        long seq = firstSeq;
        for (String line : lines) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.put("seq", seq++);
            n.put("prev", prev);
            String rewritten = JSON.writeValueAsString(n);
            out.add(rewritten);
            prev = hash(rewritten);
        }
        return out;
    }

    /** The files of an open journal as a SIGKILL would leave them (everything flushed so far), in {@code to}. */
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

    static boolean quarantineHolds(Path dir, String text) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().contains(".quarantine-")).toList()) {
                if (Files.readString(p).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
