package dev.tradepulse.health;

import dev.tradepulse.api.health.HealthStatus;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one check is registered: its criticality, groups, timeout, refresh interval and flap
 * damping. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * registry.register("exchange", exchangeCheck, CheckOptions.builder()
 *     .groups(HealthRegistry.READINESS)
 *     .timeout(Duration.ofSeconds(1))
 *     .refreshEvery(Duration.ofSeconds(10))
 *     .damping(3, 2)
 *     .build());
 * }</pre>
 */
public final class CheckOptions {

    /** Critical, in no group, 2-second timeout, run on demand, no damping. */
    public static final CheckOptions DEFAULTS = builder().build();

    private final Criticality criticality;
    private final Set<String> groups;
    private final Duration timeout;
    private final @Nullable Duration refreshInterval;
    private final int failureAttempts;
    private final int successAttempts;
    private final @Nullable HealthStatus initialStatus;

    private CheckOptions(Builder b) {
        this.criticality = b.criticality;
        this.groups = Set.copyOf(b.groups);
        this.timeout = b.timeout;
        this.refreshInterval = b.refreshInterval;
        this.failureAttempts = b.failureAttempts;
        this.successAttempts = b.successAttempts;
        this.initialStatus = b.initialStatus;
    }

    /**
     * Starts options from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the criticality */
    public Criticality criticality() {
        return criticality;
    }

    /** @return the groups, such as {@code readiness} */
    public Set<String> groups() {
        return groups;
    }

    /** @return how long a run may take before it is reported unhealthy */
    public Duration timeout() {
        return timeout;
    }

    /** @return the background refresh interval, if the check is cached */
    public Optional<Duration> refreshInterval() {
        return Optional.ofNullable(refreshInterval);
    }

    /** @return consecutive bad results needed to turn worse */
    public int failureAttempts() {
        return failureAttempts;
    }

    /** @return consecutive good results needed to turn better */
    public int successAttempts() {
        return successAttempts;
    }

    /** @return the status reported before the first run settles, if set */
    public Optional<HealthStatus> initialStatus() {
        return Optional.ofNullable(initialStatus);
    }

    @Override
    public String toString() {
        return "CheckOptions[" + criticality + ", groups=" + groups + ", timeout=" + timeout + ", refresh="
                + refreshInterval + ", damping=" + failureAttempts + "/" + successAttempts + "]";
    }

    /** Collects options; {@link #build()} copies them. */
    public static final class Builder {
        private Criticality criticality = Criticality.CRITICAL;
        private final Set<String> groups = new LinkedHashSet<>();
        private Duration timeout = Duration.ofSeconds(2);
        private @Nullable Duration refreshInterval;
        private int failureAttempts = 1;
        private int successAttempts = 1;
        private @Nullable HealthStatus initialStatus;

        private Builder() {
        }

        /**
         * Sets the criticality; the default is {@link Criticality#CRITICAL}.
         *
         * @param criticality the criticality
         * @return this builder
         */
        public Builder criticality(Criticality criticality) {
            this.criticality = Objects.requireNonNull(criticality, "criticality must not be null");
            return this;
        }

        /**
         * Marks the check non-critical: its failure only degrades the application.
         *
         * @return this builder
         */
        public Builder nonCritical() {
            return criticality(Criticality.NON_CRITICAL);
        }

        /**
         * Adds the check to groups, such as {@link HealthRegistry#LIVENESS} or {@link HealthRegistry#READINESS}.
         *
         * @param names group names, each a URL-safe word
         * @return this builder
         */
        public Builder groups(String... names) {
            Objects.requireNonNull(names, "names must not be null");
            for (String name : names) {
                if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
                    throw new IllegalArgumentException("groups must be words of letters, digits, '_', '.' or '-', got: "
                            + name);
                }
                groups.add(name);
            }
            return this;
        }

        /**
         * Sets the timeout; the default is 2 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * Runs the check in the background on this interval; reads then return the latest result.
         *
         * @param interval a positive duration
         * @return this builder
         */
        public Builder refreshEvery(Duration interval) {
            this.refreshInterval = positive(interval, "interval");
            return this;
        }

        /**
         * Flap damping: the reported status turns worse only after {@code failureAttempts}
         * consecutive worse results, and better only after {@code successAttempts} better ones.
         *
         * @param failureAttempts at least 1
         * @param successAttempts at least 1
         * @return this builder
         */
        public Builder damping(int failureAttempts, int successAttempts) {
            if (failureAttempts < 1) {
                throw new IllegalArgumentException("failureAttempts must be at least 1, got " + failureAttempts);
            }
            if (successAttempts < 1) {
                throw new IllegalArgumentException("successAttempts must be at least 1, got " + successAttempts);
            }
            this.failureAttempts = failureAttempts;
            this.successAttempts = successAttempts;
            return this;
        }

        /**
         * The status assumed before any result, which damping then moves away from. Without it,
         * the first result is taken as it is.
         *
         * @param status the initial status
         * @return this builder
         */
        public Builder initialStatus(HealthStatus status) {
            this.initialStatus = Objects.requireNonNull(status, "status must not be null");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public CheckOptions build() {
            return new CheckOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            return dev.tradepulse.api.support.Checks.positive(d, name);
        }
    }
}
