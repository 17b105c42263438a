/**
 * TradePulse's Spring Boot auto-configuration: the runtime from {@code tradepulse.*} properties,
 * built on the application's {@code MeterRegistry} and closed with the context.
 */
@NullMarked
package dev.tradepulse.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
