package dev.tradepulse.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.runtime.StartupException;
import dev.tradepulse.runtime.internal.Lifecycle.Stage;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void aStartThatFailsPartWayClosesWhatItStartedNewestFirstAndLeavesNoThread() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        List<String> closed = new CopyOnWriteArrayList<>();
        Lifecycle life = new Lifecycle(Duration.ofSeconds(5));
        ServerSocket socket = life.start("the probe socket", "127.0.0.1:0", "", Stage.SERVER,
                () -> new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(() -> { }).get();
        life.start("the worker", "", "", Stage.SCHEDULERS, () -> (AutoCloseable) () -> {
            closed.add("worker");
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        });
        life.onClose("a note", Stage.ALERTS, () -> closed.add("note"));
        int port = socket.getLocalPort();
        assertThatThrownBy(() -> life.start("the HTTP server", "127.0.0.1:" + port,
                "Choose another port with server.port, or 0 for any free one", Stage.SERVER, () -> {
                    try (ServerSocket clash = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                        return clash;
                    }
                }))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("TradePulse could not start the HTTP server (127.0.0.1:" + port + "): BindException")
                .hasMessageEndingWith("Choose another port with server.port, or 0 for any free one")
                .hasCauseInstanceOf(BindException.class)
                .satisfies(e -> assertThat(((StartupException) e).part()).isEqualTo("the HTTP server"));
        assertThat(socket.isClosed()).isTrue();
        assertThat(closed).containsExactly("worker", "note");
        assertThat(pool.isTerminated()).isTrue();
        assertThat(nonDaemonThreads()).isSubsetOf(before);
        assertThatThrownBy(() -> life.start("more", "", "", Stage.LAST, Object::new)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeRunsTheStagesInTheirFixedOrderWhateverTheOrderOfStarting() {
        List<String> order = new CopyOnWriteArrayList<>();
        Lifecycle life = new Lifecycle(Duration.ofSeconds(5));
        life.onClose("server", Stage.SERVER, () -> order.add("server"));
        life.onClose("journal", Stage.JOURNAL, () -> order.add("journal"));
        life.onClose("resolves", Stage.ALERTS, () -> order.add("resolves"));
        life.onClose("rules", Stage.SCHEDULERS, () -> order.add("rules"));
        life.onClose("store", Stage.LAST, () -> order.add("store"));
        life.close();
        life.close();
        assertThat(order).containsExactly("rules", "resolves", "journal", "server", "store");
    }

    @Test
    void aPartThatHangsOrThrowsInCloseCostsOnlyItsShareOfTheDeadline() {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        Lifecycle life = new Lifecycle(Duration.ofMillis(300));
        life.onClose("hangs", Stage.SCHEDULERS, never::await);
        life.onClose("throws", Stage.ALERTS, () -> {
            throw new IOException("disk gone");
        });
        life.onClose("errors", Stage.ALERTS, () -> {
            throw new StackOverflowError();
        });
        life.onClose("server", Stage.SERVER, () -> order.add("server"));
        long start = System.nanoTime();
        life.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(order).containsExactly("server");
        never.countDown();
    }

    @Test
    void aStarterThatThrowsAnErrorIsReportedAsAFailedStartToo() {
        Lifecycle life = new Lifecycle(Duration.ofSeconds(1));
        assertThatThrownBy(() -> life.start("a check", "", "", Stage.LAST, () -> {
            throw new LinkageError("missing class");
        })).isInstanceOf(StartupException.class).hasMessageContaining("LinkageError: missing class");
    }

    @Test
    void aResolveThatHangsLeavesTheJournalTimeForItsClosingCheckpoint() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch journalClosed = new CountDownLatch(1);
        Lifecycle life = new Lifecycle(Duration.ofMillis(2_000));
        life.start("the journal", "", "", Stage.JOURNAL, () -> (AutoCloseable) () -> {
            // a closing checkpoint with its fsync: takes a while, but far less than the deadline
            new CountDownLatch(1).await(300, TimeUnit.MILLISECONDS);
            journalClosed.countDown();
        });
        life.onClose("a resolve to a sink that never answers", Stage.ALERTS, never::await);

        life.close();

        assertThat(journalClosed.getCount()).as("the journal closed before close() returned").isZero();
        never.countDown();
    }
}
