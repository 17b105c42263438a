/**
 * The status page's section SPI: a module contributes a {@link dev.tradepulse.api.status.StatusSection}
 * that describes what it knows as a {@link dev.tradepulse.api.status.StatusView}, and the page
 * renders it. Sections describe data, never HTML, so nothing a user typed is ever interpreted.
 */
@NullMarked
package dev.tradepulse.api.status;

import org.jspecify.annotations.NullMarked;
