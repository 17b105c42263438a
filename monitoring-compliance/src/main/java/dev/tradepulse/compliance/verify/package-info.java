/** Verifying a journal and exporting it for auditors; also the engine behind the CLI. */
package dev.tradepulse.compliance.verify;
