/**
 * State that survives a restart: a {@link dev.tradepulse.api.state.StateStore} keeps small records
 * (a kill switch's halt, today's loss budget) written atomically and durably, and says plainly when
 * what it reads back is absent, damaged or unreadable, so the caller can start in its safe state.
 */
@NullMarked
package dev.tradepulse.api.state;

import org.jspecify.annotations.NullMarked;
