package dev.tradepulse.runtime.internal;

import dev.tradepulse.runtime.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The OTLP push from {@code metrics.otlp.*}. {@code micrometer-registry-otlp} is an optional
 * dependency of the runtime: this class checks that it is there before anything names its types
 * (those live in {@link OtlpExport} alone), so a bot without it starts as long as
 * {@code metrics.otlp.enabled} is false, and fails with the artifact to add when it is true.
 */
final class OtlpWiring {

    /** What a bot adds to push over OTLP. */
    static final String ARTIFACT = "io.micrometer:micrometer-registry-otlp";
    static final String REGISTRY_CLASS = "io.micrometer.registry.otlp.OtlpMeterRegistry";
    /** What {@code StartupException} says to do when the push cannot start. */
    static final String FIX = "add the dependency " + ARTIFACT + " (the TradePulse BOM pins its version), or set "
            + "metrics.otlp.enabled to false; check metrics.otlp.*";

    private OtlpWiring() {
    }

    /**
     * @param loader where to look
     * @return whether the OTLP registry can be loaded
     */
    static boolean available(@Nullable ClassLoader loader) {
        try {
            Class.forName(REGISTRY_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The endpoint as a start failure may show it: scheme, host, port and path only, so that a
     * credential written into the URL (which the start refuses) is not echoed.
     *
     * @param config the configuration
     * @return the shown endpoint, or the key's name if it is not a URL
     */
    static String where(Config config) {
        try {
            URI u = new URI(config.string("metrics.otlp.url").orElse("").strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "metrics.otlp.url";
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "metrics.otlp.url";
        }
    }

    /**
     * Checks the settings, then starts the push.
     *
     * @param config the configuration
     * @param app {@code service.name}
     * @param clock the runtime's clock, for the pushes' timestamps
     * @param loader where {@code micrometer-registry-otlp} should be
     * @return the live push
     * @throws IllegalArgumentException if a {@code metrics.otlp.*} setting is wrong
     * @throws IllegalStateException if {@code micrometer-registry-otlp} is missing
     */
    static OtlpExport export(Config config, String app, Clock clock, @Nullable ClassLoader loader) {
        OtlpSettings settings = OtlpSettings.from(config, app, OtlpSettings.hostName());
        if (!available(loader)) {
            throw new IllegalStateException("metrics.otlp.enabled is true, but " + ARTIFACT
                    + " is not on the class path");
        }
        // Two waits at close (a push in flight, then the final one), each within a quarter of the
        // shutdown deadline, so that a hung collector costs at most half of it.
        Duration quarter = config.duration("shutdown.deadline").dividedBy(4);
        return OtlpExport.start(settings, clock::millis, quarter.isZero() ? Duration.ofMillis(1) : quarter);
    }
}
