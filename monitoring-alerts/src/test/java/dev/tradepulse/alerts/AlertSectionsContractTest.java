package dev.tradepulse.alerts;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.test.kit.StatusSectionCompatibilityKit;
import dev.tradepulse.test.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The active-alerts section keeps the status-section contract of monitoring-test's kit. */
class AlertSectionsContractTest extends StatusSectionCompatibilityKit {

    private final AlertDispatcher dispatcher = AlertDispatcher.builder().clock(MutableClock.start()).sleeper(d -> { })
            .sink(new CollectingSink()).build();

    @AfterEach
    void close() {
        dispatcher.close(Duration.ofSeconds(5));
    }

    @Override
    protected StatusSection createSection() {
        dispatcher.fire(Alert.builder("feed-lag", Severity.HIGH, "feed lag on account acct-7781").build());
        dispatcher.fire(Alert.builder("daily-loss", Severity.CRITICAL, "daily loss -15.2% on acct-7781").build());
        return AlertSections.active(dispatcher);
    }

    @Override
    protected List<String> detailsOnly() {
        return List.of("acct-7781", "feed-lag", "daily-loss");
    }
}
