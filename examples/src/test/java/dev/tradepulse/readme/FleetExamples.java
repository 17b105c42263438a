package dev.tradepulse.readme;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.sinks.AlertmanagerSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;

/**
 * The README's "A fleet of bots" block, compiled by the build and run by {@link FleetExamplesTest}.
 * A region between "snippet: NAME" and "end snippet" comments is copied into the README verbatim.
 */
public final class FleetExamples {

    private FleetExamples() {
    }

    /** One bot of the fleet: its alerts go to every member of the Alertmanager cluster. */
    static AlertDispatcher fleetAlerts(List<URI> members, HttpClient http) {
        // snippet: fleet-alertmanager
        // members: every Alertmanager of the cluster (http://am-1:9093, http://am-2:9093, ...), never a balancer
        AlertmanagerSink alertmanager = AlertmanagerSink.builder(members, URI.create("http://bot-eu-1:8080/"), http)
            .label("bot", "bot-eu-1")      // this bot's name in the fleet, as in Prometheus's bots.yml
            .label("exchange", "binance")  // what the fleet's inhibition compares
            .build();                      // live: re-sends firing alerts every minute until closed
        AlertDispatcher alerts = AlertDispatcher.builder()
            .sink(alertmanager)
            .defaultSinks(alertmanager.name())
            .build();
        // alertmanager.endpoints(): per member, posts accepted and failed, and whether it took the last one
        // end snippet
        return alerts;
    }
}
