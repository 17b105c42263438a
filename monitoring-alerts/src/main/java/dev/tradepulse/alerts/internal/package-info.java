/** Implementation details of {@code dev.tradepulse.alerts}; not an API. */
@NullMarked
package dev.tradepulse.alerts.internal;

import org.jspecify.annotations.NullMarked;
