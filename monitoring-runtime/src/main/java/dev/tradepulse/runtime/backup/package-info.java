/**
 * Backups an operator can trust: the journal (verified before and after), the state store, the
 * configuration and the bot's SQLite files, with a manifest of SHA-256 sums, kept by a retention
 * policy, and restored only after they verify.
 */
@NullMarked
package dev.tradepulse.runtime.backup;

import org.jspecify.annotations.NullMarked;
