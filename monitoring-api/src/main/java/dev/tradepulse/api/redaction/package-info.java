/**
 * Redaction of secrets in monitoring output, shared by the audit journal and health checks.
 * Start with {@link dev.tradepulse.api.redaction.Redaction#defaults()}. Nothing in this package
 * returns {@code null}; a {@code null} argument is rejected with a
 * {@link java.lang.NullPointerException} naming it.
 */
@NullMarked
package dev.tradepulse.api.redaction;

import org.jspecify.annotations.NullMarked;
