/**
 * The {@code audit} command line: verifies and reads journals from a shell.
 */
package dev.tradepulse.compliance.cli;
