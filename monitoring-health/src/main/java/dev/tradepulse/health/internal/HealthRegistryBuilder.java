package dev.tradepulse.health.internal;

import dev.tradepulse.health.HealthRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The builder behind {@link HealthRegistry#builder()}. */
public final class HealthRegistryBuilder implements HealthRegistry.Builder {

    private @Nullable MeterRegistry meterRegistry;
    private Clock clock = Clock.SYSTEM;
    private int workers = 32;

    /** Use {@link HealthRegistry#builder()}. */
    public HealthRegistryBuilder() {
    }

    @Override
    public HealthRegistry.Builder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = Objects.requireNonNull(registry, "registry must not be null");
        return this;
    }

    @Override
    public HealthRegistry.Builder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        return this;
    }

    @Override
    public HealthRegistry.Builder workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.workers = threads;
        return this;
    }

    @Override
    public HealthRegistry build() {
        return new DefaultHealthRegistry(meterRegistry, clock, workers);
    }
}
