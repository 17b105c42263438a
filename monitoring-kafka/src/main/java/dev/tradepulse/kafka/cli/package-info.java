/** The {@code verify-kafka} command: {@link dev.tradepulse.kafka.cli.VerifyKafka}. */
@NullMarked
package dev.tradepulse.kafka.cli;

import org.jspecify.annotations.NullMarked;
