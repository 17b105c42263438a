package dev.tradepulse.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void a_shipper_sends_four_batches_or_16_mib_ahead_unless_told_otherwise() {
        JournalShipperConfig defaults = JournalShipperConfig.ofDefaults();
        assertThat(defaults.maxBatchesInFlight()).isEqualTo(4);
        assertThat(defaults.maxBytesInFlight()).isEqualTo(16L << 20);
        JournalShipperConfig one = JournalShipperConfig.custom().inFlight(1, 1 << 20).build();
        assertThat(JournalShipperConfig.from(one).build()).isEqualTo(one).isNotEqualTo(defaults);
        assertThat(one.toString()).contains("maxBatchesInFlight=1", "maxBytesInFlight=1048576");
        assertThatThrownBy(() -> JournalShipperConfig.custom().inFlight(0, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batches");
        assertThatThrownBy(() -> JournalShipperConfig.custom().inFlight(4, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
    }
}
