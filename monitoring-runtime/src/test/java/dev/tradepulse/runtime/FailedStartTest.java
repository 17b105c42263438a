package dev.tradepulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails, for each part that can: the error names the part, the address or file and
 * the fix; no thread of the runtime (ours or Jetty's) is left behind; and the same configuration
 * starts once the cause is gone.
 */
class FailedStartTest {

    static final String TOKEN = "0123456789abcdef0123";
    static final String VALID_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Config config(String extra) throws IOException {
        return config(0, extra);
    }

    private Config config(int port, String extra) throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, "profile: testing\ndata-dir: " + data() + "\nserver:\n  port: " + port + "\n  token: " + TOKEN
                + "\nstrategies:\n  momentum:\n    enabled: true\n" + extra);
        return ConfigLoader.of(RuntimeSchema.schema()).file(f).environment(Map.of()).load();
    }

    private static boolean ours(Thread t) {
        String n = t.getName();
        return n.startsWith("tradepulse") || n.startsWith("qtp") || n.contains("jetty") || n.contains("Jetty");
    }

    private static Set<Thread> threads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /**
     * The threads of ours started since {@code before} that are still alive, each given up to 5 s to
     * end (a thread told to stop may need a moment to leave its loop).
     */
    private static List<String> leftSince(Set<Thread> before) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        for (Thread t : threads()) {
            if (!before.contains(t) && ours(t)) {
                t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            }
        }
        return threads().stream().filter(t -> !before.contains(t) && ours(t) && t.isAlive())
                .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : "")).sorted().toList();
    }

    private StartupException failedStart(Config config, Set<Thread> before) throws InterruptedException {
        StartupException e = catchThrowableOfType(StartupException.class, () -> TradePulse.builder().config(config).build());
        assertThat(e).as("the start fails with a StartupException").isNotNull();
        assertThat(leftSince(before)).as("threads left behind by the failed start").isEmpty();
        return e;
    }

    private static void startsFine(Config config) {
        try (TradePulse tp = TradePulse.builder().config(config).build()) {
            assertThat(tp.strategies()).containsExactly("momentum");
            assertThat(tp.uri()).isPresent();
        }
    }

    @Test
    void aTakenPortNamesTheServerItsAddressAndTheFixAndLeavesNoThread() throws Exception {
        Config config;
        Set<Thread> before = threads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            config = config(taken.getLocalPort(), "");
            StartupException e = failedStart(config, before);
            assertThat(e.part()).isEqualTo("the HTTP server");
            assertThat(e).hasMessageContaining("127.0.0.1:" + taken.getLocalPort()).hasMessageContaining("server.port");
        }
        startsFine(config);
    }

    @Test
    void aFileWhereTheDataDirectoryShouldBeNamesTheDirectoryAndTheFixAndLeavesNoThread() throws Exception {
        Files.writeString(data(), "not a directory");
        Config config = config("");
        StartupException e = failedStart(config, threads());
        assertThat(e.part()).isEqualTo("the data directory");
        assertThat(e).hasMessageContaining(data().toString()).hasMessageContaining("writable directory");

        Files.delete(data());
        startsFine(config);
    }

    @Test
    void aBadAuditKeyNamesTheJournalTheKeyFileAndTheFixWithoutTheKeyAndLeavesNoThread() throws Exception {
        Path keyFile = dir.resolve("audit.key");
        String notHex = "zz" + VALID_KEY.substring(2);
        Files.writeString(keyFile, notHex);
        Config config = config("audit:\n  key-file: " + keyFile + "\n");
        StartupException e = failedStart(config, threads());
        assertThat(e.part()).isEqualTo("the audit journal");
        assertThat(e).hasMessageContaining(keyFile.toString()).hasMessageContaining("audit.")
                .hasMessageNotContaining(notHex);

        Files.writeString(keyFile, VALID_KEY);
        startsFine(config);
    }

    @Test
    void aSecondRuntimeOnTheSameDataDirectoryNamesTheStateStoreAndTheFixAndLeavesNoThread() throws Exception {
        Config config = config("");
        // The first runtime runs in another JVM, so that every thread here is the failed start's.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ShutdownChild.class.getName(), dir.resolve("tradepulse.yml").toString(), "wait")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("TRADEPULSE_"));
        Process first = pb.start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String l; (l = in.readLine()) != null; ) {
                        if (l.startsWith("READY ")) {
                            return l;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            }).get(90, TimeUnit.SECONDS);
            assertThat(ready).as("the first runtime started in its JVM").isNotNull();

            StartupException e = failedStart(config, threads());
            assertThat(e.part()).isEqualTo("the state store");
            assertThat(e).hasMessageContaining(data().resolve("state").toString()).hasMessageContaining("data-dir");
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        startsFine(config);
    }
}
