package dev.tradepulse.runtime.internal;

import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.Threads;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.CompressionMode;
import io.micrometer.registry.otlp.HistogramFlavor;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP push: Micrometer's {@link OtlpMeterRegistry} (cumulative temporality, every
 * {@code metrics.otlp.step} on its own daemon thread {@code tradepulse-otlp-push-1}) sending
 * through {@link OtlpSender}. Only {@link OtlpWiring} creates it, after it checked that
 * {@code micrometer-registry-otlp} is on the class path: this is the one class that names its
 * types.
 *
 * <p>Its meters ({@link #bindTo}): {@code tradepulse.otlp.pushes} ({@code result} = success,
 * failure) and {@code tradepulse.otlp.failures.consecutive}. Its health check is DEGRADED while
 * the pushes fail. {@link #close()} pushes once more, within twice the close budget, and never
 * throws. Thread-safe.
 */
final class OtlpExport implements MeterBinder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.runtime.otlp");

    private final OtlpSettings settings;
    private final OtlpSender sender;
    private final OtlpMeterRegistry registry;
    private final Duration closeBudget;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OtlpExport(OtlpSettings settings, OtlpSender sender, OtlpMeterRegistry registry, Duration closeBudget) {
        this.settings = settings;
        this.sender = sender;
        this.registry = registry;
        this.closeBudget = closeBudget;
    }

    /**
     * Starts the registry and its publishing thread.
     *
     * @param settings the checked settings
     * @param wallMillis the runtime clock's wall time
     * @param closeBudget the most each of the two waits in {@link #close()} may take
     */
    static OtlpExport start(OtlpSettings settings, LongSupplier wallMillis, Duration closeBudget) {
        OtlpSender sender = new OtlpSender(settings);
        try {
            OtlpMeterRegistry registry = OtlpMeterRegistry.builder(new Settings(settings))
                    .clock(new MicrometerClock(wallMillis))
                    .threadFactory(Threads.daemon("otlp-push"))
                    .metricsSender(sender)
                    .build();
            return new OtlpExport(settings, sender, registry, closeBudget);
        } catch (RuntimeException | Error e) {
            sender.close();
            throw e;
        }
    }

    /** @return the registry that pushes; a child of the runtime's composite */
    MeterRegistry registry() {
        return registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        FunctionCounter.builder("tradepulse.otlp.pushes", sender, OtlpSender::successes).tag("result", "success")
                .description("OTLP pushes the collector accepted").register(meters);
        FunctionCounter.builder("tradepulse.otlp.pushes", sender, OtlpSender::failures).tag("result", "failure")
                .description("OTLP pushes that failed (refused, timed out, unreachable); their steps' values are lost")
                .register(meters);
        Gauge.builder("tradepulse.otlp.failures.consecutive", sender, OtlpSender::consecutiveFailures)
                .description("OTLP pushes failed in a row; 0 once one succeeds").register(meters);
    }

    /** DEGRADED while the pushes fail: the bot trades, the fleet's dashboards miss it. */
    HealthCheck healthCheck() {
        return () -> {
            long streak = sender.consecutiveFailures();
            String failure = sender.lastFailure();
            if (streak > 0 && failure != null) {
                return HealthResult.degraded("the last " + streak + " OTLP pushes to " + settings.endpoint()
                        + " failed (" + failure + "); their steps' values are lost");
            }
            long ok = sender.successes();
            return HealthResult.healthy(ok == 0 ? "no OTLP push yet (every " + settings.step() + ")"
                    : ok + " OTLP pushes to " + settings.endpoint() + " accepted");
        };
    }

    /**
     * Pushes once more and stops: a push in flight gets {@code closeBudget} to finish, then the
     * final push gets {@code closeBudget}. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.closing(closeBudget);
            registry.close();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            LOG.warn("Closing the OTLP push failed: {}", LogText.clean(String.valueOf(e), 300));
        } finally {
            sender.close();
        }
    }

    @Override
    public String toString() {
        return "OtlpExport[" + settings + "]";
    }

    /** Micrometer's view of the settings; nothing from the OTEL_* environment variables. */
    private static final class Settings implements OtlpConfig {

        private final OtlpSettings settings;

        Settings(OtlpSettings settings) {
            this.settings = settings;
        }

        @Override
        public @Nullable String get(String key) {
            return null;
        }

        @Override
        public String url() {
            return settings.endpoint();
        }

        @Override
        public Duration step() {
            return settings.step();
        }

        @Override
        public Map<String, String> resourceAttributes() {
            return settings.resourceAttributes();
        }

        @Override
        public Map<String, String> headers() {
            return Map.of(); // the sender adds them: Micrometer's request objects print their headers
        }

        @Override
        public AggregationTemporality aggregationTemporality() {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompressionMode compressionMode() {
            return CompressionMode.NONE;
        }

        @Override
        public HistogramFlavor histogramFlavor() {
            return HistogramFlavor.EXPLICIT_BUCKET_HISTOGRAM;
        }
    }
}
