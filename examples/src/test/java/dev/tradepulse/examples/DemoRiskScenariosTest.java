package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalExporter;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's risk scenarios (issue 15), over one run of the length CI runs it ({@code --duration 5}):
 * the outage moves both strategies to REDUCING and back, the flash crash halts the leveraged one
 * and its guarded client refuses the order decided on the halting prices, and three stop-loss
 * exits lock BTCUSDT, after which the gate refuses an entry. Each is checked in the verified
 * journal, in {@code /status} and in what the bot prints.
 */
class DemoRiskScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static String out;
    private static JsonNode status;
    private static String metrics;
    private static List<JsonNode> journal;
    private static DemoBot.Report report;

    @BeforeAll
    static void run_the_demo_for_five_seconds() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> scrape = new AtomicReference<>();
        // Read once trading has stopped, while the runtime is still up.
        report = DemoBot.run(new DemoBot.Options(Duration.ofSeconds(5), 7, 0, data),
                new PrintStream(buffer, true, StandardCharsets.UTF_8), started -> { }, ended -> {
                    body.set(get(ended, "/status"));
                    scrape.set(get(ended, "/metrics"));
                });
        out = buffer.toString(StandardCharsets.UTF_8);
        status = JSON.readTree(body.get());
        metrics = scrape.get();
        Verification verified = JournalVerifier.withKey(Checkpoints.hmacVerifier(
                HexFormat.of().parseHex(Files.readString(data.resolve("audit.key")).strip()))).verify(report.auditDir());
        assertThat(verified.ok()).as(verified.summary()).isTrue();
        StringWriter lines = new StringWriter();
        new JournalExporter(Set.of("TRADING_STATE", "RISK_EVENT", "ORDER_EVENT"), null, null, null)
                .export(report.auditDir(), JournalExporter.Format.JSONL, lines);
        journal = new ArrayList<>();
        for (String line : lines.toString().split("\n")) {
            if (!line.isBlank()) {
                journal.add(JSON.readTree(line));
            }
        }
    }

    private static String get(DemoBot.Started started, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    started.uri().resolve(path)).header("Authorization", "Bearer " + started.token())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> states(String scope) {
        return journal.stream().filter(e -> e.path("type").asText().equals("TRADING_STATE"))
                .filter(e -> e.path("details").path("scope").asText().equals(scope)).toList();
    }

    private static List<JsonNode> risk(String actor) {
        return journal.stream().filter(e -> e.path("type").asText().equals("RISK_EVENT"))
                .filter(e -> e.path("actor").asText().equals(actor)).toList();
    }

    private static String transition(JsonNode e) {
        JsonNode d = e.path("details");
        return e.path("action").asText() + " " + d.path("from").asText() + " -> " + d.path("to").asText() + " by "
                + d.path("cause").asText();
    }

    private static JsonNode section(String id) {
        return StreamSupport.stream(status.path("sections").spliterator(), false)
                .filter(s -> s.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + id + " in " + status));
    }

    private static long seq(JsonNode e) {
        return e.path("seq").asLong();
    }

    @Test
    void the_outage_moves_both_strategies_to_reducing_and_its_end_lifts_them_back_to_active() {
        for (String strategy : List.of("momentum", "mean-reversion")) {
            List<String> moves = states(strategy).stream().map(DemoRiskScenariosTest::transition).toList();
            assertThat(moves).as(strategy).startsWith("down ACTIVE -> REDUCING by health:exchange",
                    "up REDUCING -> ACTIVE by health:exchange");
            assertThat(out).contains("STATE " + strategy + " ACTIVE -> REDUCING by health:exchange: health of 'exchange'"
                    + " is unhealthy: unreachable: 2 price requests in a row failed",
                    "STATE " + strategy + " REDUCING -> ACTIVE by health:exchange: healthy again");
        }
        assertThat(states("momentum")).as("the outage is momentum's only cause: it ends ACTIVE")
                .allSatisfy(e -> assertThat(e.path("details").path("cause").asText()).isEqualTo("health:exchange"));
        assertThat(metrics).contains("tradepulse_trading_state{scope=\"momentum\"} 0.0",
                "tradepulse_trading_state{scope=\"mean-reversion\"} 2.0");
        assertThat(section("trading-states").toString()).containsPattern(
                "\"title\":\"momentum\",\"tone\":\"ok\",\"state\":\"ACTIVE\".*"
                        + "\"last transition\":\"#[0-9]+ up REDUCING -> ACTIVE by health:exchange at ");
        assertThat(out.indexOf("STATE momentum ACTIVE -> REDUCING")).as("the outage comes before the crash")
                .isLessThan(out.indexOf("HALT mean-reversion"));
    }

    @Test
    void the_flash_crash_halts_the_leveraged_strategy_and_the_gate_refuses_the_order_that_raced_the_halt() {
        List<JsonNode> moves = states("mean-reversion");
        JsonNode halt = moves.get(moves.size() - 1);
        assertThat(transition(halt)).isEqualTo("down ACTIVE -> HALTED by rule:risk.daily-loss.halt:mean-reversion");
        assertThat(report.halted()).containsExactly("mean-reversion");

        // Decided on the prices that breached the limit, under way when the halt landed: refused.
        List<JsonNode> denied = risk("pre-trade-gate:mean-reversion");
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).path("details").path("reason").asText()).isEqualTo("STATE_HALTED");
        assertThat(denied.get(0).path("details").path("side").asText()).isEqualTo("BUY");
        assertThat(seq(denied.get(0))).isGreaterThan(seq(halt));
        assertThat(journal).as("after the halt, mean-reversion's only fill is the halt's own flatten (a SELL)")
                .filteredOn(e -> e.path("type").asText().equals("ORDER_EVENT") && seq(e) > seq(halt))
                .filteredOn(e -> e.path("actor").asText().equals("mean-reversion"))
                .extracting(e -> e.path("details").path("side").asText()).containsOnly("SELL");
        assertThat(metrics).contains(
                "tradepulse_gate_denials_total{reason=\"STATE_HALTED\",strategy=\"mean-reversion\"} 1.0");
        assertThat(out).containsSubsequence("HALT mean-reversion: daily loss",
                "STATE mean-reversion ACTIVE -> HALTED by rule:risk.daily-loss.halt:mean-reversion",
                "DENIED mean-reversion BUY", "reason=halted: trading state is HALTED: no orders");
        assertThat(out).contains("Strategy mean-reversion: HALTED", "orders refused by the gate 1 (halted 1)");

        assertThat(section("trading-states").toString()).contains("\"title\":\"mean-reversion\"",
                "\"state\":\"HALTED\"", "\"last transition\":\"#3 down ACTIVE -> HALTED by "
                        + "rule:risk.daily-loss.halt:mean-reversion at ");
    }

    @Test
    void three_stop_loss_exits_lock_btcusdt_and_the_gate_then_refuses_an_entry_with_the_locks_reason() {
        List<JsonNode> locks = risk("stoploss-guard");
        assertThat(locks).hasSize(1);
        JsonNode lock = locks.get(0).path("details");
        assertThat(lock.path("rule").asText()).isEqualTo("lock");
        assertThat(lock.path("scope").asText()).isEqualTo("BTCUSDT");
        assertThat(lock.path("reason").asText()).isEqualTo("3 stop-losses within 1 h on BTCUSDT");

        List<JsonNode> refused = risk("pre-trade-gate:momentum");
        assertThat(refused).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("details").path("reason").asText()).isEqualTo("SYMBOL_LOCK");
            assertThat(e.path("details").path("detail").asText()).contains("BTCUSDT locked until", "by stoploss-guard");
            assertThat(seq(e)).isGreaterThan(seq(locks.get(0)));
        });
        assertThat(out).containsSubsequence("STOP-LOSS momentum", "(stop-loss exit 1)", "STOP-LOSS momentum",
                "(stop-loss exit 2)", "STOP-LOSS momentum", "(stop-loss exit 3)",
                "LOCK BTCUSDT until ", " by stoploss-guard: 3 stop-losses within 1 h on BTCUSDT",
                "DENIED momentum ", " BTCUSDT ", "reason=locked: BTCUSDT locked until ");
        assertThat(out).doesNotContain("(stop-loss exit 4)");
        assertThat(out).contains("stop-loss exits 3, orders refused by the gate", "Locks in force: BTCUSDT until ");

        assertThat(section("locks").toString()).contains(
                "\"cells\":[\"BTCUSDT\",\"3 stop-losses within 1 h on BTCUSDT\",\"stoploss-guard\",");
        assertThat(metrics).containsPattern(
                "tradepulse_gate_denials_total\\{reason=\"SYMBOL_LOCK\",strategy=\"momentum\"} [1-9]");
    }
}
