package dev.tradepulse.compliance.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.internal.JournalFiles;
import dev.tradepulse.compliance.internal.JournalLimits;
import dev.tradepulse.compliance.verify.Verification.Problem;
import dev.tradepulse.compliance.verify.Verification.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks a journal directory from its first file to its last: every line's {@code prev} against
 * the hash of the line before, sequence numbers, checkpoint heads and (with a key) signatures,
 * the file sequence, and that the journal ends with a closing checkpoint. Reports the first
 * broken place.
 */
public final class JournalVerifier {

    private static final ObjectMapper JSON = JournalLimits.reader();

    private final Checkpoints.Verifier key;
    private final boolean live;

    private JournalVerifier(Checkpoints.Verifier key, boolean live) {
        this.key = key;
        this.live = live;
    }

    /**
     * A verifier that checks signatures with this key.
     *
     * @param key the HMAC key or Ed25519 public key, as a verifier
     * @return the verifier
     */
    public static JournalVerifier withKey(Checkpoints.Verifier key) {
        return new JournalVerifier(java.util.Objects.requireNonNull(key, "key must not be null"), false);
    }

    /**
     * A verifier that checks the chain but not signatures: it cannot detect a rewrite of the
     * whole chain.
     *
     * @return the verifier
     */
    public static JournalVerifier withoutKey() {
        return new JournalVerifier(null, false);
    }

    /**
     * The same verifier for a journal still being written: its tail need not end with a closing checkpoint.
     *
     * @return the verifier
     */
    public JournalVerifier live() {
        return new JournalVerifier(key, true);
    }

    /**
     * Verifies a journal directory.
     *
     * @param dir the directory
     * @return the outcome
     */
    public Verification verify(Path dir) {
        return new Run().verify(dir);
    }

    /** The state of one pass over the journal. */
    private final class Run {
        private final MessageDigest sha = JournalFiles.sha256();
        private long events;
        private int files;
        private int checkpoints;
        private long expectedSeq = -1;
        private String prevHash;
        private String prevFile;
        private long prevLine;
        private JsonNode lastNode;
        private String lastCheckpointAt;
        private long frontSeq = -1;
        private String frontHash;
        private boolean frontExplained;
        private String firstFile;

        Verification verify(Path dir) {
            Optional<Problem> problem = check(dir);
            return new Verification(events, files, checkpoints, key != null, problem);
        }

        private Optional<Problem> check(Path dir) {
            List<JournalFiles.Entry> entries;
            try {
                entries = JournalFiles.list(dir);
            } catch (IOException e) {
                return fail(Reason.UNREADABLE, dir.toString(), 0, "cannot list the directory: " + e.getMessage());
            }
            if (entries.isEmpty()) {
                return fail(Reason.MISSING_FILE, dir.toString(), 0, "no journal files");
            }
            for (int i = 0; i < entries.size(); i++) {
                JournalFiles.Entry entry = entries.get(i);
                String name = entry.path().getFileName().toString();
                if (i > 0 && entry.index() != entries.get(i - 1).index() + 1) {
                    return fail(Reason.MISSING_FILE, name, 0, "file number " + (entries.get(i - 1).index() + 1)
                            + " is missing before it");
                }
                byte[] bytes;
                try {
                    bytes = JournalFiles.read(entry);
                } catch (IOException e) {
                    return fail(Reason.UNREADABLE, name, 0, e.toString());
                }
                files++;
                Optional<Problem> p = checkFile(name, bytes, i == entries.size() - 1);
                if (p.isPresent()) {
                    return p;
                }
            }
            if (frontSeq >= 0 && !frontExplained) {
                return fail(Reason.MISSING_FILE, firstFile, 1, "the journal starts at seq " + (frontSeq + 1)
                        + " and no retention record accounts for the earlier lines");
            }
            if (!live && lastNode != null && !isCheckpoint(lastNode, "close")) {
                return fail(Reason.TRUNCATED_AFTER_CHECKPOINT, prevFile, prevLine, "the journal ends at seq "
                        + lastNode.path("seq").asLong() + " without a closing checkpoint"
                        + (lastCheckpointAt == null ? " and has no checkpoint at all"
                                : "; the last checkpoint is at " + lastCheckpointAt)
                        + " (lines after it may have been cut, or the writer crashed and was never reopened)");
            }
            return Optional.empty();
        }

        private Optional<Problem> checkFile(String name, byte[] bytes, boolean lastFile) {
            int start = 0;
            long lineNo = 0;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                lineNo++;
                if (end == bytes.length) {
                    return fail(lastFile ? Reason.TORN_TAIL : Reason.MODIFIED_LINE, name, lineNo,
                            "the line has no terminating newline" + (lastFile ? " (a write was cut short)" : ""));
                }
                Optional<Problem> p = checkLine(name, lineNo, bytes, start, end);
                if (p.isPresent()) {
                    return p;
                }
                start = end + 1;
            }
            return Optional.empty();
        }

        private Optional<Problem> checkLine(String name, long lineNo, byte[] bytes, int start, int end) {
            JsonNode node;
            try {
                node = JSON.readTree(bytes, start, end - start);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject() || !node.path("seq").canConvertToLong()
                    || !node.path("prev").isTextual()) {
                return fail(Reason.MODIFIED_LINE, name, lineNo, "the line is not a valid journal record");
            }
            long seq = node.path("seq").asLong();
            String prev = node.path("prev").asText();
            if (expectedSeq < 0) {
                firstFile = name;
                if (!(seq == 1 && prev.equals(JournalFiles.GENESIS))) {
                    frontSeq = seq - 1;
                    frontHash = prev;
                }
            } else if (seq > expectedSeq) {
                return fail(Reason.DELETED_LINES, name, lineNo, "seq " + expectedSeq
                        + (seq - 1 > expectedSeq ? " to " + (seq - 1) : "") + " missing before this line (seq " + seq + ")");
            } else if (seq < expectedSeq) {
                return fail(Reason.REORDERED_LINES, name, lineNo, "seq " + seq + " appears after seq " + (expectedSeq - 1));
            } else if (!prev.equals(prevHash)) {
                return fail(Reason.MODIFIED_LINE, prevFile, prevLine,
                        "its content does not match the hash recorded by the next line (seq " + seq + ")");
            }
            String type = node.path("type").asText();
            JsonNode details = node.path("details");
            if (type.equals("CHECKPOINT")) {
                checkpoints++;
                if (details.path("covers_seq").asLong() != seq - 1 || !details.path("head").asText().equals(prev)) {
                    return fail(Reason.MODIFIED_LINE, name, lineNo, "the checkpoint does not cover the line before it");
                }
                if (key != null) {
                    boolean valid;
                    try {
                        valid = details.path("alg").asText().equals(key.algorithm())
                                && key.verify(Checkpoints.signatureInput(seq - 1, prev),
                                        Base64.getDecoder().decode(details.path("sig").asText()));
                    } catch (IllegalArgumentException e) {
                        valid = false;
                    }
                    if (!valid) {
                        return fail(Reason.BAD_SIGNATURE, name, lineNo, "the checkpoint covering seq " + (seq - 1)
                                + " is not signed by the given " + key.algorithm() + " key");
                    }
                }
                lastCheckpointAt = name + ":" + lineNo + " (seq " + seq + ")";
            } else if (type.equals("RETENTION") && frontSeq >= 0
                    && details.path("deleted_through_seq").asLong() == frontSeq
                    && details.path("head").asText().equals(frontHash)) {
                frontExplained = true;
            }
            events++;
            expectedSeq = seq + 1;
            prevHash = JournalFiles.hashHex(sha, bytes, start, end - start);
            prevFile = name;
            prevLine = lineNo;
            lastNode = node;
            return Optional.empty();
        }

        private boolean isCheckpoint(JsonNode node, String reason) {
            return node.path("type").asText().equals("CHECKPOINT")
                    && node.path("details").path("reason").asText().equals(reason);
        }

        private Optional<Problem> fail(Reason reason, String file, long line, String message) {
            return Optional.of(new Problem(reason, file, line, message));
        }
    }
}
