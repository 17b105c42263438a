package dev.tradepulse.alerts;

import dev.tradepulse.api.support.Checks;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of an {@link AlertDispatcher}, with the defaults it had when they were hard-coded:
 * queues, the dedup and grouping windows, routing, escalation, inhibition, and how each sink is
 * retried and broken. Sinks, clocks, sleepers and registries are not settings; they are given to
 * {@link AlertDispatcher.Builder}.
 *
 * <pre>{@code
 * AlertDispatcherConfig config = AlertDispatcherConfig.custom()
 *     .repeatInterval(Duration.ofHours(1))
 *     .route(Route.to("pagerduty").when(Severity.CRITICAL))
 *     .sinkRetry(RetryConfig.from(AlertDispatcherConfig.DEFAULT_SINK_RETRY).maxAttempts(3).build())
 *     .build();
 * AlertDispatcher alerts = AlertDispatcher.builder().config(config).sink(slack).sink(pagerDuty).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; its {@link Builder} is not thread-safe. Of a {@link RetryConfig}
 * the dispatcher uses the attempts and the interval function (a sink decides what is retryable by
 * throwing {@code SinkException}); of a {@link CircuitBreakerConfig}, everything.
 */
public final class AlertDispatcherConfig {

    /** How long a repeated key is suppressed by default: 4 hours, as Alertmanager's. */
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    /** Alerts each sink may hold by default. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** The longest a provider's {@code Retry-After} is honoured by default: one minute. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(1);
    /** The same for a message holding a CRITICAL alert: five seconds. */
    public static final Duration DEFAULT_MAX_CRITICAL_RETRY_AFTER = Duration.ofSeconds(5);
    /** The first retry wait by default; it doubles per attempt up to {@link #DEFAULT_MAX_BACKOFF}, randomised by &plusmn;50%. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** The longest retry wait of the default schedule. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);
    /** Delivery attempts per message by default. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /**
     * How each sink is retried by default: {@value #DEFAULT_MAX_ATTEMPTS} attempts, waits from one
     * second doubling to a minute, each randomised by &plusmn;50%.
     */
    public static final RetryConfig DEFAULT_SINK_RETRY = RetryConfig.custom().maxAttempts(DEFAULT_MAX_ATTEMPTS)
            .intervalFunction(backoff(DEFAULT_BACKOFF)).build();
    /**
     * Each sink's circuit breaker by default: over the last 10 deliveries (at least 5), open at
     * 80% failures, for 30 seconds.
     */
    public static final CircuitBreakerConfig DEFAULT_SINK_CIRCUIT_BREAKER = CircuitBreakerConfig.custom()
            .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(80)
            .waitDurationInOpenState(Duration.ofSeconds(30)).build();
    /** A delivery running this long makes its sink's health check unhealthy (stalled). */
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofSeconds(30);
    /** How long one undelivered alert keeps {@code alerts.delivery} unhealthy or degraded. */
    public static final Duration DEFAULT_UNDELIVERED_WINDOW = Duration.ofMinutes(15);
    /** How often unacknowledged CRITICAL alerts are checked for escalation. */
    public static final Duration DEFAULT_ESCALATION_CHECK_INTERVAL = Duration.ofMillis(250);
    /** The deadline of {@link AlertDispatcher#close()} and of {@link AlertDispatcher#sendTestAlert()}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final AlertDispatcherConfig DEFAULTS = new Builder().build();

    private final Duration repeatInterval;
    private final Duration groupWait;
    private final Duration groupInterval;
    private final int queueCapacity;
    private final RetryConfig sinkRetry;
    private final Duration maxRetryAfter;
    private final Duration maxCriticalRetryAfter;
    private final CircuitBreakerConfig sinkCircuitBreaker;
    private final Duration stallAfter;
    private final Duration undeliveredWindow;
    private final Duration escalationCheckInterval;
    private final Duration closeTimeout;
    private final List<Route> routes;
    private final List<String> defaultSinks;
    private final List<Escalation> escalations;
    private final List<Inhibition> inhibitions;

    private AlertDispatcherConfig(Builder b) {
        this.repeatInterval = b.repeatInterval;
        this.groupWait = b.groupWait;
        this.groupInterval = b.groupInterval;
        this.queueCapacity = b.queueCapacity;
        this.sinkRetry = b.sinkRetry;
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxCriticalRetryAfter = b.maxCriticalRetryAfter;
        this.sinkCircuitBreaker = b.sinkCircuitBreaker;
        this.stallAfter = b.stallAfter;
        this.undeliveredWindow = b.undeliveredWindow;
        this.escalationCheckInterval = b.escalationCheckInterval;
        this.closeTimeout = b.closeTimeout;
        this.routes = List.copyOf(b.routes);
        this.defaultSinks = List.copyOf(b.defaultSinks);
        this.escalations = List.copyOf(b.escalations);
        this.inhibitions = List.copyOf(b.inhibitions);
    }

    /**
     * The defaults.
     *
     * @return the default configuration
     */
    public static AlertDispatcherConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Starts a configuration from the defaults.
     *
     * @return a builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Starts a configuration from an existing one.
     *
     * @param base the configuration to copy
     * @return a builder holding its settings
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(AlertDispatcherConfig base) {
        return new Builder(Checks.notNull(base, "base"));
    }

    /** The default retry schedule with another first wait. */
    static IntervalFunction backoff(Duration initial) {
        return IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, 0.5, DEFAULT_MAX_BACKOFF);
    }

    /** @return how long a repeated key is suppressed */
    public Duration repeatInterval() {
        return repeatInterval;
    }

    /** @return Alertmanager's {@code group_wait}; zero for none */
    public Duration groupWait() {
        return groupWait;
    }

    /** @return Alertmanager's {@code group_interval}; zero for none */
    public Duration groupInterval() {
        return groupInterval;
    }

    /** @return alerts each sink may hold */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** @return how a sink is retried, unless the sink brings its own ({@link SinkConfig#retry()}) */
    public RetryConfig sinkRetry() {
        return sinkRetry;
    }

    /** @return the longest a provider's {@code Retry-After} is honoured */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** @return the same, for a message that holds a CRITICAL alert */
    public Duration maxCriticalRetryAfter() {
        return maxCriticalRetryAfter;
    }

    /** @return a sink's circuit breaker, unless the sink brings its own ({@link SinkConfig#circuitBreaker()}) */
    public CircuitBreakerConfig sinkCircuitBreaker() {
        return sinkCircuitBreaker;
    }

    /** @return how long one delivery may run before its sink's health check calls it stalled */
    public Duration stallAfter() {
        return stallAfter;
    }

    /** @return how long an undelivered alert keeps {@code alerts.delivery} unhealthy or degraded */
    public Duration undeliveredWindow() {
        return undeliveredWindow;
    }

    /** @return how often unacknowledged CRITICAL alerts are checked for escalation */
    public Duration escalationCheckInterval() {
        return escalationCheckInterval;
    }

    /** @return the deadline of {@link AlertDispatcher#close()} and {@link AlertDispatcher#sendTestAlert()} */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** @return the routes, in order; none sends every alert to the default sinks */
    public List<Route> routes() {
        return routes;
    }

    /** @return where alerts go that match no route; empty means every routed sink */
    public List<String> defaultSinks() {
        return defaultSinks;
    }

    /** @return the escalation tiers, each waiting longer than the one before */
    public List<Escalation> escalations() {
        return escalations;
    }

    /** @return the inhibition rules */
    public List<Inhibition> inhibitions() {
        return inhibitions;
    }

    @Override
    public String toString() {
        return "AlertDispatcherConfig[repeatInterval=" + repeatInterval + ", groupWait=" + groupWait
                + ", groupInterval=" + groupInterval + ", queueCapacity=" + queueCapacity
                + ", sinkRetry.maxAttempts=" + sinkRetry.getMaxAttempts() + ", maxRetryAfter=" + maxRetryAfter
                + ", maxCriticalRetryAfter=" + maxCriticalRetryAfter + ", sinkCircuitBreaker=" + sinkCircuitBreaker
                + ", stallAfter=" + stallAfter + ", undeliveredWindow=" + undeliveredWindow
                + ", escalationCheckInterval=" + escalationCheckInterval + ", closeTimeout=" + closeTimeout
                + ", routes=" + routes + ", defaultSinks=" + defaultSinks + ", escalations=" + escalations
                + ", inhibitions=" + inhibitions.size() + "]";
    }

    /** Collects settings; each is checked when set. Not thread-safe. */
    public static final class Builder {
        private Duration repeatInterval = DEFAULT_REPEAT_INTERVAL;
        private Duration groupWait = Duration.ZERO;
        private Duration groupInterval = Duration.ZERO;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private RetryConfig sinkRetry = DEFAULT_SINK_RETRY;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private Duration maxCriticalRetryAfter = DEFAULT_MAX_CRITICAL_RETRY_AFTER;
        private CircuitBreakerConfig sinkCircuitBreaker = DEFAULT_SINK_CIRCUIT_BREAKER;
        private Duration stallAfter = DEFAULT_STALL_AFTER;
        private Duration undeliveredWindow = DEFAULT_UNDELIVERED_WINDOW;
        private Duration escalationCheckInterval = DEFAULT_ESCALATION_CHECK_INTERVAL;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private final List<Route> routes = new ArrayList<>();
        private List<String> defaultSinks = List.of();
        private final List<Escalation> escalations = new ArrayList<>();
        private final List<Inhibition> inhibitions = new ArrayList<>();

        private Builder() {
        }

        private Builder(AlertDispatcherConfig c) {
            repeatInterval = c.repeatInterval;
            groupWait = c.groupWait;
            groupInterval = c.groupInterval;
            queueCapacity = c.queueCapacity;
            sinkRetry = c.sinkRetry;
            maxRetryAfter = c.maxRetryAfter;
            maxCriticalRetryAfter = c.maxCriticalRetryAfter;
            sinkCircuitBreaker = c.sinkCircuitBreaker;
            stallAfter = c.stallAfter;
            undeliveredWindow = c.undeliveredWindow;
            escalationCheckInterval = c.escalationCheckInterval;
            closeTimeout = c.closeTimeout;
            routes.addAll(c.routes);
            defaultSinks = c.defaultSinks;
            escalations.addAll(c.escalations);
            inhibitions.addAll(c.inhibitions);
        }

        private static Duration notNegative(Duration value, String parameter) {
            Checks.notNull(value, parameter);
            if (value.isNegative()) {
                throw new IllegalArgumentException(parameter + " must not be negative, but was " + value);
            }
            return value;
        }

        /**
         * How long a repeated key is suppressed; the default is {@link #DEFAULT_REPEAT_INTERVAL}.
         *
         * @param interval positive
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is not positive
         */
        public Builder repeatInterval(Duration interval) {
            this.repeatInterval = Checks.positive(interval, "interval");
            return this;
        }

        /**
         * Alertmanager's {@code group_wait}: after the first alert of a quiet spell, each sink
         * waits this long so that the rest of a burst joins the same message. The default is none.
         *
         * @param wait zero or more
         * @return this builder
         * @throws NullPointerException if {@code wait} is null
         * @throws IllegalArgumentException if {@code wait} is negative
         */
        public Builder groupWait(Duration wait) {
            this.groupWait = notNegative(wait, "wait");
            return this;
        }

        /**
         * Alertmanager's {@code group_interval}: after each message, a sink waits this long before
         * the next, so that what arrives meanwhile is merged into one update. The default is none.
         *
         * @param interval zero or more
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is negative
         */
        public Builder groupInterval(Duration interval) {
            this.groupInterval = notNegative(interval, "interval");
            return this;
        }

        /**
         * Alerts each sink may hold; the default is {@value AlertDispatcherConfig#DEFAULT_QUEUE_CAPACITY}.
         *
         * @param alerts at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code alerts} is below 1
         */
        public Builder queueCapacity(int alerts) {
            if (alerts < 1) {
                throw new IllegalArgumentException("alerts must be at least 1, got " + alerts);
            }
            this.queueCapacity = alerts;
            return this;
        }

        /**
         * How a sink is retried when it brings no retry of its own; the default is
         * {@link #DEFAULT_SINK_RETRY}. The attempts and the interval function are used.
         *
         * @param retry the retry configuration
         * @return this builder
         * @throws NullPointerException if {@code retry} is null
         */
        public Builder sinkRetry(RetryConfig retry) {
            this.sinkRetry = Checks.notNull(retry, "retry");
            return this;
        }

        /**
         * Shortcut: the default retry with this many attempts.
         *
         * @param attempts at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts} is below 1
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
            this.sinkRetry = RetryConfig.from(sinkRetry).maxAttempts(attempts).build();
            return this;
        }

        /**
         * Shortcut: the retry schedule starting at this wait, doubling per attempt up to a minute,
         * each wait randomised by &plusmn;50% so that sinks recovering together do not retry in step.
         *
         * @param initial positive
         * @return this builder
         * @throws NullPointerException if {@code initial} is null
         * @throws IllegalArgumentException if {@code initial} is not positive
         */
        public Builder backoff(Duration initial) {
            Checks.positive(initial, "initial");
            this.sinkRetry = RetryConfig.from(sinkRetry).intervalFunction(AlertDispatcherConfig.backoff(initial)).build();
            return this;
        }

        /**
         * Shortcut: the whole retry schedule, the wait in milliseconds before attempt {@code n + 1},
         * given {@code n} (from 1).
         *
         * @param intervals for instance {@code IntervalFunction.ofExponentialRandomBackoff(...)}
         * @return this builder
         * @throws NullPointerException if {@code intervals} is null
         */
        public Builder retryIntervals(IntervalFunction intervals) {
            Checks.notNull(intervals, "intervals");
            this.sinkRetry = RetryConfig.from(sinkRetry).intervalFunction(intervals).build();
            return this;
        }

        /**
         * The longest a provider's {@code Retry-After} is honoured; the default is
         * {@link #DEFAULT_MAX_RETRY_AFTER}.
         *
         * @param max positive
         * @return this builder
         * @throws NullPointerException if {@code max} is null
         * @throws IllegalArgumentException if {@code max} is not positive
         */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = Checks.positive(max, "max");
            return this;
        }

        /**
         * The longest a message holding a CRITICAL alert honours a provider's {@code Retry-After};
         * the default is {@link #DEFAULT_MAX_CRITICAL_RETRY_AFTER}.
         *
         * @param max positive
         * @return this builder
         * @throws NullPointerException if {@code max} is null
         * @throws IllegalArgumentException if {@code max} is not positive
         */
        public Builder maxCriticalRetryAfter(Duration max) {
            this.maxCriticalRetryAfter = Checks.positive(max, "max");
            return this;
        }

        /**
         * A sink's circuit breaker when the sink brings none of its own; the default is
         * {@link #DEFAULT_SINK_CIRCUIT_BREAKER}.
         *
         * @param breaker the breaker configuration
         * @return this builder
         * @throws NullPointerException if {@code breaker} is null
         */
        public Builder sinkCircuitBreaker(CircuitBreakerConfig breaker) {
            this.sinkCircuitBreaker = Checks.notNull(breaker, "breaker");
            return this;
        }

        /**
         * How long one delivery may run before its sink's health check calls it stalled; the
         * default is {@link #DEFAULT_STALL_AFTER}.
         *
         * @param after positive
         * @return this builder
         * @throws NullPointerException if {@code after} is null
         * @throws IllegalArgumentException if {@code after} is not positive
         */
        public Builder stallAfter(Duration after) {
            this.stallAfter = Checks.positive(after, "after");
            return this;
        }

        /**
         * How long an undelivered alert keeps {@code alerts.delivery} unhealthy (CRITICAL, HIGH) or
         * degraded; the default is {@link #DEFAULT_UNDELIVERED_WINDOW}.
         *
         * @param window positive
         * @return this builder
         * @throws NullPointerException if {@code window} is null
         * @throws IllegalArgumentException if {@code window} is not positive
         */
        public Builder undeliveredWindow(Duration window) {
            this.undeliveredWindow = Checks.positive(window, "window");
            return this;
        }

        /**
         * How often unacknowledged CRITICAL alerts are checked for escalation; the default is
         * {@link #DEFAULT_ESCALATION_CHECK_INTERVAL}.
         *
         * @param every at least 1 ms
         * @return this builder
         * @throws NullPointerException if {@code every} is null
         * @throws IllegalArgumentException if {@code every} is shorter than 1 ms
         */
        public Builder escalationCheckInterval(Duration every) {
            Checks.positive(every, "every");
            if (every.toMillis() < 1) {
                throw new IllegalArgumentException("every must be at least 1 ms, but was " + every);
            }
            this.escalationCheckInterval = every;
            return this;
        }

        /**
         * The deadline of {@link AlertDispatcher#close()} and {@link AlertDispatcher#sendTestAlert()};
         * the default is {@link #DEFAULT_CLOSE_TIMEOUT}.
         *
         * @param timeout positive
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * Adds a route; without any, every alert goes to the default sinks.
         *
         * @param route the route
         * @return this builder
         * @throws NullPointerException if {@code route} is null
         */
        public Builder route(Route route) {
            routes.add(Checks.notNull(route, "route"));
            return this;
        }

        /**
         * Where alerts that match no route go; the default (none given) is every routed sink.
         *
         * @param sinks sink names
         * @return this builder
         * @throws NullPointerException if {@code sinks} or a name is null
         */
        public Builder defaultSinks(String... sinks) {
            this.defaultSinks = List.of(Checks.notNull(sinks, "sinks"));
            return this;
        }

        /**
         * Adds an escalation tier; tiers fire in the order added, each waiting longer than the one before.
         *
         * @param after how long to wait for an acknowledgement; positive
         * @param sinks the tier's sinks; at least one
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code after} is not positive and longer than the
         *     previous tier's, or {@code sinks} is empty
         */
        public Builder escalate(Duration after, String... sinks) {
            Escalation tier = new Escalation(after, List.of(Checks.notNull(sinks, "sinks")));
            if (!escalations.isEmpty() && after.compareTo(escalations.get(escalations.size() - 1).after()) <= 0) {
                throw new IllegalArgumentException("after must be longer than the previous tier's, got " + after);
            }
            escalations.add(tier);
            return this;
        }

        /**
         * Adds an inhibition rule.
         *
         * @param inhibition the rule
         * @return this builder
         * @throws NullPointerException if {@code inhibition} is null
         */
        public Builder inhibit(Inhibition inhibition) {
            inhibitions.add(Checks.notNull(inhibition, "inhibition"));
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         */
        public AlertDispatcherConfig build() {
            return new AlertDispatcherConfig(this);
        }
    }
}
