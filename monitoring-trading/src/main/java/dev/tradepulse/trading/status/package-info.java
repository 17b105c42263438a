/** Status-page sections and scheduled-report sections for trading and the audit trail. */
package dev.tradepulse.trading.status;
