/**
 * TradePulse's status page on the application's own web server ({@code tradepulse.status.on=application}),
 * or on TradePulse's own port ({@code own-port}).
 */
@NullMarked
package dev.tradepulse.spring.boot.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
