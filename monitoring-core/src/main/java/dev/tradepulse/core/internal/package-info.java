/**
 * Implementation details of {@code dev.tradepulse.core}. Not an API: anything here may change
 * in any release.
 */
@NullMarked
package dev.tradepulse.core.internal;

import org.jspecify.annotations.NullMarked;
