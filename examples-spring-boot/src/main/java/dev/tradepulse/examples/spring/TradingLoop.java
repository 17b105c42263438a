package dev.tradepulse.examples.spring;

import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.runtime.TradePulse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The bot's trading loop: each tick moves the paper market and lets each trader mark, decide
 * (through its strategy's pre-trade gate) and run its risk rules. It ticks every
 * {@code bot.tick-interval} on one daemon thread between the context's start and stop; a
 * {@link SmartLifecycle} stops before any bean is destroyed, so the last tick has finished
 * before the context closes {@link TradePulse} and its journal. With a zero interval it ticks only
 * when {@link #tick()} is called (tests).
 *
 * <p>Thread-safe: ticks are serialised by this object's lock, so a scheduled tick and a test's
 * never overlap; {@link #traders()} reads without the lock.
 */
public final class TradingLoop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TradingLoop.class);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);

    private final PaperMarket market;
    private final List<PaperTrader> traders;
    private final Duration interval;
    private final Clock clock;
    private final LogThrottle failureLog = new LogThrottle(Duration.ofSeconds(30));
    private @Nullable ScheduledExecutorService scheduler;
    private long failedTicks;

    /**
     * @param tradePulse the runtime; its strategies {@code momentum} and {@code dip-buyer} must be declared
     * @param market the paper market
     * @param bot the bot's settings
     * @param clock the clock every record is stamped with (the one TradePulse uses)
     * @throws IllegalArgumentException if a strategy is not declared (the message lists the declared ones)
     */
    public TradingLoop(TradePulse tradePulse, PaperMarket market, BotProperties bot, Clock clock) {
        this.market = market;
        this.interval = bot.tickInterval();
        this.clock = clock;
        this.traders = List.of(
                new PaperTrader(tradePulse.strategy("momentum"), tradePulse.audit(), market.symbol(),
                        PaperTrader.Style.MOMENTUM, 0.5, bot.startingEquity()),
                new PaperTrader(tradePulse.strategy("dip-buyer"), tradePulse.audit(), market.symbol(),
                        PaperTrader.Style.BUY_THE_DIP, 3.0, bot.startingEquity()));
    }

    /** Moves the market one tick and lets every trader act on it, on the calling thread. */
    public synchronized void tick() {
        Instant at = clock.instant();
        double price = market.next(at);
        for (PaperTrader trader : traders) {
            trader.onTick(price, at);
        }
    }

    /** @return each trader's view, as of its last tick */
    public List<StrategyView> traders() {
        return traders.stream().map(PaperTrader::view).toList();
    }

    /**
     * @param name a strategy's name
     * @return its trader's view, if it has one
     */
    public Optional<StrategyView> trader(String name) {
        return traders().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private void scheduledTick() {
        try {
            tick();
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            long failed;
            synchronized (this) {
                failed = ++failedTicks;
            }
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("a tick failed ({} so far); the loop goes on", failed, t);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || interval.isZero()) {
            return;
        }
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, Threads.daemon("bot-trading-loop"));
        s.scheduleWithFixedDelay(this::scheduledTick, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        scheduler = s;
        LOG.info("trading loop started: a tick every {}", interval);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s == null) {
            return;
        }
        s.shutdown();
        try {
            if (!s.awaitTermination(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                s.shutdownNow();
                LOG.warn("the trading loop's last tick did not finish within {}", STOP_DEADLINE);
            }
        } catch (InterruptedException e) {
            s.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
