/**
 * Witnesses: places outside the journal directory that keep each checkpoint's head, so that a
 * journal cut back to an earlier point is caught ({@code verify --witness}).
 */
package dev.tradepulse.compliance.witness;
