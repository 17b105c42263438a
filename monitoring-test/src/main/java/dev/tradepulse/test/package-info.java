/**
 * The TradePulse test kit: a clock a test moves by hand and a sleeper that moves it. The
 * compatibility kits for the SPIs are in {@code dev.tradepulse.test.kit}.
 */
@NullMarked
package dev.tradepulse.test;

import org.jspecify.annotations.NullMarked;
