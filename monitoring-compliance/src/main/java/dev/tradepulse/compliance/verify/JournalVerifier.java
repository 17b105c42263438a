package dev.tradepulse.compliance.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.audit.SignatureVerifier;
import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.internal.JournalFiles;
import dev.tradepulse.compliance.internal.JournalLimits;
import dev.tradepulse.compliance.internal.LineFormat;
import dev.tradepulse.compliance.internal.LineKeys;
import dev.tradepulse.compliance.verify.Verification.Problem;
import dev.tradepulse.compliance.verify.Verification.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.Mac;

/**
 * Checks a journal directory from its first file to its last: every line's {@code prev} against
 * the content hash of the line before, sequence numbers, line tags (with an HMAC key), checkpoint
 * heads and signatures, the file sequence, that nothing but the next open follows a closing
 * checkpoint, that recovery never quarantined forged lines, that the journal reaches the latest
 * witnessed head, and that it ends with a closing checkpoint. Reports the first broken place.
 *
 * <p>Immutable and thread-safe: each {@code verify} call keeps its own state, so one verifier may
 * check several journals at once. It only reads; it never changes a journal.
 */
public final class JournalVerifier {

    private static final ObjectMapper JSON = JournalLimits.reader();
    /** How far ahead a missing line is looked for, to tell a swap from a deletion. */
    private static final int REORDER_WINDOW = 256;

    private final SignatureVerifier key;
    private final boolean live;
    private final WitnessedHead witnessed;

    private JournalVerifier(SignatureVerifier key, boolean live, WitnessedHead witnessed) {
        this.key = key;
        this.live = live;
        this.witnessed = witnessed;
    }

    /**
     * A verifier that checks signatures (and, with an HMAC key, every line's tag) with this key.
     *
     * @param key the HMAC key or Ed25519 public key, as a verifier
     * @return the verifier
     * @throws NullPointerException if {@code key} is null
     */
    public static JournalVerifier withKey(SignatureVerifier key) {
        return new JournalVerifier(Objects.requireNonNull(key, "key must not be null"), false, null);
    }

    /**
     * A verifier that checks the chain but not signatures: it cannot detect a rewrite of the
     * whole chain.
     *
     * @return the verifier
     */
    public static JournalVerifier withoutKey() {
        return new JournalVerifier(null, false, null);
    }

    /**
     * The same verifier for a journal still being written: its tail need not end with a closing
     * checkpoint; lines after the last checkpoint are counted in {@link Verification#unsignedTail()}.
     *
     * @return the verifier
     */
    public JournalVerifier live() {
        return new JournalVerifier(key, true, witnessed);
    }

    /**
     * The same verifier, also checking that the journal reaches a head a witness recorded
     * (see {@code dev.tradepulse.api.audit.Witness#latest()}): a journal cut back to an
     * earlier point, or rewritten, fails.
     *
     * @param head the latest witnessed head
     * @return the verifier
     * @throws NullPointerException if {@code head} is null
     */
    public JournalVerifier witnessed(WitnessedHead head) {
        return new JournalVerifier(key, live, Objects.requireNonNull(head, "head must not be null"));
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
        private long tagged;
        private long sinceCheckpoint;
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
        private boolean afterClose = true;
        private boolean tagsRequired;
        private String witnessedLineHash;
        private Mac mac;
        private long macEpoch;
        private byte[] epochKey;

        Verification verify(Path dir) {
            Optional<Problem> problem = check(dir);
            if (epochKey != null) {
                Arrays.fill(epochKey, (byte) 0);
            }
            return new Verification(events, files, checkpoints, key != null, tagged, sinceCheckpoint,
                    witnessed == null ? OptionalLong.empty() : OptionalLong.of(witnessed.coversSeq()), problem);
        }

        private Optional<Problem> check(Path dir) {
            if (witnessed != null && key != null && !witnessSigned()) {
                return fail(Reason.WITNESS_MISMATCH, dir.toString(), 0, "the witnessed head (seq "
                        + witnessed.coversSeq() + ") is not signed by the given key: the witness cannot be trusted");
            }
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
                rekey(entry.index());
                Optional<Problem> p = checkFile(name, entry.index(), bytes, i == entries.size() - 1);
                if (p.isPresent()) {
                    return p;
                }
            }
            return finish();
        }

        private Optional<Problem> finish() {
            if (frontSeq >= 0 && !frontExplained) {
                return fail(Reason.MISSING_FILE, firstFile, 1, "the journal starts at seq " + (frontSeq + 1)
                        + " and no retention record accounts for the earlier lines");
            }
            long lastSeq = expectedSeq - 1;
            if (witnessed != null) {
                if (lastSeq < witnessed.coversSeq()) {
                    return fail(Reason.CUT_BEFORE_WITNESS, prevFile, prevLine, "the journal ends at seq " + lastSeq
                            + " but a witness recorded it reaching seq " + witnessed.coversSeq() + " at "
                            + witnessed.at() + ": lines were cut off");
                }
                if (witnessedLineHash != null && !witnessedLineHash.equals(witnessed.head())) {
                    return fail(Reason.WITNESS_MISMATCH, prevFile, prevLine, "seq " + witnessed.coversSeq()
                            + " does not have the content the witness recorded");
                }
            }
            if (key != null && checkpoints == 0 && tagged == 0) {
                return fail(Reason.NOT_SIGNED, prevFile, prevLine, "a key was given but no line or checkpoint in "
                        + "the journal is signed (" + events + " lines, none authenticated)");
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

        private boolean witnessSigned() {
            try {
                return witnessed.alg().equals(key.algorithm()) && key.verify(Checkpoints.signatureInput(
                        witnessed.coversSeq(), witnessed.head(), witnessed.epoch()),
                        Base64.getDecoder().decode(witnessed.sig()));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /** Line keys evolve per file: step forward from the previous file's key where possible. */
        private void rekey(long epoch) {
            if (!(key instanceof LineKeys keys)) {
                return;
            }
            byte[] next = epochKey != null && epoch == macEpoch + 1 ? LineFormat.evolve(epochKey) : keys.epochKey(epoch);
            if (epochKey != null) {
                Arrays.fill(epochKey, (byte) 0);
            }
            epochKey = next;
            macEpoch = epoch;
            mac = LineFormat.mac(next);
        }

        private Optional<Problem> checkFile(String name, long epoch, byte[] bytes, boolean lastFile) {
            int start = 0;
            long lineNo = 0;
            while (start < bytes.length) {
                int end = lineEnd(bytes, start);
                lineNo++;
                if (end == bytes.length) {
                    return fail(lastFile ? Reason.TORN_TAIL : Reason.MODIFIED_LINE, name, lineNo,
                            "the line has no terminating newline" + (lastFile ? " (a write was cut short)" : ""));
                }
                Optional<Problem> p = checkLine(name, epoch, lineNo, bytes, start, end);
                if (p.isPresent()) {
                    return p;
                }
                start = end + 1;
            }
            return Optional.empty();
        }

        private static int lineEnd(byte[] bytes, int start) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            return end;
        }

        private JsonNode parse(byte[] bytes, int start, int end) {
            try {
                JsonNode node = JSON.readTree(bytes, start, end - start);
                return node != null && node.isObject() && node.path("seq").canConvertToLong()
                        && node.path("prev").isTextual() ? node : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private Optional<Problem> checkLine(String name, long epoch, long lineNo, byte[] bytes, int start, int end) {
            JsonNode node = parse(bytes, start, end);
            if (node == null) {
                return fail(Reason.MODIFIED_LINE, name, lineNo, "the line is not a valid journal record");
            }
            long seq = node.path("seq").asLong();
            String prev = node.path("prev").asText();
            if (expectedSeq < 0) {
                firstFile = name;
                if (!(seq == 1 && prev.equals(JournalFiles.GENESIS))) {
                    frontSeq = seq - 1;
                    frontHash = prev;
                    afterClose = false;
                }
            } else if (seq > expectedSeq) {
                if (turnsUpLater(bytes, end + 1, expectedSeq)) {
                    return fail(Reason.REORDERED_LINES, name, lineNo, "seq " + seq + " appears before seq "
                            + expectedSeq + ", which follows later in this file");
                }
                return fail(Reason.DELETED_LINES, name, lineNo, "seq " + expectedSeq
                        + (seq - 1 > expectedSeq ? " to " + (seq - 1) : "") + " missing before this line (seq " + seq + ")");
            } else if (seq < expectedSeq) {
                return fail(Reason.REORDERED_LINES, name, lineNo, "seq " + seq + " appears after seq " + (expectedSeq - 1));
            } else if (!prev.equals(prevHash)) {
                return fail(Reason.MODIFIED_LINE, prevFile, prevLine,
                        "its content does not match the hash recorded by the next line (seq " + seq + ")");
            }
            String type = node.path("type").asText();
            boolean journalRecord = "journal".equals(node.path("actor").asText())
                    && (type.equals("JOURNAL_OPEN") || type.equals("RECOVERY") || type.equals("CHECKPOINT"));
            if (afterClose && !journalRecord) {
                return fail(Reason.APPENDED_AFTER_CLOSE, name, lineNo, "seq " + seq + " (" + type
                        + ") follows a closing checkpoint; only the next open's own records may");
            }
            int tag = LineFormat.tagStart(bytes, start, end);
            byte[] hash = LineFormat.contentHash(sha, bytes, start, end, tag);
            if (mac != null) {
                if (tag >= 0) {
                    if (!LineFormat.tagValid(mac, hash, bytes, tag)) {
                        return fail(Reason.MODIFIED_LINE, name, lineNo, "seq " + seq
                                + " fails authentication: its tag was not made with this key for this file");
                    }
                    tagged++;
                    tagsRequired = true;
                } else if (tagsRequired) {
                    return fail(Reason.MODIFIED_LINE, name, lineNo, "seq " + seq
                            + " carries no authentication tag, though the lines before it do");
                }
            }
            JsonNode details = node.path("details");
            if (type.equals("CHECKPOINT")) {
                Optional<Problem> p = checkCheckpoint(name, epoch, lineNo, seq, prev, details);
                if (p.isPresent()) {
                    return p;
                }
            } else if (type.equals("RETENTION") && frontSeq >= 0
                    && details.path("deleted_through_seq").asLong() == frontSeq
                    && details.path("head").asText().equals(frontHash)) {
                frontExplained = true;
            } else if (type.equals("RECOVERY") && details.path("tampered").asBoolean(false)) {
                String file = details.path("quarantine_file").asText();
                return fail(Reason.TAMPERING_QUARANTINED, name, lineNo, "at seq " + seq + " recovery recorded "
                        + "tampering: " + details.path("reason").asText() + (file.isEmpty() ? ""
                                : "; " + details.path("quarantined_bytes").asLong() + " bytes it could not "
                                        + "authenticate are in " + file + ", investigate them"));
            }
            if (!type.equals("CHECKPOINT")) {
                sinceCheckpoint++;
            }
            events++;
            expectedSeq = seq + 1;
            prevHash = new String(JournalFiles.hex(hash), StandardCharsets.US_ASCII);
            if (witnessed != null && seq == witnessed.coversSeq()) {
                witnessedLineHash = prevHash;
            }
            prevFile = name;
            prevLine = lineNo;
            lastNode = node;
            afterClose = isCheckpoint(node, "close") || afterClose && !type.equals("JOURNAL_OPEN");
            return Optional.empty();
        }

        private Optional<Problem> checkCheckpoint(String name, long epoch, long lineNo, long seq, String prev,
                JsonNode details) {
            checkpoints++;
            if (details.path("covers_seq").asLong() != seq - 1 || !details.path("head").asText().equals(prev)) {
                return fail(Reason.MODIFIED_LINE, name, lineNo, "the checkpoint does not cover the line before it");
            }
            boolean v2 = details.has("epoch");
            if (v2 && key instanceof LineKeys) {
                tagsRequired = true; // a v2 writer with this key tags every line: no untagged line may follow
            }
            if (v2 && details.path("epoch").asLong() != epoch) {
                return fail(Reason.MODIFIED_LINE, name, lineNo, "the checkpoint names epoch "
                        + details.path("epoch").asLong() + " but is in file " + epoch);
            }
            if (key != null) {
                boolean valid;
                try {
                    byte[] input = v2 ? Checkpoints.signatureInput(seq - 1, prev, epoch)
                            : Checkpoints.signatureInput(seq - 1, prev);
                    valid = details.path("alg").asText().equals(key.algorithm())
                            && key.verify(input, Base64.getDecoder().decode(details.path("sig").asText()));
                } catch (IllegalArgumentException e) {
                    valid = false;
                }
                if (!valid) {
                    return fail(Reason.BAD_SIGNATURE, name, lineNo, "the checkpoint covering seq " + (seq - 1)
                            + (details.path("alg").asText().equals("none") ? " is unsigned"
                                    : " is not signed by the given " + key.algorithm() + " key"));
                }
            }
            sinceCheckpoint = 0;
            lastCheckpointAt = name + ":" + lineNo + " (seq " + seq + ")";
            return Optional.empty();
        }

        /** Whether a line with {@code seq} follows soon after {@code from} in this file: a swap, not a deletion. */
        private boolean turnsUpLater(byte[] bytes, int from, long seq) {
            int start = from;
            for (int n = 0; n < REORDER_WINDOW && start < bytes.length; n++) {
                int end = lineEnd(bytes, start);
                if (end == bytes.length) {
                    return false;
                }
                JsonNode node = parse(bytes, start, end);
                if (node != null && node.path("seq").asLong() == seq) {
                    return true;
                }
                start = end + 1;
            }
            return false;
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
