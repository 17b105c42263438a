package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.core.Fixtures.Harness;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Timed;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every misconfiguration fails at instrument(...) or build() time, naming the method and the problem. */
class FailFastTest {

    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    interface UnknownRetry {
        @Retry(name = "exchnage")
        String place();
    }

    @Test
    void an_unknown_retry_name_is_reported_with_the_method_and_the_known_names() {
        assertThatThrownBy(() -> h.monitoring.instrument(UnknownRetry.class, () -> "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnknownRetry.place: @Retry(name = \"exchnage\") names no retry; known: exchange");
    }

    interface UnknownBreaker {
        @CircuitBreaker(name = "venue")
        String place();
    }

    @Test
    void an_unknown_circuit_breaker_name_is_reported_with_the_method() {
        assertThatThrownBy(() -> h.monitoring.instrument(UnknownBreaker.class, () -> "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnknownBreaker.place: @CircuitBreaker(name = \"venue\") names no circuit breaker");
    }

    interface MissingFallback {
        @Retry(name = "exchange", fallbackMethod = "recover")
        String place(String symbol);
    }

    @Test
    void a_missing_fallback_method_is_reported_with_the_signature_it_needs() {
        assertThatThrownBy(() -> h.monitoring.instrument(MissingFallback.class, symbol -> "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MissingFallback.place: @Retry(fallbackMethod = \"recover\") needs "
                        + "recover(String, Throwable) returning String")
                .hasMessageContaining("but found no method of that name");
    }

    static class WrongFallback implements MissingFallback {
        @Override
        public String place(String symbol) {
            return symbol;
        }

        Integer recover(String symbol, Throwable t) {
            return 0;
        }
    }

    @Test
    void a_fallback_with_the_wrong_signature_is_reported_with_what_was_found() {
        assertThatThrownBy(() -> h.monitoring.instrument(MissingFallback.class, new WrongFallback()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but found only recover(String, Throwable) returning Integer");
    }

    static class FinalTimed {
        @Timed("final.method")
        public final String place() {
            return "x";
        }
    }

    @Test
    void timed_on_a_final_method_of_a_class_proxy_is_reported() {
        assertThatThrownBy(() -> h.monitoring.instrument(FinalTimed.class, new FinalTimed()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FinalTimed.place is final, so the proxy cannot intercept it and its @Timed "
                        + "would never apply");
    }

    interface Api {
        String place();
    }

    static class ImplWithExtra implements Api {
        @Override
        public String place() {
            return "x";
        }

        @Timed("not.reachable")
        public String helper() {
            return "y";
        }
    }

    @Test
    void timed_on_an_implementation_method_the_interface_does_not_declare_is_reported() {
        assertThatThrownBy(() -> h.monitoring.instrument(Api.class, new ImplWithExtra()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ImplWithExtra.helper is annotated @Timed but Api does not declare it");
    }

    static final class Sealed {
    }

    @Test
    void a_final_class_is_reported_with_the_way_out() {
        assertThatThrownBy(() -> h.monitoring.instrument(Sealed.class, new Sealed()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it is final")
                .hasMessageContaining("instrument an interface");
    }

    interface CustomStage {
        @Timed("custom.stage")
        MyStage place();
    }

    interface MyStage extends CompletionStage<String> {
    }

    @Test
    void an_unsupported_asynchronous_return_type_is_reported() {
        assertThatThrownBy(() -> h.monitoring.instrument(CustomStage.class, () -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CustomStage.place returns " + MyStage.class.getName());
    }

    interface OddTags {
        @Timed(value = "odd", extraTags = {"venue"})
        String place();
    }

    @Test
    void extra_tags_that_are_not_pairs_are_reported() {
        assertThatThrownBy(() -> h.monitoring.instrument(OddTags.class, () -> "x"))
                .hasMessageContaining("OddTags.place: @Timed extraTags must be key/value pairs, got 1 strings");
    }

    @Test
    void all_problems_are_reported_together() {
        interface Both {
            @Retry(name = "nope")
            @CircuitBreaker(name = "nada")
            String place();
        }
        assertThatThrownBy(() -> h.monitoring.instrument(Both.class, () -> "x"))
                .hasMessageContaining("names no retry")
                .hasMessageContaining("names no circuit breaker");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void a_target_of_the_wrong_type_is_rejected() {
        assertThatThrownBy(() -> h.monitoring.instrument((Class) Api.class, "not an api"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target must be an instance of " + Api.class.getName() + ", but is a java.lang.String");
    }

    @Test
    void null_and_blank_arguments_are_rejected_naming_the_parameter() {
        assertThatThrownBy(() -> h.monitoring.instrument(null, "x")).hasMessage("type must not be null");
        assertThatThrownBy(() -> h.monitoring.instrument(Api.class, null)).hasMessage("target must not be null");
        assertThatThrownBy(() -> h.monitoring.timer(" ")).hasMessage("name must not be blank");
        assertThatThrownBy(() -> h.monitoring.timer(null)).hasMessage("name must not be null");
        assertThatThrownBy(() -> h.monitoring.decoration("")).hasMessage("operation must not be blank");
        assertThatThrownBy(() -> h.monitoring.timer("t").tag("", "v")).hasMessage("key must not be blank");
        assertThatThrownBy(() -> h.monitoring.timer("t").slowCallThreshold(Duration.ZERO))
                .hasMessage("threshold must be positive, but was PT0S");
        assertThatThrownBy(() -> h.monitoring.timer("t").publishPercentiles(1.5))
                .hasMessage("percentiles must each lie in [0, 1], got 1.5");
        assertThatThrownBy(() -> Monitoring.builder().retry(" ")).hasMessage("name must not be blank");
        assertThatThrownBy(() -> Monitoring.builder().circuitBreaker("cb", null)).hasMessage("config must not be null");
        assertThatThrownBy(() -> Monitoring.builder().meterRegistry(null)).hasMessage("registry must not be null");
        assertThatThrownBy(() -> h.monitoring.addListener(null)).hasMessage("listener must not be null");
    }

    @Test
    void a_decoration_naming_an_unknown_retry_fails_at_build() {
        assertThatThrownBy(() -> h.monitoring.decoration("placeOrder").retry("missing").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decoration 'placeOrder': no retry named 'missing'");
        assertThatThrownBy(() -> h.monitoring.decoration("placeOrder").circuitBreaker("missing").build())
                .hasMessageContaining("no circuit breaker named 'missing'");
    }
}
