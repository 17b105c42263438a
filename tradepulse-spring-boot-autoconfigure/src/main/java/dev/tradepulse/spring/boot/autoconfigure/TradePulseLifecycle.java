package dev.tradepulse.spring.boot.autoconfigure;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.runtime.TradePulse;
import org.springframework.context.SmartLifecycle;

/**
 * Ties {@link TradePulse} to the application context's {@link SmartLifecycle} phases.
 *
 * <p>TradePulse is live from the moment its bean exists (a builder returns a live component), so
 * that other beans can record into it while the context starts; there is nothing left to start.
 * What the phase decides is the stop: {@link #PHASE} lies between Spring Boot's graceful shutdown
 * of the web server ({@code SmartLifecycle.DEFAULT_PHASE - 1024}), which waits for in-flight
 * requests to end, and the web server's stop ({@code DEFAULT_PHASE - 2048}). So on context close:
 * requests end first; then TradePulse closes in its fixed order (schedulers, the resolve
 * notification of every firing alert, the journal with its closing checkpoint), while the web
 * server still answers probes; then the web server stops; then the beans are destroyed (the
 * runtime's {@code close()}, also its destroy method, finds it closed). Beans that record into
 * TradePulse from their own destroy methods come too late: do that in a {@code SmartLifecycle}
 * of a higher phase.
 *
 * <p>Thread-safe.
 */
public final class TradePulseLifecycle implements SmartLifecycle {

    /** After the web server starts and its graceful shutdown ends, before the web server stops. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    private final TradePulse tradePulse;
    private volatile boolean running;

    /**
     * @param tradePulse the runtime to close at {@link #stop()}
     * @throws NullPointerException if {@code tradePulse} is null
     */
    public TradePulseLifecycle(TradePulse tradePulse) {
        this.tradePulse = Checks.notNull(tradePulse, "tradePulse");
    }

    /** Marks TradePulse as running; it has been live since its bean was created. */
    @Override
    public void start() {
        running = true;
    }

    /** Closes TradePulse, bounded by its {@code shutdown.deadline}; never throws. */
    @Override
    public void stop() {
        running = false;
        tradePulse.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
