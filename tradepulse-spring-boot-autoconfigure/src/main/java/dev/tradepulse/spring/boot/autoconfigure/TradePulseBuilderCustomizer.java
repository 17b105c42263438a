package dev.tradepulse.spring.boot.autoconfigure;

import dev.tradepulse.runtime.TradePulse;

/**
 * Adds what properties cannot say to the auto-configured {@link TradePulse}: health checks, alert
 * sinks, status sections, strategies with limits in code. Every bean of this type is applied, in
 * {@code @Order}, before {@link TradePulse.Builder#build()}.
 *
 * <p>Implementations are called once, on the thread that creates the context.
 */
@FunctionalInterface
public interface TradePulseBuilderCustomizer {

    /**
     * @param builder the builder, already given the configuration and the meter registry
     */
    void customize(TradePulse.Builder builder);
}
