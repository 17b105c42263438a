package dev.tradepulse.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The producer settings a shipper starts from (no broker needed). */
class ProducerSettingsTest {

    @Test
    void a_shipper_batches_a_mebibyte_per_partition_unless_told_otherwise() {
        assertThat(DefaultJournalShipper.producerConfig(JournalShipperConfig.ofDefaults()))
                .containsEntry("batch.size", 1 << 20).containsEntry("compression.type", "lz4")
                .containsEntry("acks", "all").containsEntry("enable.idempotence", true);
        assertThat(DefaultJournalShipper.producerConfig(JournalShipperConfig.custom()
                .producerProperty("batch.size", 65_536).build())).containsEntry("batch.size", 65_536);
    }
}
