package dev.tradepulse.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * The only class that names Micrometer's Prometheus registry (an optional dependency), so the
 * rest of the module loads without it.
 */
final class PrometheusScrape {

    private PrometheusScrape() {
    }

    static Supplier<String> of(PrometheusMeterRegistry registry) {
        return registry::scrape;
    }
}
