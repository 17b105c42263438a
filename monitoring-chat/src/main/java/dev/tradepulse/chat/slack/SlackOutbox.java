package dev.tradepulse.chat.slack;

import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.slack.SlackApi.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts replies with {@code chat.postMessage} on its own thread, about one message a second per
 * channel (Slack's limit). A full queue drops (and counts) rather than blocks the socket; a 429
 * waits its {@code Retry-After}, capped; a 5xx or I/O failure backs off with jitter; each message
 * gets three attempts, then is dropped and counted. Failures are logged at most once a minute.
 *
 * <p>Thread-safe: {@link #send} from any thread; one thread sends.
 */
final class SlackOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(SlackOutbox.class);
    private static final int ATTEMPTS = 3;
    private static final int MAX_CHANNELS_PACED = 10_000;

    private record Item(String channel, Reply reply) {
    }

    private final SlackApi api;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration maxRetryAfter;
    private final BlockingQueue<Item> queue;
    private final Map<String, Instant> lastPerChannel = new LinkedHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private final Thread sender;
    private volatile boolean closed;

    SlackOutbox(SlackApi api, Sleeper sleeper, Clock clock, Duration maxRetryAfter, int capacity) {
        this.api = api;
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxRetryAfter = maxRetryAfter;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.sender = Threads.daemonThread("chat-slack-send", this::sendLoop);
    }

    void start() {
        sender.start();
    }

    void send(String channel, Reply reply) {
        if (closed || !queue.offer(new Item(channel, reply))) {
            drop("the send queue is full");
        }
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    private void drop(String why) {
        long n = dropped.incrementAndGet();
        if (failureLog.tryAcquire(System.nanoTime())) {
            LOG.warn("A Slack reply was dropped ({} so far): {}", n, LogText.clean(why, 300));
        }
    }

    private void sendLoop() {
        while (!closed) {
            try {
                Item item = queue.take();
                pace(item.channel());
                attempt(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                drop(e.getClass().getSimpleName());
            }
        }
    }

    private void attempt(Item item) throws InterruptedException {
        Duration backoff = Duration.ofSeconds(1);
        for (int i = 1; ; i++) {
            try {
                api.postMessage(item.channel(), item.reply());
                sent.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                boolean refused = e instanceof ApiException a && !a.transientFailure();
                if (refused || i >= ATTEMPTS || closed) {
                    drop(e.getClass().getSimpleName() + ": " + e.getMessage());
                    return;
                }
                Duration wait;
                if (e instanceof ApiException a && a.status == 429) {
                    wait = SlackTransport.min(a.retryAfter.orElse(Duration.ofSeconds(1)), maxRetryAfter);
                } else {
                    wait = backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
                    backoff = backoff.multipliedBy(2);
                }
                sleeper.sleep(wait);
            }
        }
    }

    // Slack: about one message a second in one channel.
    private void pace(String channel) throws InterruptedException {
        Instant last = lastPerChannel.get(channel);
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plusSeconds(1))) {
            sleeper.sleep(Duration.between(now, last.plusSeconds(1)));
        }
        lastPerChannel.remove(channel);
        lastPerChannel.put(channel, clock.instant());
        if (lastPerChannel.size() > MAX_CHANNELS_PACED) {
            lastPerChannel.remove(lastPerChannel.keySet().iterator().next());
        }
    }

    /** Stops the sender within {@code waitMillis}; replies still queued are dropped. */
    void close(long waitMillis) {
        closed = true;
        sender.interrupt();
        try {
            sender.join(TimeUnit.MILLISECONDS.toMillis(waitMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
