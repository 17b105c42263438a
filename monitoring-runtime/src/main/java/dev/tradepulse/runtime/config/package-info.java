/**
 * Configuration: a YAML or properties file, environment variables and system properties, bound
 * by one documented rule to a schema of known keys. A typo is an error that names the key, where
 * it was written and the nearest known key; a bad value is an error that names the key, the value
 * (redacted if secret) and what is allowed; secrets come from the environment or a file and are
 * never printed.
 */
@NullMarked
package dev.tradepulse.runtime.config;

import org.jspecify.annotations.NullMarked;
