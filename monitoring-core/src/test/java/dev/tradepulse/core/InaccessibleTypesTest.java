package dev.tradepulse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A JDK proxy that could not name a return type is refused at instrument(), not at the first call. */
class InaccessibleTypesTest {

    private final Monitoring monitoring = Monitoring.ofDefaults();

    @AfterEach
    void close() {
        monitoring.close();
    }

    /** Package-private: a proxy outside this package cannot name it. */
    static final class Ticket {
        final String id;

        Ticket(String id) {
            this.id = id;
        }
    }

    /** Public, so its proxy lives in a package of its own, yet it returns package-private types. */
    public interface TicketDesk {
        Ticket open(String symbol);

        Ticket[] all();

        String ping();
    }

    /** Takes the hidden type but never returns it: the proxy passes arguments untyped. */
    public interface TicketSink {
        String close(Ticket ticket);
    }

    /** Package-private too, so its proxy is defined in this package and may name Ticket. */
    interface LocalDesk {
        Ticket open(String symbol);

        List<Ticket> recent();
    }

    static final class Desk implements TicketDesk, TicketSink, LocalDesk {
        @Override
        public Ticket open(String symbol) {
            return new Ticket(symbol);
        }

        @Override
        public Ticket[] all() {
            return new Ticket[] {new Ticket("BTC")};
        }

        @Override
        public List<Ticket> recent() {
            return List.of(new Ticket("ETH"));
        }

        @Override
        public String ping() {
            return "pong";
        }

        @Override
        public String close(Ticket ticket) {
            return "closed " + ticket.id;
        }
    }

    @Test
    void a_public_interface_returning_a_package_private_type_fails_at_instrument_naming_the_type_and_methods() {
        assertThatThrownBy(() -> monitoring.instrument(TicketDesk.class, new Desk()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot instrument " + TicketDesk.class.getName())
                .hasMessageContaining("TicketDesk.open returns " + Ticket.class.getTypeName())
                .hasMessageContaining("TicketDesk.all returns " + Ticket.class.getTypeName() + "[]")
                .hasMessageContaining(Ticket.class.getName() + " is not public")
                .hasMessageNotContaining("ping");
    }

    @Test
    void a_hidden_type_that_is_only_passed_in_works_through_the_proxy() {
        TicketSink sink = monitoring.instrument(TicketSink.class, new Desk());

        assertThat(sink.close(new Ticket("ETH"))).isEqualTo("closed ETH");
    }

    @Test
    void a_package_private_interface_may_return_types_of_its_own_package() {
        LocalDesk desk = monitoring.instrument(LocalDesk.class, new Desk());

        assertThat(desk.open("BTC").id).isEqualTo("BTC");
        assertThat(desk.recent()).hasSize(1);
    }
}
