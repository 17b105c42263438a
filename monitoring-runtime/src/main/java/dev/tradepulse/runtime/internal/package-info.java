/** The runtime's implementation: lifecycle ordering and the wiring behind the facade. */
@NullMarked
package dev.tradepulse.runtime.internal;

import org.jspecify.annotations.NullMarked;
