/**
 * Implementation details of {@code dev.tradepulse.core}. Not an API: anything here may change
 * in any release.
 */
package dev.tradepulse.core.internal;
