package dev.tradepulse.compliance.internal;

import dev.tradepulse.compliance.Durability;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The details of the records a writer writes when it opens a journal. */
final class OpeningRecords {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.compliance");
    static final String FORMAT = "tradepulse-audit-v2";

    private OpeningRecords() {
    }

    static Map<String, Object> recovery(Path dir, Recovery.State state, long afterSeq) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quarantine_file", state.quarantine());
        details.put("quarantined_bytes", state.quarantinedBytes());
        details.put("reason", state.reason());
        details.put("after_seq", afterSeq);
        details.put("tampered", state.tampered());
        if (state.tampered()) {
            LOG.error("Compliance journal in {}: recovery found lines it cannot authenticate ({}); {} bytes "
                    + "moved to {} and recorded in a RECOVERY event. Investigate: this is not what a crash leaves.",
                    dir, LogLine.clean(state.reason()), state.quarantinedBytes(), state.quarantine());
        }
        return details;
    }

    static Map<String, Object> behindWitness(Path dir, long seq, List<String> ahead) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quarantine_file", "");
        details.put("quarantined_bytes", 0L);
        details.put("reason", "the journal ends at seq " + seq + " but " + String.join("; ", ahead)
                + ": it was cut back");
        details.put("after_seq", seq);
        details.put("tampered", true);
        LOG.error("Compliance journal in {} ends at seq {}, behind its witness ({}): it was cut back while "
                + "the writer was down. Recorded in a RECOVERY event.", dir, seq, LogLine.clean(String.join("; ", ahead)));
        return details;
    }

    static Map<String, Object> opened(Recovery.State state, Durability durability, boolean signed, boolean tagged) {
        Map<String, Object> opened = new LinkedHashMap<>();
        opened.put("format", FORMAT);
        opened.put("previous_closed_cleanly", state.previousClosedCleanly());
        opened.put("durability", durability.name());
        opened.put("signed", signed);
        opened.put("line_tags", tagged);
        return opened;
    }
}
