/** The runtime's implementation: lifecycle ordering and the wiring behind the facade. */
package dev.tradepulse.runtime.internal;
