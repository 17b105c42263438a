package dev.tradepulse.alerts.internal;

import dev.tradepulse.alerts.Route;
import dev.tradepulse.api.alert.Alert;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routing: which lanes an alert goes to. Each distinct set of matching routes is resolved to
 * lanes once and cached. Thread-safe.
 */
final class Router {

    private final List<Route> routes;
    private final List<String> defaultSinks;
    private final Map<String, Lane> lanes;
    /** Every lane, or the default sinks' lanes: the answer when there are no routes. */
    private final List<Lane> defaultLanes;
    private final Map<Set<String>, List<Lane>> routed = new ConcurrentHashMap<>();

    /**
     * @param routes the routes
     * @param defaultSinks where unmatched alerts go; empty means every lane
     * @param lanes the routed lanes by sink name, every name already checked
     */
    Router(List<Route> routes, List<String> defaultSinks, Map<String, Lane> lanes) {
        this.routes = List.copyOf(routes);
        this.lanes = lanes;
        this.defaultSinks = defaultSinks.isEmpty() ? List.copyOf(lanes.keySet()) : List.copyOf(defaultSinks);
        this.defaultLanes = this.defaultSinks.stream().map(lanes::get).toList();
    }

    List<Lane> lanesFor(Alert alert) {
        if (routes.isEmpty()) {
            return defaultLanes;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(alert)) {
                names.addAll(route.sinks());
            }
        }
        if (names.isEmpty()) {
            names.addAll(defaultSinks);
        }
        return routed.computeIfAbsent(names, n -> {
            List<Lane> list = new ArrayList<>();
            n.forEach(name -> list.add(lanes.get(name)));
            return List.copyOf(list);
        });
    }

    /** The lanes of these sinks, as an escalation tier names them. */
    List<Lane> lanesNamed(List<String> sinks) {
        return sinks.stream().map(lanes::get).toList();
    }
}
