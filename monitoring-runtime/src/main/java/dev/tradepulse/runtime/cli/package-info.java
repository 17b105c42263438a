/** The operator's command line: backups and restores (and, with the runtime, {@code config check}). */
@NullMarked
package dev.tradepulse.runtime.cli;

import org.jspecify.annotations.NullMarked;
