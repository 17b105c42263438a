package dev.tradepulse.health.internal;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.health.HealthRegistryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/** The builder behind {@link HealthRegistry#builder()}. Not thread-safe. */
public final class HealthRegistryBuilder implements HealthRegistry.Builder {

    private HealthRegistryConfig.Builder config = HealthRegistryConfig.custom();
    private @Nullable MeterRegistry meterRegistry;
    private Clock clock = Clock.systemUTC();

    /** Use {@link HealthRegistry#builder()}. */
    public HealthRegistryBuilder() {
    }

    @Override
    public HealthRegistry.Builder config(HealthRegistryConfig config) {
        this.config = HealthRegistryConfig.from(Checks.notNull(config, "config"));
        return this;
    }

    @Override
    public HealthRegistry.Builder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Checks.notNull(registry, "registry");
        return this;
    }

    @Override
    public HealthRegistry.Builder clock(Clock clock) {
        this.clock = Checks.notNull(clock, "clock");
        return this;
    }

    @Override
    public HealthRegistry.Builder workers(int threads) {
        config.workers(threads);
        return this;
    }

    @Override
    public HealthRegistry build() {
        DefaultHealthRegistry registry = new DefaultHealthRegistry(config.build(), clock);
        if (meterRegistry != null) {
            try {
                registry.bindTo(meterRegistry);
            } catch (RuntimeException | Error e) {
                registry.close(); // release the pools before throwing
                throw e;
            }
        }
        return registry;
    }
}
