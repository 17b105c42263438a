package dev.tradepulse.runtime.otlp;

import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.StartupException;
import dev.tradepulse.runtime.TradePulse;
import dev.tradepulse.runtime.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a JVM whose class path lacks micrometer-registry-otlp: starts the runtime from the file
 * in {@code args[0]} and prints {@code started} or the start failure's message.
 */
public final class WithoutOtlpChild {

    private WithoutOtlpChild() {
    }

    public static void main(String[] args) {
        try (TradePulse tp = TradePulse.builder().config(ConfigLoader.of(RuntimeSchema.schema())
                .file(Path.of(args[0])).environment(Map.of()).load()).build()) {
            System.out.println("started " + tp.meterRegistry().getClass().getSimpleName());
        } catch (StartupException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }
}
