package dev.tradepulse.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link FleetShipperChild} process: its latest status line, and SIGKILL. Its output goes to a log file too. */
final class ShipperProcess implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("status acked=(\\d+) failures=(\\d+) health=(\\w+)");

    /** One status line of the child. */
    record Status(long acked, long failures, String health) {
    }

    private final Process process;
    private volatile Status status = new Status(-1, 0, "STARTING");

    private ShipperProcess(Process process, Path log) throws IOException {
        this.process = process;
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); out) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = STATUS.matcher(line);
                    if (m.matches()) {
                        status = new Status(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
                    } else {
                        out.println(line);
                    }
                }
            } catch (IOException e) {
                out.println("reader: " + e);
            }
        }, "shipper-child-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static ShipperProcess start(Path journal, Path state, String bootstrap, String topic, int batchLines,
            long deliveryTimeoutMs, Path log) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                FleetShipperChild.class.getName(), journal.toString(), state.toString(), bootstrap, topic,
                Integer.toString(batchLines), Long.toString(deliveryTimeoutMs))
                .redirectErrorStream(true).start();
        return new ShipperProcess(p, log);
    }

    /** @return the child's latest status (acked -1 before its first line) */
    Status status() {
        return status;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the shipper child did not die");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
