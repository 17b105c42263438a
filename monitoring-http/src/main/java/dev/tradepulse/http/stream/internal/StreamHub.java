package dev.tradepulse.http.stream.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.api.health.HealthStatus;
import dev.tradepulse.api.status.StatusEvent;
import dev.tradepulse.api.status.StatusEventSource;
import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.Tone;
import dev.tradepulse.api.support.LogText;
import dev.tradepulse.api.support.LogThrottle;
import dev.tradepulse.api.support.Threads;
import dev.tradepulse.health.HealthListener;
import dev.tradepulse.health.HealthReport;
import dev.tradepulse.health.status.HealthSection;
import dev.tradepulse.http.internal.MountContext;
import dev.tradepulse.http.stream.MessageType;
import dev.tradepulse.http.stream.StatusStreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread behind a server's status stream. Publishers (trading threads) only put events
 * into a bounded queue and wake it; it waits out the coalescing window, reads the status model
 * once per visibility, turns the events into messages, compares the model with what it sent
 * last (sending what changed), serves snapshots, and sends heartbeats. A Jetty lifecycle bean of
 * the WebSocket handler: it starts and stops with the server.
 *
 * <p>Thread-safe: {@link #onEvent}, {@link #add}, {@link #remove} and {@link #wake} from any thread.
 */
final class StreamHub extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    private static final int EVENT_QUEUE = 4096;
    private static final long STOP_WAIT_MILLIS = 2_000;
    private static final ThreadFactory THREADS = Threads.daemon("ws-hub");

    private final MountContext context;
    private final StatusStreamConfig config;
    private final StreamCounters counters;
    private final Set<StreamSession> sessions = ConcurrentHashMap.newKeySet();
    private final ArrayBlockingQueue<StatusEvent> pending = new ArrayBlockingQueue<>(EVENT_QUEUE);
    private final List<StatusEventSource.Subscription> subscriptions = new ArrayList<>();
    private final LogThrottle failureLog = new LogThrottle(Duration.ofMinutes(1));
    private final LogThrottle dropLog = new LogThrottle(Duration.ofMinutes(1));
    private final HealthListener healthListener = new HealthListener() {
        @Override
        public void onComponentChange(String name, HealthStatus previous, HealthResult current) {
            onEvent(healthEvent());
        }

        @Override
        public void onOverallChange(HealthStatus previous, HealthReport current) {
            onEvent(healthEvent());
        }
    };
    /** The last model sent, by visibility (0 statuses only, 1 details); hub thread only. */
    private final @Nullable Model[] last = new Model[2];
    private volatile @Nullable Thread thread;
    private volatile boolean running;
    private volatile long firstPendingNanos;

    StreamHub(MountContext context, StatusStreamConfig config, StreamCounters counters) {
        this.context = context;
        this.config = config;
        this.counters = counters;
    }

    @Override
    protected void doStart() {
        running = true;
        for (StatusSection section : context.sections()) {
            try {
                subscriptions.add(section.events().subscribe(this::onEvent));
            } catch (Throwable e) { // a section's code: the stream goes on without its events
                logFailure("Status section '" + section.id() + "' could not be subscribed to", e);
            }
        }
        context.registry().addListener(healthListener);
        Thread t = THREADS.newThread(this::run);
        thread = t;
        try {
            t.start();
        } catch (Throwable e) {
            release();
            throw e;
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        release();
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            t.join(STOP_WAIT_MILLIS);
        }
        for (StreamSession s : List.copyOf(sessions)) {
            s.close(StatusCode.SHUTDOWN, "server stopping");
        }
    }

    private void release() {
        subscriptions.forEach(StatusEventSource.Subscription::close);
        subscriptions.clear();
        try {
            context.registry().removeListener(healthListener);
        } catch (Throwable ignored) {
            // stopping anyway
        }
    }

    private StatusEvent healthEvent() {
        return StatusEvent.builder(StatusEvent.Kind.HEALTH, HealthSection.ID).tone(Tone.NEUTRAL).state("changed")
                .at(context.clock().instant()).build();
    }

    /** From a publisher's thread: never blocks, never throws. */
    void onEvent(StatusEvent event) {
        if (!running || sessions.isEmpty()) {
            return;
        }
        if (!pending.offer(event)) {
            counters.eventsCoalesced.increment(); // what it changed still goes out: every push compares every section
        }
        if (firstPendingNanos == 0) {
            firstPendingNanos = System.nanoTime() | 1; // never 0 once set
        }
        wake();
    }

    void add(StreamSession session) {
        sessions.add(session);
        counters.open.add(session);
        if (!running) {
            session.close(StatusCode.SHUTDOWN, "server stopping");
            return;
        }
        wake();
    }

    void remove(StreamSession session) {
        sessions.remove(session);
        counters.open.remove(session);
    }

    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    void droppedSlow(StreamSession session) {
        counters.droppedSlow.increment();
        try {
            if (dropLog.tryAcquire(System.nanoTime())) {
                LOG.warn("A status stream client did not read {} queued messages and was disconnected ({} so far; "
                        + "logged at most once a minute)", config.maxQueuedMessages(), counters.droppedSlow.sum());
            }
        } catch (Throwable ignored) {
            // a broken log changes nothing
        }
    }

    private void run() {
        long refreshNanos = config.refreshInterval().toNanos();
        long coalesceNanos = config.coalesceWindow().toNanos();
        long heartbeatNanos = config.heartbeat().toNanos();
        long nextRefresh = System.nanoTime() + refreshNanos;
        while (running) {
            long now = System.nanoTime();
            long first = firstPendingNanos;
            boolean eventsDue = first != 0 && now - first >= coalesceNanos;
            boolean refreshDue = now - nextRefresh >= 0;
            boolean snapshotsDue = false;
            boolean snapshotsWaiting = false;
            for (StreamSession s : sessions) {
                snapshotsDue |= s.snapshotDue(now);
                snapshotsWaiting |= s.snapshotWanted();
            }
            if (eventsDue || refreshDue || snapshotsDue) {
                try {
                    push(now);
                } catch (Throwable e) { // the stream must outlive any one bad pass
                    logFailure("The status stream's push failed", e);
                }
                if (refreshDue) {
                    nextRefresh = now + refreshNanos;
                }
                heartbeats(System.nanoTime(), heartbeatNanos);
                continue;
            }
            long wait = nextRefresh - now;
            if (first != 0) {
                wait = Math.min(wait, first + coalesceNanos - now);
            }
            if (snapshotsWaiting) {
                wait = Math.min(wait, StreamSession.SNAPSHOT_SPACING_NANOS / 5);
            }
            LockSupport.parkNanos(this, Math.max(wait, TimeUnit.MICROSECONDS.toNanos(100)));
        }
    }

    private void heartbeats(long now, long heartbeatNanos) {
        for (StreamSession s : sessions) {
            if (now - s.lastActivityNanos() >= heartbeatNanos) {
                s.ping();
            }
        }
    }

    /** One pass: drain the events, then for each visibility in use read the model and send. */
    private void push(long now) {
        List<StatusEvent> events = new ArrayList<>();
        firstPendingNanos = 0;
        pending.drainTo(events);
        long discrete = events.stream().filter(e -> messageType(e) != null).count();
        if (discrete > config.maxEventsPerPush()) {
            counters.eventsCoalesced().add(discrete - config.maxEventsPerPush());
        }
        if (sessions.isEmpty()) {
            last[0] = null;
            last[1] = null;
            return;
        }
        for (int v = 0; v < 2; v++) {
            boolean details = v == 1;
            List<StreamSession> audience = sessions.stream().filter(s -> s.details() == details).toList();
            if (audience.isEmpty()) {
                last[v] = null; // nobody to compare for: the next viewer starts with a snapshot
                continue;
            }
            Model model;
            try {
                model = Model.read(context.statusJson(details), config.strategiesSection());
            } catch (Throwable e) {
                logFailure("The status stream could not read the status model", e);
                continue;
            }
            List<Outgoing> out = new ArrayList<>();
            eventMessages(events, model, details, out);
            Model before = last[v];
            if (before != null) {
                changes(before, model, out); // whatever the pass was for, so no change is skipped
            }
            last[v] = model;
            for (StreamSession s : audience) {
                boolean fresh = !s.snapshotSent();
                if (s.snapshotDue(now)) {
                    s.sendSnapshot(now, model.json());
                }
                for (Outgoing o : out) {
                    if (fresh && o.change()) {
                        continue; // its snapshot already holds the change
                    }
                    if (s.follows(o.strategy())) {
                        s.send(o.type(), o.payload());
                    }
                }
            }
        }
    }

    private record Outgoing(MessageType type, @Nullable String strategy, String payload, boolean change) {
    }

    /** The discrete events, at most {@code maxEventsPerPush}; the rest reach viewers as section changes. */
    private void eventMessages(List<StatusEvent> events, Model model, boolean details, List<Outgoing> out) {
        int sent = 0;
        for (StatusEvent e : events) {
            MessageType type = messageType(e);
            if (type == null || ++sent > config.maxEventsPerPush()) {
                continue; // counted in push: it reaches viewers as the change it made
            }
            ObjectNode payload = Messages.object();
            if (e.subject() != null && type != MessageType.SYSTEM_ALERT) {
                payload.put("strategy", e.subject());
            }
            payload.set("event", Messages.event(e, details));
            if (type == MessageType.SYSTEM_ALERT) {
                putIfPresent(payload, "section", model.section(e.section()));
            } else if (type != MessageType.TRADE_ALERT) {
                putIfPresent(payload, "card", model.card(e.subject()));
            }
            add(out, type, type == MessageType.SYSTEM_ALERT ? null : e.subject(), payload, false);
        }
    }

    /** The message an event makes, or null for those that only change a section (sent once per push). */
    private static @Nullable MessageType messageType(StatusEvent e) {
        return switch (e.kind()) {
            case ALERT_FIRED, ALERT_RESOLVED -> MessageType.SYSTEM_ALERT;
            case TRADE -> MessageType.TRADE_ALERT;
            case POSITIONS -> MessageType.PORTFOLIO_UPDATE;
            case DECISION, HALTED, REARMED -> MessageType.DECISION;
            case ACCOUNT, HEALTH, CHANGED -> null;
        };
    }

    /** What changed between two models: health, the strategies (all, then each card), any other section. */
    private void changes(Model before, Model now, List<Outgoing> out) {
        String strategies = config.strategiesSection();
        for (Map.Entry<String, JsonNode> e : now.sections().entrySet()) {
            String id = e.getKey();
            JsonNode section = e.getValue();
            boolean changed = !section.equals(before.section(id));
            if (id.equals(HealthSection.ID)) {
                // a health card's latency changes at every check: only statuses make an update
                if (!statuses(section).equals(statuses(before.section(id))) || !now.status().equals(before.status())) {
                    ObjectNode payload = Messages.object();
                    payload.put("status", now.status());
                    payload.set("section", section);
                    add(out, MessageType.HEALTH_UPDATE, null, payload, true);
                }
            } else if (changed && id.equals(strategies)) {
                ObjectNode payload = Messages.object();
                payload.set("section", section);
                add(out, MessageType.PERFORMANCE_UPDATE, null, payload, true);
                for (Map.Entry<String, JsonNode> card : now.strategies().entrySet()) {
                    if (!card.getValue().equals(before.card(card.getKey()))) {
                        ObjectNode account = Messages.object();
                        account.put("strategy", card.getKey());
                        account.set("card", card.getValue());
                        add(out, MessageType.ACCOUNT_UPDATE, card.getKey(), account, true);
                    }
                }
            } else if (changed) {
                ObjectNode payload = Messages.object();
                payload.set("section", section);
                add(out, MessageType.SECTION_UPDATE, null, payload, true);
            }
        }
        if (!now.status().equals(before.status()) && now.section(HealthSection.ID) == null) {
            ObjectNode payload = Messages.object();
            payload.put("status", now.status());
            add(out, MessageType.HEALTH_UPDATE, null, payload, true);
        }
    }

    /** A section's cards as title, tone and state only; a section without cards as itself. */
    private static String statuses(@Nullable JsonNode section) {
        if (section == null) {
            return "";
        }
        if (!section.has("cards")) {
            return section.toString();
        }
        StringBuilder key = new StringBuilder();
        for (JsonNode card : section.path("cards")) {
            key.append(card.path("title").asText()).append('\u0000').append(card.path("tone").asText()).append('\u0000')
                    .append(card.path("state").asText()).append('\u0001');
        }
        return key.toString();
    }

    private static void putIfPresent(ObjectNode payload, String field, @Nullable JsonNode value) {
        if (value != null) {
            payload.set(field, value);
        }
    }

    private static void add(List<Outgoing> out, MessageType type, @Nullable String strategy, ObjectNode payload,
            boolean change) {
        String json = Messages.write(payload);
        if (json != null) {
            out.add(new Outgoing(type, strategy, json, change));
        }
    }

    private void logFailure(String what, Throwable e) {
        try {
            if (failureLog.tryAcquire(System.nanoTime())) {
                LOG.warn("{} (logged at most once a minute): {}", what, LogText.describe(e));
            }
        } catch (Throwable ignored) {
            // a broken log changes nothing
        }
    }

    int sessions() {
        return sessions.size();
    }

    @Override
    public String toString() {
        return "StreamHub[" + sessions.size() + " sessions, " + Objects.toString(thread, "no thread") + "]";
    }
}
