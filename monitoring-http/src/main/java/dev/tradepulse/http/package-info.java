/**
 * The HTTP surface on embedded Jetty: {@code /health}, {@code /metrics}, the status page
 * ({@code /}, {@code /status}, {@code /events}) and routes of your own on the same port. Start
 * from {@link dev.tradepulse.http.HealthServer#builder}; settings live in
 * {@link dev.tradepulse.http.HealthServerConfig}; mount handlers with {@link dev.tradepulse.http.Route}.
 */
@NullMarked
package dev.tradepulse.http;

import org.jspecify.annotations.NullMarked;
