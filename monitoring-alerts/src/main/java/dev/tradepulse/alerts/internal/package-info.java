/** Implementation details of {@code dev.tradepulse.alerts}; not an API. */
package dev.tradepulse.alerts.internal;
