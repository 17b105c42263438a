package dev.tradepulse.chat.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradepulse.api.health.HealthCheck;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.support.Checks;
import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.api.time.Sleeper;
import dev.tradepulse.chat.ChatControl;
import dev.tradepulse.chat.ChatUser;
import dev.tradepulse.chat.Inbound;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.telegram.TelegramApi.ApiException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operates the bot over Telegram by long polling: no public port. One daemon thread polls
 * {@code getUpdates}, hands each message and button press to the {@link ChatControl}, and queues
 * the replies for a second thread that sends them within Telegram's limits (1 message a second per
 * chat, 20 a minute per group). An update is handled once even if Telegram sends it again. Errors
 * back off with jitter; a 429's {@code retry_after} is honoured up to a cap. Nothing here blocks
 * or throws into trading code; failures show in {@link #healthCheck()} and the counters.
 *
 * <p>Live from {@link Builder#build()} until {@link #close()}. Thread-safe.
 */
public final class TelegramTransport implements AutoCloseable {

    /** Telegram's Bot API. */
    public static final URI BOT_API = URI.create("https://api.telegram.org/");
    private static final Logger LOG = LoggerFactory.getLogger(TelegramTransport.class);

    private final TelegramApi api;
    private final ChatControl control;
    private final Duration pollTimeout;
    private final Duration maxRetryAfter;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Outbox outbox;
    private final Thread poller;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong pollFailures = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private volatile long offset;
    private volatile Instant lastSuccess;
    private volatile boolean closed;

    private TelegramTransport(Builder b) {
        this.api = new TelegramApi(b.api, b.token, b.http);
        this.control = b.control;
        this.pollTimeout = b.pollTimeout;
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxBackoff = b.maxBackoff;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.lastSuccess = clock.instant();
        this.outbox = new Outbox(api, b.sleeper, b.clock, b.maxRetryAfter, b.queueCapacity);
        this.poller = Threads.daemonThread("chat-telegram-poll", this::pollLoop);
        if (!control.hasAllowedUsers()) {
            LOG.warn("Telegram chat control is on, but no user is allowed: every command will be refused");
        }
        poller.start();
    }

    /**
     * @param token the bot's token from BotFather; never logged
     * @param control what to do with the messages
     * @return a builder for {@link #BOT_API}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code token} is blank
     */
    public static Builder builder(String token, ChatControl control) {
        return new Builder(Checks.notBlank(token, "token"), Checks.notNull(control, "control"));
    }

    private void pollLoop() {
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            try {
                JsonNode answer = api.getUpdates(offset, pollTimeout);
                polls.incrementAndGet();
                lastSuccess = clock.instant();
                backoff = Duration.ofSeconds(1);
                for (JsonNode update : answer.path("result")) {
                    handle(update);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                if (closed) {
                    return;
                }
                pollFailures.incrementAndGet();
                Duration wait = backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
                if (e instanceof ApiException api && api.retryAfter.isPresent()) {
                    wait = min(api.retryAfter.get(), maxRetryAfter);
                }
                if (failureLog.tryAcquire(System.nanoTime())) {
                    LOG.warn("Telegram polling failed ({} so far), retrying in {} ms: {}", pollFailures.get(), wait.toMillis(),
                            LogText.clean(e.getClass().getSimpleName() + ": " + e.getMessage(), 300));
                }
                backoff = min(backoff.multipliedBy(2), maxBackoff);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void handle(JsonNode update) {
        long id = update.path("update_id").asLong(-1);
        if (id < offset) {
            return; // sent again: handled already
        }
        offset = id + 1;
        try {
            Optional<Inbound> in = inbound(update);
            if (in.isEmpty()) {
                return;
            }
            handled.incrementAndGet();
            JsonNode callback = update.path("callback_query");
            if (!callback.isMissingNode()) {
                outbox.answer(callback.path("id").asText());
            }
            Optional<Reply> reply = control.handle(in.get());
            reply.ifPresent(r -> outbox.send(in.get().chatId(), in.get().group(), r));
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("A Telegram update could not be handled: {}", LogText.clean(e.getClass().getSimpleName()));
            }
        }
    }

    static Optional<Inbound> inbound(JsonNode update) {
        JsonNode message = update.path("message");
        JsonNode callback = update.path("callback_query");
        if (!message.isMissingNode()) {
            JsonNode from = message.path("from");
            if (from.path("is_bot").asBoolean(false) || !message.path("text").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(Inbound.message(user(from), message.path("chat").path("id").asText(),
                    group(message.path("chat")), message.path("text").asText()));
        }
        if (!callback.isMissingNode() && callback.path("data").isTextual()) {
            JsonNode chat = callback.path("message").path("chat");
            return Optional.of(Inbound.button(user(callback.path("from")), chat.path("id").asText(), group(chat),
                    callback.path("data").asText()));
        }
        return Optional.empty();
    }

    private static ChatUser user(JsonNode from) {
        String name = from.path("username").asText(from.path("first_name").asText(""));
        return new ChatUser("telegram", from.path("id").asText("?"), LogText.clean(name, 64));
    }

    private static boolean group(JsonNode chat) {
        String type = chat.path("type").asText("private");
        return !type.equals("private");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** @return long polls answered */
    public long polls() {
        return polls.get();
    }

    /** @return polls that failed */
    public long pollFailures() {
        return pollFailures.get();
    }

    /** @return messages and button presses handed to the chat control */
    public long handled() {
        return handled.get();
    }

    /** @return replies that could not be sent or were dropped from a full queue */
    public long sendFailures() {
        return outbox.failures();
    }

    /**
     * @return UNHEALTHY-free: DEGRADED while polling has failed for longer than two poll timeouts
     *     (commands do not reach the bot), else HEALTHY; never UNHEALTHY, since trading goes on
     */
    public HealthCheck healthCheck() {
        return () -> {
            Duration since = Duration.between(lastSuccess, clock.instant());
            if (since.compareTo(pollTimeout.multipliedBy(2).plusSeconds(10)) > 0) {
                return HealthResult.degraded("Telegram unreachable for " + since.toSeconds() + " s ("
                        + pollFailures.get() + " failed polls); chat commands do not reach the bot");
            }
            return HealthResult.healthy(handled.get() + " commands handled");
        };
    }

    /** Stops polling and sending within a few seconds. Idempotent; never throws. */
    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        outbox.close();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TelegramTransport[polls " + polls.get() + ", failures " + pollFailures.get() + "]";
    }

    /** Builds a {@link TelegramTransport}. Not thread-safe. */
    public static final class Builder {
        private final String token;
        private final ChatControl control;
        private URI api = BOT_API;
        private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private Duration pollTimeout = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofMinutes(1);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;
        private Clock clock = Clock.systemUTC();
        private int queueCapacity = 1_000;

        private Builder(String token, ChatControl control) {
            this.token = token;
            this.control = control;
        }

        /**
         * @param api the Bot API base (default {@link #BOT_API}; a test's loopback server)
         * @return this builder
         * @throws NullPointerException if {@code api} is null
         */
        public Builder api(URI api) {
            this.api = Checks.notNull(api, "api");
            return this;
        }

        /**
         * @param http the client (default: 10 s connect timeout)
         * @return this builder
         * @throws NullPointerException if {@code http} is null
         */
        public Builder http(HttpClient http) {
            this.http = Checks.notNull(http, "http");
            return this;
        }

        /**
         * @param timeout how long one long poll waits for updates (default 30 s; at most 50)
         * @return this builder
         * @throws IllegalArgumentException if not between 1 and 50 seconds
         */
        public Builder pollTimeout(Duration timeout) {
            Checks.positive(timeout, "timeout");
            if (timeout.toSeconds() < 1 || timeout.toSeconds() > 50) {
                throw new IllegalArgumentException("timeout must be 1 to 50 seconds, but was " + timeout);
            }
            this.pollTimeout = timeout;
            return this;
        }

        /**
         * @param max the longest {@code retry_after} honoured (default 1 min)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = Checks.positive(max, "max");
            return this;
        }

        /**
         * @param sleeper waits between retries (tests pass one that records)
         * @return this builder
         * @throws NullPointerException if {@code sleeper} is null
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Checks.notNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @param clock for health and send pacing
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * @param replies the most replies waiting to be sent; more are dropped and counted (default 1,000)
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder queueCapacity(int replies) {
            if (replies < 1) {
                throw new IllegalArgumentException("replies must be >= 1, but was " + replies);
            }
            this.queueCapacity = replies;
            return this;
        }

        /** @return the transport, polling */
        public TelegramTransport build() {
            return new TelegramTransport(this);
        }
    }
}
