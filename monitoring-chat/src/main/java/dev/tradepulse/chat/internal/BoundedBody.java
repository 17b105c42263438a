package dev.tradepulse.chat.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A response body reader that keeps at most {@code limit} bytes. Once it has them it cancels the
 * subscription, which closes the connection, so the rest of a huge or endless body is neither
 * buffered nor read. One instance per response; thread-safe as the HTTP client uses it (its
 * signals come in order, {@link #cancel()} may come from any thread).
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Bytes> {

    /**
     * What was kept of a body, and whether it was cut.
     *
     * @param data the bytes kept
     * @param truncated whether the body was longer
     */
    public record Bytes(byte[] data, boolean truncated) {
    }

    private final int limit;
    private final CompletableFuture<Bytes> result = new CompletableFuture<>();
    private byte[] kept = new byte[256];
    private int size;
    private volatile Flow.@Nullable Subscription subscription;

    /**
     * @param limit the most bytes kept, at least 1
     */
    public BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<Bytes> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel(); // abandoned before the body started
        } else {
            s.request(Long.MAX_VALUE); // nothing is buffered beyond the limit, so no back-pressure is needed
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            int take = Math.min(b.remaining(), limit - size);
            if (take > 0) {
                if (size + take > kept.length) {
                    kept = Arrays.copyOf(kept, Math.min(limit, Math.max(kept.length * 2, size + take)));
                }
                b.get(kept, size, take);
                size += take;
            }
            if (b.hasRemaining()) {
                // Over the limit: keep what we have and hang up instead of reading the rest.
                result.complete(new Bytes(Arrays.copyOf(kept, size), true));
                Flow.Subscription sub = subscription;
                if (sub != null) {
                    sub.cancel();
                }
                return;
            }
        }
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(new Bytes(Arrays.copyOf(kept, size), false));
    }

    /** Gives up on the body (the exchange's deadline passed): closes the connection. */
    public void cancel() {
        result.completeExceptionally(new CancellationException("deadline passed"));
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
