package dev.tradepulse.chat.telegram;

import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.telegram.TelegramApi.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends replies on its own thread within Telegram's limits: at most one message a second per
 * chat and twenty a minute per group. A full queue drops (and counts) rather than blocks the
 * poller; a 429 waits its {@code retry_after}, capped, and tries twice more.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;

    private record Item(@Nullable String chatId, boolean group, @Nullable Reply reply, @Nullable String callbackId) {
    }

    private final TelegramApi api;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration maxRetryAfter;
    private final BlockingQueue<Item> queue;
    private final Map<String, Instant> lastPerChat = new HashMap<>();
    private final Map<String, Deque<Instant>> perGroup = new HashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private final Thread sender;
    private volatile boolean closed;

    Outbox(TelegramApi api, Sleeper sleeper, Clock clock, Duration maxRetryAfter, int capacity) {
        this.api = api;
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxRetryAfter = maxRetryAfter;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.sender = Threads.daemonThread("chat-telegram-send", this::sendLoop);
        sender.start();
    }

    void send(String chatId, boolean group, Reply reply) {
        offer(new Item(chatId, group, reply, null));
    }

    void answer(String callbackId) {
        offer(new Item(null, false, null, callbackId));
    }

    private void offer(Item item) {
        if (closed || !queue.offer(item)) {
            failures.incrementAndGet();
        }
    }

    long failures() {
        return failures.get();
    }

    private void sendLoop() {
        while (!closed) {
            Item item;
            try {
                item = queue.take();
                String callback = item.callbackId();
                String chat = item.chatId();
                Reply reply = item.reply();
                if (callback != null) {
                    attempt(() -> api.answerCallbackQuery(callback, CALL_TIMEOUT));
                } else if (chat != null && reply != null) {
                    pace(chat, item.group());
                    attempt(() -> api.sendMessage(chat, reply, CALL_TIMEOUT));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private void attempt(Call call) throws InterruptedException {
        for (int i = 1; ; i++) {
            try {
                call.run();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                boolean limited = e instanceof ApiException a && a.status == 429;
                if (!limited || i >= ATTEMPTS || closed) {
                    failures.incrementAndGet();
                    if (failureLog.tryAcquire(System.nanoTime())) {
                        LOG.warn("A Telegram reply could not be sent ({} so far): {}", failures.get(),
                                LogText.clean(e.getClass().getSimpleName() + ": " + e.getMessage(), 300));
                    }
                    return;
                }
                Duration wait = ((ApiException) e).retryAfter.orElse(Duration.ofSeconds(1));
                sleeper.sleep(wait.compareTo(maxRetryAfter) <= 0 ? wait : maxRetryAfter);
            }
        }
    }

    // Telegram: about one message a second in one chat, at most twenty a minute in a group.
    private void pace(String chatId, boolean group) throws InterruptedException {
        Instant last = lastPerChat.get(chatId);
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plusSeconds(1))) {
            sleeper.sleep(Duration.between(now, last.plusSeconds(1)));
        }
        if (group) {
            Deque<Instant> sent = perGroup.computeIfAbsent(chatId, k -> new ArrayDeque<>());
            now = clock.instant();
            while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minusSeconds(60))) {
                sent.pollFirst();
            }
            if (sent.size() >= 20) {
                sleeper.sleep(Duration.between(now, sent.peekFirst().plusSeconds(60)));
                sent.pollFirst();
            }
            sent.addLast(clock.instant());
        }
        lastPerChat.put(chatId, clock.instant());
        if (lastPerChat.size() > 10_000) {
            lastPerChat.clear();
        }
    }

    void close() {
        closed = true;
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
