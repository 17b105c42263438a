package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.core.Fixtures.ExchangeClient;
import dev.tradepulse.core.Fixtures.Harness;
import dev.tradepulse.core.Fixtures.ScriptedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 100_000;

    @Test
    void eight_threads_of_100k_calls_through_one_proxy_give_exact_counts() throws Exception {
        try (Harness h = new Harness()) {
            ExchangeClient client = h.monitoring.instrument(ExchangeClient.class, new ScriptedExchange(h.clock));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        client.balance();
                        try {
                            client.cancel(i % 10 == 0 ? "" : "o");
                        } catch (java.io.IOException expected) {
                            // every tenth cancel fails by design; the counter must say so
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(e.getCause());
                }
            }
            pool.shutdown();

            assertThat(h.timerCount("exchange.balance", "outcome", "success")).isEqualTo(THREADS * CALLS);
            assertThat(h.counter("exchange.cancels", "result", "success")).isEqualTo(THREADS * CALLS * 9 / 10);
            assertThat(h.counter("exchange.cancels", "result", "failure")).isEqualTo(THREADS * CALLS / 10);
            assertThat(h.monitoring.instrumentationFailures()).isZero();
        }
    }
}
