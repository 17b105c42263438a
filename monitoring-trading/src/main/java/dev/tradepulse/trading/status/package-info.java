/** Status-page sections and scheduled-report sections for trading and the audit trail. */
@NullMarked
package dev.tradepulse.trading.status;

import org.jspecify.annotations.NullMarked;
