/**
 * Micrometer's {@code @Timed} and {@code @Counted} and resilience4j's {@code @Retry} and
 * {@code @CircuitBreaker} on Spring beans, applied by TradePulse's precomputed chains through
 * Spring AOP, with a back-off per annotation when Micrometer's or resilience4j's own aspects are
 * present.
 */
@NullMarked
package dev.tradepulse.spring.boot.autoconfigure.aop;

import org.jspecify.annotations.NullMarked;
