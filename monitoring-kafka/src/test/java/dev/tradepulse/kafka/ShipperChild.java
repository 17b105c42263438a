package dev.tradepulse.kafka;

import dev.tradepulse.api.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** A shipper in its own JVM, for the SIGKILL test: args = journal dir, state dir, bootstrap, topic. Runs until killed. */
public final class ShipperChild {

    private ShipperChild() {
    }

    public static void main(String[] args) throws Exception {
        StateStore store = StateStore.directory(Path.of(args[1]), Clock.systemUTC());
        JournalShipper shipper = JournalShipper.builder().journalDirectory(Path.of(args[0])).stateStore(store)
                .config(JournalShipperConfig.custom().bootstrapServers(args[2]).topic(args[3]).batchLines(7)
                        .pollInterval(Duration.ofMillis(20)).build())
                .build();
        System.out.println("started " + shipper);
        new CountDownLatch(1).await();
    }
}
