package dev.tradepulse.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The shipper's window of batches in flight. Kafka acknowledges one partition's batches in order, so a real
 * broker cannot be made to acknowledge batch k+1 before batch k; these tests drive the same callback the
 * producer calls ({@link AckWindow.Batch#acknowledge(Exception)}) in the orders a broker never would.
 */
class AckWindowTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static AckWindow.Position end(long seq) {
        return new AckWindow.Position(seq, 1, seq * 100);
    }

    private static void ackAll(AckWindow.Batch batch, int records) {
        for (int i = 0; i < records; i++) {
            batch.acknowledge(null);
        }
    }

    @Test
    void an_acknowledgement_of_a_later_batch_does_not_move_the_position_past_an_earlier_one_still_waiting() {
        AckWindow window = new AckWindow(4, 1 << 20);
        AckWindow.Batch first = window.open(end(10), 10, 1000, T0);
        AckWindow.Batch second = window.open(end(20), 10, 1000, T0);
        AckWindow.Batch third = window.open(end(30), 10, 1000, T0);

        ackAll(third, 10);
        ackAll(second, 10);
        assertThat(window.takeAcknowledged()).isNull();

        ackAll(first, 9);
        assertThat(window.takeAcknowledged()).isNull();

        first.acknowledge(null);
        assertThat(window.takeAcknowledged()).isEqualTo(new AckWindow.Taken(end(30), 30));
        assertThat(window.isEmpty()).isTrue();
    }

    @Test
    void the_position_advances_only_over_the_acknowledged_run_from_the_oldest_batch() {
        AckWindow window = new AckWindow(4, 1 << 20);
        AckWindow.Batch first = window.open(end(10), 2, 1000, T0);
        AckWindow.Batch second = window.open(end(20), 2, 1000, T0);
        AckWindow.Batch third = window.open(end(30), 2, 1000, T0);

        ackAll(first, 2);
        ackAll(third, 2);
        assertThat(window.takeAcknowledged()).isEqualTo(new AckWindow.Taken(end(10), 2));
        assertThat(window.takeAcknowledged()).isNull();

        ackAll(second, 2);
        assertThat(window.takeAcknowledged()).isEqualTo(new AckWindow.Taken(end(30), 4));
    }

    @Test
    void a_failed_batch_stops_the_position_before_it_even_when_later_batches_were_acknowledged() {
        AckWindow window = new AckWindow(4, 1 << 20);
        AckWindow.Batch first = window.open(end(10), 1, 100, T0);
        AckWindow.Batch second = window.open(end(20), 2, 100, T0);
        AckWindow.Batch third = window.open(end(30), 1, 100, T0);
        IOException broker = new IOException("not enough replicas");

        ackAll(third, 1);
        second.acknowledge(null);
        second.acknowledge(broker);
        ackAll(first, 1);

        assertThat(window.failure()).isSameAs(broker);
        assertThat(window.takeAcknowledged()).isEqualTo(new AckWindow.Taken(end(10), 1));
        assertThat(window.takeAcknowledged()).isNull();
    }

    @Test
    void acknowledgements_of_batches_forgotten_by_a_rewind_change_nothing() {
        AckWindow window = new AckWindow(4, 1 << 20);
        AckWindow.Batch old = window.open(end(10), 1, 100, T0);
        old.acknowledge(new IOException("timed out"));
        window.clear();
        assertThat(window.failure()).isNull();

        AckWindow.Batch resent = window.open(end(10), 1, 100, T0);
        old.acknowledge(null);
        assertThat(window.takeAcknowledged()).isNull();
        resent.acknowledge(null);
        assertThat(window.takeAcknowledged()).isEqualTo(new AckWindow.Taken(end(10), 1));
    }

    @Test
    void the_window_is_full_at_its_batch_or_byte_bound_but_always_takes_one_batch() {
        AckWindow byCount = new AckWindow(2, 1 << 20);
        assertThat(byCount.full()).isFalse();
        byCount.open(end(1), 1, 10, T0);
        assertThat(byCount.full()).isFalse();
        byCount.open(end(2), 1, 10, T0);
        assertThat(byCount.full()).isTrue();

        AckWindow byBytes = new AckWindow(8, 1000);
        AckWindow.Batch big = byBytes.open(end(1), 1, 5000, T0);
        assertThat(byBytes.full()).isTrue();
        big.acknowledge(null);
        byBytes.takeAcknowledged();
        assertThat(byBytes.full()).isFalse();
        assertThat(byBytes.oldestSentAt()).isNull();
    }

    @Test
    void a_batch_of_no_records_is_acknowledged_once_the_batches_before_it_are() {
        AckWindow window = new AckWindow(4, 1 << 20);
        AckWindow.Batch lines = window.open(end(10), 1, 100, T0);
        window.open(new AckWindow.Position(10, 2, 0), 0, 0, T0); // the closed file shipped whole
        assertThat(window.takeAcknowledged()).isNull();
        lines.acknowledge(null);
        assertThat(window.takeAcknowledged()).isEqualTo(new AckWindow.Taken(new AckWindow.Position(10, 2, 0), 1));
    }

    @Test
    void a_window_needs_at_least_one_batch_and_one_byte() {
        assertThatThrownBy(() -> new AckWindow(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBatches");
        assertThatThrownBy(() -> new AckWindow(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes");
    }
}
