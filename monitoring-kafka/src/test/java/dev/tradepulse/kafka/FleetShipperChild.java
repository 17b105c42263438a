package dev.tradepulse.kafka;

import dev.tradepulse.api.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A bot's shipper in its own JVM, for the fleet test, so that SIGKILL is real. Args: journal dir,
 * state dir, bootstrap, topic, batch lines, delivery timeout in ms. Prints
 * {@code status acked=N failures=N health=STATUS} every 50 ms until killed.
 */
public final class FleetShipperChild {

    private FleetShipperChild() {
    }

    public static void main(String[] args) throws Exception {
        StateStore store = StateStore.directory(Path.of(args[1]), Clock.systemUTC());
        JournalShipper shipper = JournalShipper.builder().journalDirectory(Path.of(args[0])).stateStore(store)
                .config(JournalShipperConfig.custom().bootstrapServers(args[2]).topic(args[3])
                        .batchLines(Integer.parseInt(args[4]))
                        .deliveryTimeout(Duration.ofMillis(Long.parseLong(args[5])))
                        .pollInterval(Duration.ofMillis(20)).build())
                .build();
        while (true) {
            System.out.println("status acked=" + shipper.acknowledgedSeq() + " failures=" + shipper.failures()
                    + " health=" + shipper.healthCheck().check().status());
            Thread.sleep(50); // the child's report interval, not a test wait
        }
    }
}
