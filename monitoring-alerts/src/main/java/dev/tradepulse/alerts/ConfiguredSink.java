package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.AlertSink;

/**
 * A sink that brings its own {@link SinkConfig}: every built-in sink does, through its builder.
 * The dispatcher reads {@link #config()} once, when it is built, for the sink's retry and circuit
 * breaker; a plain {@link AlertSink} gets the dispatcher's.
 *
 * <p>The same thread-safety contract as {@link AlertSink}.
 */
public interface ConfiguredSink extends AlertSink {

    /** @return how the sink is delivered to; never null */
    SinkConfig config();
}
