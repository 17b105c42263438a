/**
 * The TradePulse test kit: compatibility kits for the SPIs and a clock a test can move.
 */
package dev.tradepulse.test;
