package dev.tradepulse.alerts.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Alertmanagers (Debian's {@code prometheus-alertmanager}) clustered by gossip on loopback,
 * one {@link AlertmanagerSink} posting to both, and a webhook receiver in the test that records every
 * notification. Skips loudly without the binary (fails with {@code REQUIRE_TEST_BINARIES}).
 *
 * <p>The cluster's timers are shortened (gossip every 50 ms, peer timeout 2 s) so the whole story
 * takes about 15 seconds. Nothing waits by sleeping: each step polls what Alertmanager itself
 * reports (its cluster status, its notification-log gossip counter) or what the receiver got.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertmanagerHaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern PROPAGATED =
            Pattern.compile("(?m)^alertmanager_nflog_gossip_messages_propagated_total (\\S+)$");

    @TempDir
    static Path dir;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<Received> notifications = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static Path binary;
    private static Member one;
    private static Member two;

    /** One webhook call: which Alertmanager sent it and the keys of its alerts. */
    record Received(String sender, String status, List<String> keys) {
    }

    @BeforeAll
    static void start() throws Exception {
        binary = AlertmanagerBinary.require("Alertmanager HA test");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/notify", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                List<String> keys = new ArrayList<>();
                body.get("alerts").forEach(a -> keys.add(a.at("/labels/key").asText()));
                String sender = body.get("externalURL").asText().replaceAll("/+$", "");
                notifications.add(new Received(sender, body.get("status").asText(), keys));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        Path config = dir.resolve("alertmanager.yml");
        // One group per alert, notified once (repeat_interval far away), no resolve notifications.
        Files.writeString(config, """
                route:
                  receiver: recorder
                  group_by: [key]
                  group_wait: 500ms
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: recorder
                    webhook_configs:
                      - url: http://127.0.0.1:%d/notify
                        send_resolved: false
                """.formatted(receiver.getAddress().getPort()));
        int[] cluster = {freePort(), freePort()};
        one = new Member("one", config, freePort(), cluster[0], cluster[1]);
        two = new Member("two", config, freePort(), cluster[1], cluster[0]);
        one.start();
        two.start();
    }

    @AfterAll
    static void stop() {
        for (Member m : new Member[] {one, two}) {
            if (m != null) {
                m.kill();
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void the_receiver_gets_every_notification_exactly_once_while_a_member_dies_and_comes_back() throws Exception {
        awaitCluster(one, two);
        AlertmanagerSink sink = AlertmanagerSink.builder(List.of(one.base(), two.base()),
                URI.create("http://127.0.0.1:8080/"), HTTP).resendEvery(Duration.ofMillis(500)).build();
        try {
            // Both up: one member notifies, the other sees the notification log and stays quiet.
            fire(sink, 1, 4);
            awaitKeys(4);
            List<String> senders = notifications.stream().map(Received::sender).distinct().toList();
            assertThat(senders).hasSize(1).containsAnyOf(one.externalUrl(), two.externalUrl());
            Member primary = senders.get(0).equals(one.externalUrl()) ? one : two;
            Member survivor = primary == one ? two : one;
            // The survivor holds an entry for each group sent: only then is it safe to kill the sender
            // (a notification in flight at the kill may be sent twice: Alertmanager HA is at-least-once).
            await().atMost(Duration.ofSeconds(10)).until(() -> propagated(survivor) >= 4);

            // Kill the member that notifies while those alerts are firing (the sink re-sends them every
            // 500 ms), then fire more: the sink still delivers, the survivor notifies each once.
            primary.kill();
            fire(sink, 5, 8);
            awaitKeys(8);
            assertThat(notifications.subList(4, notifications.size())).extracting(Received::sender)
                    .containsOnly(survivor.externalUrl());
            AlertmanagerSink.EndpointStatus dead = status(sink, primary);
            assertThat(dead.up()).isFalse();
            assertThat(dead.failed()).isPositive();
            assertThat(dead.lastFailure()).isPresent();
            long acceptedBeforeRestart = dead.accepted();

            // Bring it back: it rejoins, learns the notification log, and the sink uses it again.
            primary.start();
            awaitCluster(one, two);
            await().atMost(Duration.ofSeconds(15)).until(() -> status(sink, primary).up()
                    && status(sink, primary).accepted() > acceptedBeforeRestart);
            fire(sink, 9, 12);
            awaitKeys(12);

            // A barrier: an alert given only to the member that waits a peer timeout before it
            // notifies. Once it arrives, every group fired before it has been decided by both
            // members, so any duplicate would already be here.
            Member last = lastInClusterOrder(one, two);
            AlertmanagerSink onlyLast = AlertmanagerSink.builder(List.of(last.base()),
                    URI.create("http://127.0.0.1:8080/"), HTTP).name("alertmanager-barrier").build();
            try {
                onlyLast.deliver(Notification.of(alert("barrier")));
            } finally {
                onlyLast.close();
            }
            awaitKeys(13);

            Map<String, Integer> perKey = new TreeMap<>();
            notifications.forEach(n -> n.keys().forEach(k -> perKey.merge(k, 1, Integer::sum)));
            List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, 12).mapToObj(i -> "ha-" + i).toList());
            expected.add("barrier");
            assertThat(perKey.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(perKey).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
            assertThat(notifications).extracting(Received::status).containsOnly("firing");
            assertThat(sink.endpoints()).allSatisfy(e -> assertThat(e.up()).as(e.address()).isTrue());
        } finally {
            sink.close();
        }
    }

    private static Alert alert(String key) {
        return Alert.builder(key, Severity.HIGH, "HA test alert " + key).label("bot", "bot-1")
                .startsAt(Instant.now()).build();
    }

    private static void fire(AlertmanagerSink sink, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            sink.deliver(Notification.of(alert("ha-" + i))); // throws only if no member accepted it
        }
    }

    private static void awaitKeys(int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> notifications.stream().mapToLong(n -> n.keys().size()).sum() >= count);
    }

    private static AlertmanagerSink.EndpointStatus status(AlertmanagerSink sink, Member m) {
        String address = "127.0.0.1:" + m.webPort;
        return sink.endpoints().stream().filter(e -> e.address().equals(address)).findFirst().orElseThrow();
    }

    /** Both members ready and each seeing two peers. */
    private static void awaitCluster(Member... members) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            for (Member m : members) {
                JsonNode cluster = JSON.readTree(get(m.base().resolve("/api/v2/status"))).get("cluster");
                if (!cluster.get("status").asText().equals("ready") || cluster.get("peers").size() != members.length) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The member Alertmanager puts last (peers sorted by name): it waits a peer timeout before notifying. */
    private static Member lastInClusterOrder(Member a, Member b) throws Exception {
        String nameA = JSON.readTree(get(a.base().resolve("/api/v2/status"))).at("/cluster/name").asText();
        String nameB = JSON.readTree(get(b.base().resolve("/api/v2/status"))).at("/cluster/name").asText();
        return nameA.compareTo(nameB) > 0 ? a : b;
    }

    private static double propagated(Member m) throws Exception {
        Matcher match = PROPAGATED.matcher(get(m.base().resolve("/metrics")));
        return match.find() ? Double.parseDouble(match.group(1)) : 0;
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One Alertmanager process; started again on the same ports and storage after a kill. */
    private static final class Member {
        final String id;
        final Path config;
        final int webPort;
        final int clusterPort;
        final int peerPort;
        private int starts;
        private Process process;

        Member(String id, Path config, int webPort, int clusterPort, int peerPort) {
            this.id = id;
            this.config = config;
            this.webPort = webPort;
            this.clusterPort = clusterPort;
            this.peerPort = peerPort;
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + webPort);
        }

        /** As the webhook payload's {@code externalURL} names it, without a trailing slash. */
        String externalUrl() {
            return "http://127.0.0.1:" + webPort;
        }

        void start() throws IOException {
            starts++;
            process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.path=" + dir.resolve("data-" + id), "--web.listen-address=127.0.0.1:" + webPort,
                    "--web.external-url=" + externalUrl(),
                    "--cluster.listen-address=127.0.0.1:" + clusterPort, "--cluster.peer=127.0.0.1:" + peerPort,
                    "--cluster.peer-timeout=" + PEER_TIMEOUT.toMillis() + "ms", "--cluster.gossip-interval=50ms",
                    "--cluster.pushpull-interval=1s", "--cluster.settle-timeout=2s",
                    "--cluster.probe-interval=200ms", "--cluster.probe-timeout=100ms",
                    "--cluster.reconnect-interval=1s", "--log.level=debug")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("alertmanager-" + id + "-" + starts + ".log").toFile()).start();
        }

        void kill() {
            Process p = process;
            if (p == null) {
                return;
            }
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
