package dev.tradepulse.http;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.internal.BearerAuth;
import dev.tradepulse.http.internal.HostAllowlist;
import dev.tradepulse.http.internal.MountContext;
import dev.tradepulse.http.internal.StreamSlots;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/** What a server shares with the stream endpoints mounted through its status page. Thread-safe (immutable). */
final class PageMountContext implements MountContext {

    private final Server server;
    private final StreamSlots slots;
    private final BearerAuth auth;
    private final HostAllowlist hosts;
    private final StatusPage page;

    PageMountContext(Server server, StreamSlots slots, BearerAuth auth, HostAllowlist hosts, StatusPage page) {
        this.server = server;
        this.slots = slots;
        this.auth = auth;
        this.hosts = hosts;
        this.page = page;
    }

    @Override
    public Server server() {
        return server;
    }

    @Override
    public StreamSlots slots() {
        return slots;
    }

    @Override
    public boolean authenticated(Request request) {
        return auth.authenticated(request.getHeaders());
    }

    @Override
    public boolean showsDetails(Request request) {
        return auth.showsDetails(request.getHeaders());
    }

    @Override
    public boolean originAllowed(@Nullable String origin) {
        return hosts.originAllowed(origin);
    }

    @Override
    public byte[] statusJson(boolean details) {
        return page.snapshot(details);
    }

    @Override
    public HealthRegistry registry() {
        return page.registry();
    }

    @Override
    public List<StatusSection> sections() {
        return page.sections();
    }

    @Override
    public Clock clock() {
        return page.clock();
    }
}
