package dev.tradepulse.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.compliance.verify.JournalExporter;
import dev.tradepulse.trading.risk.TradingState;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last trading-state transition the audit journal holds for each scope. The state store's
 * records are checksummed but not authenticated; the journal is. A strategy whose saved record is
 * older than its journalled transition (a replayed or restored old file) or missing while the
 * journal says it was held down starts in the safe state ({@code RiskState.Builder.journalled}).
 */
final class JournalledStates {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.runtime");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scope's last journalled transition. */
    record Last(long sequence, TradingState state) {
    }

    private JournalledStates() {
    }

    /**
     * Reads the journal's {@code TRADING_STATE} events, oldest first; the last per scope wins.
     * A journal that cannot be read gives no cross-check (logged): the journal's own health
     * check then reports it, and an unhealthy journal halts every strategy.
     */
    static Map<String, Last> read(Path journalDirectory) {
        Map<String, Last> out = new HashMap<>();
        if (!Files.isDirectory(journalDirectory)) {
            return out;
        }
        try {
            StringWriter events = new StringWriter();
            new JournalExporter(Set.of("TRADING_STATE"), null, null, null).export(journalDirectory,
                    JournalExporter.Format.JSONL, events);
            for (String line : events.toString().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                JsonNode d = JSON.readTree(line).path("details");
                String scope = d.path("scope").asText("");
                String to = d.path("to").asText("");
                if (scope.isEmpty() || !d.path("sequence").canConvertToLong()) {
                    continue;
                }
                try {
                    out.put(scope, new Last(Math.max(0, d.path("sequence").asLong()), TradingState.valueOf(to)));
                } catch (IllegalArgumentException e) {
                    // not a state this version knows: leave that scope unchecked rather than guess
                }
            }
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            LOG.warn("Could not read the trading states in the audit journal {} to cross-check the saved states: {}",
                    journalDirectory, LogText.clean(String.valueOf(e.getMessage()), 300));
        }
        return out;
    }
}
