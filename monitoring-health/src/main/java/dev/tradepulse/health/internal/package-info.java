/** Implementation details of {@code dev.tradepulse.health}; not an API. */
@NullMarked
package dev.tradepulse.health.internal;

import org.jspecify.annotations.NullMarked;
