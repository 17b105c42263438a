/** The operator's command line: backups and restores (and, with the runtime, {@code config check}). */
package dev.tradepulse.runtime.cli;
