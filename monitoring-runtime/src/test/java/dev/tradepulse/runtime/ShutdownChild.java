package dev.tradepulse.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The bot in a child JVM for {@link ShutdownTest}: starts TradePulse from the YAML file given as
 * the first argument, halts the strategy {@code momentum} through its daily loss (which fires
 * alerts and writes the journal), prints {@code READY <server uri>} and keeps running on its main
 * thread until the JVM is ended from outside.
 *
 * <p>Modes (second argument): {@code wait} does nothing more (the parent sends SIGTERM or
 * SIGKILL); {@code exit} starts a thread that calls {@code System.exit(0)} when the parent writes
 * a line to its standard input, while the main thread is still running.
 */
public final class ShutdownChild {

    private ShutdownChild() {
    }

    public static void main(String[] args) throws Exception {
        TradePulse tp = TradePulse.fromConfig(Path.of(args[0]));
        Strategy momentum = tp.strategy("momentum");
        momentum.recordEquity(Instant.now(), 10_000);
        momentum.recordEquity(Instant.now(), 8_400);
        momentum.afterTick();
        if (!momentum.isHalted()) {
            System.out.println("NOT HALTED");
            System.exit(3);
        }
        if (args[1].equals("exit")) {
            Thread exiter = new Thread(() -> {
                try {
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    // the parent closed the pipe: exit all the same
                }
                System.exit(0);
            }, "bot-exit");
            exiter.start();
        }
        System.out.println("READY " + tp.uri().orElseThrow());
        System.out.flush();
        new CountDownLatch(1).await(); // the trading loop, which only the JVM's end stops
    }
}
