package dev.tradepulse.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.test.kit.LoopbackServer;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the README's fleet block against two loopback "Alertmanagers". */
class FleetExamplesTest {

    @Test
    void a_fleet_bots_alert_reaches_every_member_named_by_its_bot_and_exchange() throws Exception {
        try (LoopbackServer one = new LoopbackServer(); LoopbackServer two = new LoopbackServer()) {
            AlertDispatcher alerts = FleetExamples.fleetAlerts(List.of(one.uri("/"), two.uri("/")),
                    HttpClient.newHttpClient());
            try {
                alerts.fire(Alert.builder("circuit-breaker-open:exchange", Severity.HIGH,
                        "Circuit breaker 'exchange' opened").build());
                for (LoopbackServer member : List.of(one, two)) {
                    JsonNode labels = new ObjectMapper().readTree(member.take().body()).get(0).get("labels");
                    assertThat(labels.get("bot").asText()).isEqualTo("bot-eu-1");
                    assertThat(labels.get("exchange").asText()).isEqualTo("binance");
                    assertThat(labels.get("alertname").asText()).isEqualTo("circuit-breaker-open");
                }
            } finally {
                alerts.close();
            }
        }
    }
}
