package dev.tradepulse.compliance;

import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.audit.Witness;
import dev.tradepulse.api.audit.WitnessedHead;
import dev.tradepulse.compliance.cli.AuditCli;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.compliance.verify.Verification.Reason;
import dev.tradepulse.compliance.witness.WitnessedHeads;
import dev.tradepulse.compliance.witness.Witnesses;
import dev.tradepulse.test.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A journal cut back to an earlier point is caught by the head its witness keeps. */
class WitnessTest {

    @TempDir
    Path root;

    private final JournalVerifier verifier = JournalVerifier.withKey(Checkpoints.hmacVerifier(Journals.KEY));
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private ComplianceLogger.Builder builder(Path dir, Witness witness) {
        return ComplianceLogger.builder().directory(dir).instance("t").clock(clock).shutdownHook(false)
                .signer(Checkpoints.hmacSigner(Journals.KEY)).witness(witness);
    }

    private void run(Path dir, Witness witness, String prefix) {
        try (ComplianceLogger audit = builder(dir, witness).build()) {
            for (int i = 0; i < 20; i++) {
                audit.orderEvent(ComplianceLogger.OrderStage.PLACED, Actor.of("s"), prefix + i, "BTCUSDT", "BUY", 1, 100, "x");
                clock.advance(Duration.ofMillis(10));
            }
        }
    }

    @Test
    void a_journal_cut_back_to_an_earlier_runs_close_verifies_alone_but_fails_against_its_witness() throws Exception {
        Path dir = root.resolve("audit");
        Witness witness = Witnesses.file(root.resolve("other-volume").resolve("audit.witness"));
        Files.createDirectories(root.resolve("other-volume"));
        run(dir, witness, "a-");
        run(dir, witness, "b-");
        WitnessedHead head = witness.latest().orElseThrow();
        assertThat(verifier.witnessed(head).verify(dir).ok()).as(verifier.witnessed(head).verify(dir).summary()).isTrue();

        // Cut the journal back to the first run's closing checkpoint.
        Path file = Journals.files(dir).get(0);
        List<String> lines = Forgery.read(file);
        int secondOpen = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).contains("\"JOURNAL_OPEN\"")) {
                secondOpen = i;
            }
        }
        Forgery.write(file, lines.subList(0, secondOpen));

        assertThat(verifier.verify(dir).ok()).as("alone, a cut at a close cannot be told").isTrue();
        Verification.Problem p = verifier.witnessed(head).verify(dir).problem().orElseThrow();
        assertThat(p.reason()).isEqualTo(Reason.CUT_BEFORE_WITNESS);

        // Reopening does not launder the cut: the writer sees it is behind its witness.
        builder(dir, witness).build().close();
        assertThat(verifier.verify(dir).problem().orElseThrow().reason()).isEqualTo(Reason.TAMPERING_QUARANTINED);
        assertThat(witness.latest().orElseThrow().coversSeq()).as("the witness never rolls back")
                .isEqualTo(head.coversSeq());
        assertThat(verifier.witnessed(witness.latest().orElseThrow()).verify(dir).ok()).isFalse();
    }

    @Test
    void deleting_the_last_files_is_caught_at_reopen_by_the_witness() throws Exception {
        Path dir = root.resolve("audit");
        Witness witness = Witnesses.file(root.resolve("audit.witness"));
        try (ComplianceLogger audit = builder(dir, witness).rotateAtBytes(4096).build()) {
            for (int i = 0; i < 60; i++) {
                audit.userAction("a", Actor.of("u"), Map.of("i", i));
            }
        }
        List<Path> files = Journals.files(dir);
        assertThat(files).hasSizeGreaterThan(2);
        Files.delete(files.get(files.size() - 1));

        builder(dir, witness).build().close();

        Verification.Problem p = verifier.verify(dir).problem().orElseThrow();
        assertThat(p.reason()).isEqualTo(Reason.TAMPERING_QUARANTINED);
        assertThat(p.message()).contains("cut back");
    }

    @Test
    void a_forged_witness_head_is_rejected_with_the_key() throws Exception {
        Path dir = root.resolve("audit");
        Witness witness = Witnesses.file(root.resolve("audit.witness"));
        run(dir, witness, "a-");
        WitnessedHead real = witness.latest().orElseThrow();
        WitnessedHead forged = new WitnessedHead(real.origin(), real.coversSeq() - 5, real.head(), real.epoch(),
                real.alg(), real.sig(), real.at());
        assertThat(verifier.witnessed(forged).verify(dir).problem().orElseThrow().reason())
                .isEqualTo(Reason.WITNESS_MISMATCH);
    }

    @Test
    void an_http_witness_keeps_the_latest_head_and_the_cli_verifies_against_it() throws Exception {
        AtomicReference<String> latest = new AtomicReference<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/witness", exchange -> {
            byte[] body = exchange.getRequestBody().readNBytes(16_384);
            if (exchange.getRequestMethod().equals("POST")) {
                latest.set(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            } else if (latest.get() == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] out = latest.get().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/witness");
        Path dir = root.resolve("audit");
        run(dir, Witnesses.http(uri), "a-");
        assertThat(WitnessedHeads.parse(latest.get()).coversSeq()).isGreaterThan(20);

        Path key = root.resolve("audit.key");
        Files.writeString(key, HexFormat.of().formatHex(Journals.KEY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCli.run(new String[] {"verify", dir.toString(), "--hmac-key-file", key.toString(),
            "--witness", uri.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("reaches the witnessed head");
    }

    @Test
    void a_hung_witness_never_holds_up_the_caller_and_is_counted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch called = new CountDownLatch(1);
        Witness hung = head -> {
            called.countDown();
            release.await();
        };
        Path dir = root.resolve("audit");
        try (ComplianceLogger audit = builder(dir, hung).checkpointEvery(5, Duration.ofHours(1)).build()) {
            long started = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                audit.userAction("a", Actor.of("u"), Map.of("i", i)); // GROUP_COMMIT: each call waits for its fsync only
            }
            assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(audit.failure()).isEmpty();
            release.countDown();
        }
        assertThat(verifier.verify(dir).ok()).isTrue();
    }

    @Test
    void an_alert_sink_witness_sends_the_latest_head_at_most_once_a_day() throws Exception {
        List<dev.tradepulse.api.alert.Notification> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.tradepulse.api.alert.AlertSink chat = new dev.tradepulse.api.alert.AlertSink() {
            @Override
            public String name() {
                return "chat";
            }

            @Override
            public void deliver(dev.tradepulse.api.alert.Notification notification) {
                sent.add(notification);
            }
        };
        Witness daily = Witnesses.alertSink(chat, Duration.ofDays(1), clock);
        Path dir = root.resolve("audit");
        run(dir, daily, "a-"); // the closing checkpoint's head
        assertThat(sent).hasSize(1);
        run(dir, daily, "b-"); // the same day: skipped, not failed
        assertThat(sent).hasSize(1);
        clock.advance(Duration.ofDays(1));
        run(dir, daily, "c-");
        assertThat(sent).hasSize(2);
        String text = sent.get(1).first().description();
        WitnessedHead head = WitnessedHeads.parse(text.substring(text.indexOf('{')));
        assertThat(verifier.witnessed(head).verify(dir).ok()).isTrue();
        assertThat(sent.get(1).first().summary()).contains("reached seq " + head.coversSeq());
    }

    @Test
    void a_witnessed_head_rejects_bad_fields_and_foreign_text() {
        assertThatThrownBy(() -> WitnessedHeads.parse("{\"format\":\"other\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> new WitnessedHead("o", 1, "xyz", 1, "none", "", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head");
    }
}
