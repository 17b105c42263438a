/** Implementation details of {@code dev.tradepulse.health}; not an API. */
package dev.tradepulse.health.internal;
