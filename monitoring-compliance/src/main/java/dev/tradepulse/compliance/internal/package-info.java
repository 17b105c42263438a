/** Implementation details of {@code dev.tradepulse.compliance}; not an API. */
package dev.tradepulse.compliance.internal;
