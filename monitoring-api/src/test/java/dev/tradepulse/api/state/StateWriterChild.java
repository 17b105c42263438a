package dev.tradepulse.api.state;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** A second JVM that writes a counter record as fast as it can, printing each value once durable. */
public final class StateWriterChild {

    private StateWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (StateStore store = StateStore.directory(dir, Clock.systemUTC())) {
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            if (args.length > 1 && args[1].equals("hold")) {
                System.in.read();
                return;
            }
            // A payload of a few KiB, so a kill often lands inside a write.
            String pad = "x".repeat(4096);
            for (long n = 1; ; n++) {
                store.write("counter", 1, (n + "\n" + pad).getBytes(StandardCharsets.US_ASCII));
                System.out.println("saved " + n);
                System.out.flush();
            }
        }
    }
}
