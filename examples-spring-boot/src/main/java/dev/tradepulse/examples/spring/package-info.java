/**
 * A small simulated trading bot on Spring Boot with the TradePulse starter: two strategies
 * declared in {@code application.yml}, a paper market with a scripted flash crash, a trading loop
 * that asks each strategy's pre-trade gate before every order, and a read-only REST view of the
 * strategies next to Actuator's health and Prometheus endpoints.
 */
@NullMarked
package dev.tradepulse.examples.spring;

import org.jspecify.annotations.NullMarked;
