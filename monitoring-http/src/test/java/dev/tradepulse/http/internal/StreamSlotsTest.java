package dev.tradepulse.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamSlotsTest {

    @Test
    void anonymous_clients_hold_at_most_their_share_and_the_rest_stay_for_authenticated_ones() {
        StreamSlots slots = new StreamSlots(8, StreamSlots.defaultAnonymousMax(8));

        for (int i = 0; i < 4; i++) {
            assertThat(slots.acquire(false)).isNotNull();
        }
        assertThat(slots.acquire(false)).isNull();
        for (int i = 0; i < 4; i++) {
            assertThat(slots.acquire(true)).isNotNull();
        }
        assertThat(slots.acquire(true)).isNull();
        assertThat(slots.inUse()).isEqualTo(8);
        assertThat(slots.anonymousInUse()).isEqualTo(4);
    }

    @Test
    void authenticated_clients_may_take_every_slot_and_then_anonymous_ones_are_refused() {
        StreamSlots slots = new StreamSlots(2, 1);

        assertThat(slots.acquire(true)).isNotNull();
        assertThat(slots.acquire(true)).isNotNull();

        assertThat(slots.acquire(false)).isNull();
    }

    @Test
    void releasing_twice_frees_one_slot_only() {
        StreamSlots slots = new StreamSlots(2, 2);
        StreamSlots.Slot a = slots.acquire(false);
        slots.acquire(false);

        a.release();
        a.release();
        a.close();

        assertThat(slots.inUse()).isEqualTo(1);
        assertThat(slots.acquire(false)).isNotNull();
        assertThat(slots.acquire(false)).isNull();
    }

    @Test
    void a_pool_of_one_still_serves_an_anonymous_client() {
        assertThat(StreamSlots.defaultAnonymousMax(1)).isEqualTo(1);
        assertThat(StreamSlots.defaultAnonymousMax(8)).isEqualTo(4);
        assertThat(StreamSlots.defaultAnonymousMax(9)).isEqualTo(5);
    }

    @Test
    void bad_sizes_are_refused_naming_the_parameter() {
        assertThatThrownBy(() -> new StreamSlots(0, 0)).hasMessageStartingWith("total must be");
        assertThatThrownBy(() -> new StreamSlots(2, 3)).hasMessageStartingWith("anonymousMax must be");
    }
}
