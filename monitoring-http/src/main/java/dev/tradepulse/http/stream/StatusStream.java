package dev.tradepulse.http.stream;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.http.internal.StreamMount;
import dev.tradepulse.http.stream.internal.SocketMount;
import dev.tradepulse.http.stream.internal.StreamCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The status page's WebSocket stream: the protocol of {@code docs/streaming.md} (typed JSON
 * messages, SNAPSHOT on connect and on REQUEST_SNAPSHOT, events pushed as they happen), served
 * from the same model as {@code /status} under the same token rule and stream slots as the SSE
 * stream {@code /events}.
 *
 * <pre>{@code
 * StatusStream stream = StatusStream.builder().config(StatusStreamConfig.ofDefaults()).build();
 * StatusPage page = StatusPage.builder(health).section(...).webSocket(stream).build();
 * HealthServer server = HealthServer.builder(health).statusPage(page).bearerToken(token).start();
 * stream.bindTo(meterRegistry); // optional: its meters
 * }</pre>
 *
 * <p>Lifecycle: building one takes nothing (no thread, no socket); each server it is mounted on
 * runs one thread for it ({@code tradepulse-ws-hub-n}), started and stopped with that server.
 * Closing the server closes its connections (1001).
 *
 * <p>Meters (through {@link MeterBinder}): {@code tradepulse.http.stream.sessions} (open now),
 * and the counters {@code tradepulse.http.stream.opened}, {@code .refused} (no free slot),
 * {@code .dropped} (clients too slow to read), {@code .messages} (written),
 * {@code .client.errors} (client messages answered with ERROR) and {@code .events.coalesced}
 * (events that reached viewers only as section updates).
 *
 * <p>Thread-safe.
 */
public final class StatusStream implements MeterBinder {

    private final StatusStreamConfig config;
    private final StreamCounters counters = new StreamCounters();
    private final SocketMount mount;

    private StatusStream(StatusStreamConfig config) {
        this.config = config;
        this.mount = new SocketMount(config, counters);
    }

    /**
     * Starts a builder with the default config.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A stream with the default config.
     *
     * @return the stream
     */
    public static StatusStream ofDefaults() {
        return builder().build();
    }

    /** @return the settings */
    public StatusStreamConfig config() {
        return config;
    }

    /** @return connections open now, across the servers the stream is mounted on */
    public int openSessions() {
        return counters.open();
    }

    /** @return connections opened since the stream was built */
    public long sessionsOpened() {
        return counters.opened().sum();
    }

    /** @return handshakes refused for want of a free stream slot */
    public long refused() {
        return counters.refused().sum();
    }

    /** @return clients disconnected because they did not read their queued messages */
    public long droppedSlowClients() {
        return counters.droppedSlow().sum();
    }

    /** @return messages written to clients */
    public long messagesSent() {
        return counters.sent().sum();
    }

    /** @return client messages answered with ERROR (or ignored past the error-reply limit) */
    public long clientErrors() {
        return counters.clientErrors().sum();
    }

    /** @return events that reached viewers only as section updates (a burst beyond the per-push cap) */
    public long eventsCoalesced() {
        return counters.eventsCoalesced().sum();
    }

    /**
     * The hook the status page mounts on its server; internal to monitoring-http (its type is
     * in an internal package), called by {@code StatusPage.Builder.webSocket}.
     *
     * @return the mount
     */
    public StreamMount mount() {
        return mount;
    }

    /**
     * Registers the stream's meters.
     *
     * @param registry where
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Checks.notNull(registry, "registry");
        Gauge.builder("tradepulse.http.stream.sessions", counters, StreamCounters::open)
                .description("Status stream connections open now").register(registry);
        counter(registry, "tradepulse.http.stream.opened", counters.opened(), "Status stream connections opened");
        counter(registry, "tradepulse.http.stream.refused", counters.refused(),
                "Status stream handshakes refused for want of a free slot");
        counter(registry, "tradepulse.http.stream.dropped", counters.droppedSlow(),
                "Status stream clients disconnected for not reading");
        counter(registry, "tradepulse.http.stream.messages", counters.sent(), "Status stream messages written");
        counter(registry, "tradepulse.http.stream.client.errors", counters.clientErrors(),
                "Status stream client messages answered with ERROR");
        counter(registry, "tradepulse.http.stream.events.coalesced", counters.eventsCoalesced(),
                "Status events that reached viewers only as section updates");
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }

    @Override
    public String toString() {
        return "StatusStream[" + config.path() + ", " + openSessions() + " open]";
    }

    /** Configures a stream; not thread-safe. */
    public static final class Builder {
        private StatusStreamConfig config = StatusStreamConfig.ofDefaults();

        private Builder() {
        }

        /**
         * The settings.
         *
         * @param config the config
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder config(StatusStreamConfig config) {
            this.config = Checks.notNull(config, "config");
            return this;
        }

        /**
         * Builds the stream; it takes nothing until a server it is mounted on starts.
         *
         * @return the stream
         */
        public StatusStream build() {
            return new StatusStream(config);
        }
    }
}
