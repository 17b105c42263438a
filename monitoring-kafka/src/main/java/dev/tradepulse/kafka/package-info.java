/**
 * The fleet path for the audit journal: {@link dev.tradepulse.kafka.JournalShipper} ships every
 * line of a journal directory to a Kafka topic, and {@link dev.tradepulse.kafka.KafkaJournalVerifier}
 * re-verifies every instance's chain from the topic.
 */
@NullMarked
package dev.tradepulse.kafka;

import org.jspecify.annotations.NullMarked;
