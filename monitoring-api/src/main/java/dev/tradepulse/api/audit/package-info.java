/**
 * The audit journal's SPIs: checkpoint {@link dev.tradepulse.api.audit.Signer}s and
 * {@link dev.tradepulse.api.audit.SignatureVerifier}s, and {@link dev.tradepulse.api.audit.Witness}es
 * that keep the latest head outside the journal. Built-ins live in {@code monitoring-compliance}.
 */
@NullMarked
package dev.tradepulse.api.audit;

import org.jspecify.annotations.NullMarked;
