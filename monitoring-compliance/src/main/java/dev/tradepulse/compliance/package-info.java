/**
 * The compliance journal: {@link dev.tradepulse.compliance.ComplianceLogger} writes every audit
 * event to append-only, hash-chained JSON Lines with signed checkpoints, crash-safe and failing
 * closed. {@link dev.tradepulse.compliance.verify} checks a journal and exports it for auditors.
 * The format is specified in {@code docs/compliance-format.md}.
 */
package dev.tradepulse.compliance;
