/**
 * Threshold rules: conditions over Micrometer meters and health, each with a {@code for}
 * duration, evaluated on a schedule by a {@link dev.tradepulse.alerts.rules.RuleEngine} that
 * fires and resolves alerts through an {@link dev.tradepulse.alerts.AlertDispatcher}.
 */
@NullMarked
package dev.tradepulse.alerts.rules;

import org.jspecify.annotations.NullMarked;
