package dev.tradepulse.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tradepulse.runtime.internal.Lifecycle.Stage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A careless {@code shutdown.deadline} (the config allows {@code 999999999d}) must not cost the shutdown. */
class LifecycleHugeDeadlineTest {

    @Test
    void aDeadlineTooLongForNanosecondsStillClosesEveryPartAndDoesNotThrow() {
        List<String> closed = new CopyOnWriteArrayList<>();
        Lifecycle life = new Lifecycle(Duration.ofDays(999_999_999));
        life.onClose("the journal", Stage.JOURNAL, () -> closed.add("journal"));
        life.onClose("the server", Stage.SERVER, () -> closed.add("server"));
        life.onClose("the scheduler", Stage.SCHEDULERS, () -> closed.add("scheduler"));

        assertThatCode(life::close).doesNotThrowAnyException();

        assertThat(closed).containsExactly("scheduler", "journal", "server");
    }

    @Test
    void theLongestDurationThereIsAsADeadlineStillClosesEveryPartAndASecondCloseReturns() {
        List<String> closed = new CopyOnWriteArrayList<>();
        Lifecycle life = new Lifecycle(Duration.ofSeconds(Long.MAX_VALUE));
        life.onClose("the journal", Stage.JOURNAL, () -> closed.add("journal"));

        assertThatCode(life::close).doesNotThrowAnyException();
        assertThatCode(life::close).doesNotThrowAnyException();

        assertThat(closed).containsExactly("journal");
    }
}
