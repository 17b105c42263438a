package dev.tradepulse.runtime.internal;

import dev.tradepulse.api.support.Failures;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.runtime.config.Secret;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one OTLP payload per call with the JDK client, on the OTLP registry's own publishing
 * thread: one deadline covers connecting, sending and the answer; a body is never kept (at most
 * {@link #MAX_BODY} bytes are read, then the connection is dropped); redirects are not followed.
 * It never throws: each outcome is counted, the last failure kept for the health check, and
 * failures logged at most once per {@link #LOG_INTERVAL}, without the headers.
 *
 * <p>Thread-safe: Micrometer calls {@link #send} from one thread at a time; {@link #closing} and
 * {@link #close} come from the closing thread.
 */
final class OtlpSender implements OtlpMetricsSender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tradepulse.runtime.otlp");

    /** The most of a collector's answer that is read; OTLP's partial-success answers are small. */
    static final int MAX_BODY = 64 * 1024;
    /** The least time between two log lines about failed pushes. */
    static final Duration LOG_INTERVAL = Duration.ofMinutes(5);

    private final URI url;
    private final Map<String, Secret> headers;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;
    private final LogThrottle failureLog = new LogThrottle(LOG_INTERVAL);
    private final LogThrottle recoveryLog = new LogThrottle(LOG_INTERVAL);
    private final AtomicReference<@Nullable CompletableFuture<?>> inFlight = new AtomicReference<>();

    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private final AtomicLong unloggedFailures = new AtomicLong();
    private volatile @Nullable String lastFailure;
    private volatile Duration budget;

    OtlpSender(OtlpSettings settings) {
        this.url = settings.url();
        this.headers = settings.headers();
        this.timeout = settings.timeout();
        this.budget = settings.timeout();
        this.executor = Executors.newCachedThreadPool(Threads.daemon("otlp-http"));
        this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void send(Request request) {
        Duration left = budget;
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(url).timeout(left)
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getMetricsData()));
            headers.forEach((name, value) -> r.header(name, value.reveal()));
            CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(r.build(), info -> new BoundedDiscard());
            inFlight.set(exchange);
            int status;
            try {
                status = exchange.get(left.toNanos(), TimeUnit.NANOSECONDS).statusCode();
            } finally {
                inFlight.set(null);
            }
            if (status >= 200 && status < 300) {
                succeeded();
            } else {
                failed("HTTP " + status);
            }
        } catch (TimeoutException e) {
            cancelInFlight();
            failed("no complete answer within " + left.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failed(cause instanceof HttpTimeoutException ? "no answer within " + left.toMillis() + " ms"
                    : cause.getClass().getSimpleName()); // only the type: a message may hold the address
        } catch (CancellationException e) {
            failed("cancelled at close");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed("interrupted");
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            failed(e.getClass().getSimpleName());
        }
    }

    private void succeeded() {
        successes.incrementAndGet();
        long streak = consecutiveFailures.getAndSet(0);
        lastFailure = null;
        if (streak > 0 && recoveryLog.tryAcquire(System.nanoTime())) {
            LOG.info("OTLP push to {} works again after {} failed pushes", url, streak);
        }
    }

    private void failed(String why) {
        failures.incrementAndGet();
        consecutiveFailures.incrementAndGet();
        lastFailure = why;
        long dropped = unloggedFailures.incrementAndGet();
        if (failureLog.tryAcquire(System.nanoTime())) {
            unloggedFailures.addAndGet(-dropped);
            LOG.warn("OTLP push to {} failed: {} ({} failed since the last such line, {} in a row; the values of those "
                    + "steps are lost, the next push carries the current ones)", url, LogText.clean(why, 200), dropped,
                    consecutiveFailures.get());
        }
    }

    /**
     * From now on each push has at most {@code closeBudget}; a push in flight gets that long to
     * finish, then is cancelled. For the closing flush, so that a hung collector cannot hold the
     * shutdown.
     */
    void closing(Duration closeBudget) {
        budget = closeBudget.compareTo(timeout) < 0 ? closeBudget : timeout;
        CompletableFuture<?> f = inFlight.get();
        if (f == null) {
            return;
        }
        try {
            f.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException | TimeoutException e) {
            // counted by the sending thread
        }
        cancelInFlight();
    }

    private void cancelInFlight() {
        CompletableFuture<?> f = inFlight.get();
        if (f != null) {
            f.cancel(true);
        }
    }

    /** Stops the client's threads; the closing flush must be over. Idempotent. */
    @Override
    public void close() {
        cancelInFlight();
        executor.shutdownNow();
    }

    long successes() {
        return successes.get();
    }

    long failures() {
        return failures.get();
    }

    long consecutiveFailures() {
        return consecutiveFailures.get();
    }

    @Nullable String lastFailure() {
        return lastFailure;
    }

    /** Reads at most {@link #MAX_BODY} bytes of an answer and keeps none; past that it hangs up. */
    private static final class BoundedDiscard implements HttpResponse.BodySubscriber<Void> {

        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private long seen;
        private Flow.@Nullable Subscription subscription;

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                seen += b.remaining();
            }
            Flow.Subscription s = subscription;
            if (seen > MAX_BODY && s != null) {
                s.cancel(); // closes the connection: the rest is never read
                done.complete(null);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
