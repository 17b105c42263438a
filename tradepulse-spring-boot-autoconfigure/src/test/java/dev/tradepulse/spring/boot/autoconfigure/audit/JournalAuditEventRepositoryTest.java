package dev.tradepulse.spring.boot.autoconfigure.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.AuditJournalException;
import dev.tradepulse.compliance.ComplianceLogger;
import dev.tradepulse.compliance.ComplianceLogger.AccessKind;
import dev.tradepulse.compliance.Durability;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.audit.AuditEvent;

class JournalAuditEventRepositoryTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(START);
    private final List<ComplianceLogger> opened = new ArrayList<>();

    @AfterEach
    void closeJournals() {
        opened.forEach(ComplianceLogger::close);
    }

    private ComplianceLogger journal(Durability durability) {
        ComplianceLogger j = ComplianceLogger.builder().directory(dir.resolve("audit")).clock(clock)
                .durability(durability).shutdownHook(false).build();
        opened.add(j);
        return j;
    }

    private JournalAuditEventRepository repository(ComplianceLogger journal) {
        return JournalAuditEventRepository.builder(journal).build();
    }

    private static AuditEvent event(String principal, String type, Map<String, Object> data) {
        return new AuditEvent(START, principal, type, data);
    }

    private String journalText() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    @Test
    void authenticationEventsBecomeAccessEventsWithThePrincipalAsActor() throws IOException {
        ComplianceLogger j = journal(Durability.GROUP_COMMIT);
        JournalAuditEventRepository repo = repository(j);

        repo.add(event("alice", "AUTHENTICATION_FAILURE", Map.of("type", "BadCredentialsException")));
        repo.add(event("alice", "AUTHENTICATION_SUCCESS", Map.of()));
        repo.add(event("alice", "LOGOUT_SUCCESS", Map.of()));

        String text = journalText();
        assertThat(text).contains("\"type\":\"ACCESS_EVENT\",\"level\":\"ERROR\",\"actor\":\"alice\",\"action\":\"auth_failure\"")
                .contains("\"type\":\"ACCESS_EVENT\",\"level\":\"INFO\",\"actor\":\"alice\",\"action\":\"auth_success\"")
                .contains("\"type\":\"USER_ACTION\",\"level\":\"INFO\",\"actor\":\"alice\",\"action\":\"LOGOUT_SUCCESS\"")
                .contains("\"details\":{\"spring_type\":\"AUTHENTICATION_FAILURE\",\"data\":{\"type\":\"BadCredentialsException\"}}");
    }

    @Test
    void findReadsTheEventsBackFromTheFilesAfterTheJournalIsReopened() {
        ComplianceLogger first = journal(Durability.ASYNC);
        repository(first).add(event("alice", "AUTHENTICATION_FAILURE", Map.of("message", "Bad credentials")));
        first.close();
        ComplianceLogger second = journal(Durability.ASYNC);

        List<AuditEvent> found = repository(second).find(null, null, null);

        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.getPrincipal()).isEqualTo("alice");
            assertThat(e.getType()).isEqualTo("AUTHENTICATION_FAILURE");
            assertThat(e.getTimestamp()).isEqualTo(START);
            assertThat(e.getData()).containsExactly(Map.entry("message", "Bad credentials"));
        });
    }

    @Test
    void findFiltersByPrincipalTimeAndTypeAndReturnsTheNewestLast() {
        ComplianceLogger j = journal(Durability.ASYNC);
        JournalAuditEventRepository repo = repository(j);
        repo.add(event("alice", "AUTHENTICATION_FAILURE", Map.of("n", 1)));
        clock.advance(Duration.ofSeconds(1));
        repo.add(event("bob", "AUTHENTICATION_FAILURE", Map.of("n", 2)));
        clock.advance(Duration.ofSeconds(1));
        repo.add(event("alice", "AUTHENTICATION_SUCCESS", Map.of("n", 3)));
        clock.advance(Duration.ofSeconds(1));
        repo.add(event("alice", "AUTHENTICATION_FAILURE", Map.of("n", 4)));

        assertThat(repo.find("alice", null, null)).extracting(e -> e.getData().get("n")).containsExactly(1, 3, 4);
        assertThat(repo.find(null, null, "AUTHENTICATION_FAILURE")).extracting(e -> e.getData().get("n"))
                .containsExactly(1, 2, 4);
        assertThat(repo.find("alice", START, "AUTHENTICATION_FAILURE")).extracting(e -> e.getData().get("n"))
                .as("after is exclusive, as in Actuator's in-memory repository").containsExactly(4);
        assertThat(repo.find("carol", null, null)).isEmpty();
    }

    @Test
    void findReturnsAtMostTheNewestMaxResults() {
        ComplianceLogger j = journal(Durability.ASYNC);
        JournalAuditEventRepository repo = JournalAuditEventRepository.builder(j).maxResults(3).build();
        for (int i = 1; i <= 10; i++) {
            repo.add(event("alice", "AUTHENTICATION_SUCCESS", Map.of("n", i)));
        }

        assertThat(repo.find(null, null, null)).extracting(e -> e.getData().get("n")).containsExactly(8, 9, 10);
    }

    @Test
    void onlyEventsTheRepositoryWroteComeBack() {
        ComplianceLogger j = journal(Durability.ASYNC);
        j.accessEvent(AccessKind.AUTH_FAILURE, Actor.of("alice"), Map.of("via", "chat"));
        j.userAction("restart", Actor.of("alice"), Map.of());
        JournalAuditEventRepository repo = repository(j);
        repo.add(event("alice", "AUTHENTICATION_FAILURE", Map.of("via", "http")));

        assertThat(repo.find("alice", null, null)).singleElement()
                .satisfies(e -> assertThat(e.getData()).containsEntry("via", "http"));
    }

    @Test
    void aPasswordInTheDataAndControlCharactersInThePrincipalNeverReachTheJournalRaw() throws IOException {
        ComplianceLogger j = journal(Durability.GROUP_COMMIT);
        JournalAuditEventRepository repo = repository(j);
        String principal = "mallory\u001b[2J\r\nforged";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("password", "hunter2-correct-horse");
        data.put("message", "login with Authorization: Basic bWFsbG9yeTpodW50ZXIy");

        repo.add(event(principal, "AUTHENTICATION_FAILURE", data));

        String text = journalText();
        assertThat(text).doesNotContain("hunter2-correct-horse").doesNotContain("bWFsbG9yeTpodW50ZXIy")
                .doesNotContain("\u001b").contains("mallory\\u001B[2J\\r\\nforged");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line).startsWith("{\"seq\":"));
        AuditEvent back = repo.find(principal, null, null).get(0);
        assertThat(back.getData()).containsEntry("password", "[REDACTED]");
        assertThat(String.valueOf(back.getData().get("message"))).doesNotContain("bWFsbG9yeTpodW50ZXIy");
    }

    @Test
    void aPrincipalTheJournalRedactsIsFoundByItsRawOrItsStoredForm() {
        ComplianceLogger j = journal(Durability.ASYNC);
        JournalAuditEventRepository repo = repository(j);
        String principal = "token=abcdefghijklmnopqrstuvwxyz123456";
        repo.add(event(principal, "AUTHENTICATION_SUCCESS", Map.of()));

        List<AuditEvent> found = repo.find(principal, null, null);

        assertThat(found).singleElement().satisfies(e -> assertThat(e.getPrincipal()).isEqualTo("token=[REDACTED]"));
        assertThat(repo.find("token=[REDACTED]", null, null)).hasSize(1);
    }

    @Test
    void beansInTheDataAreStoredAsJacksonShowsThemAndOddValuesAsText() {
        ComplianceLogger j = journal(Durability.ASYNC);
        JournalAuditEventRepository repo = repository(j);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("details", new Details("127.0.0.1", "4F2A"));
        data.put("when", Instant.parse("2026-12-01T09:00:00Z"));
        data.put("failure", new IllegalStateException("locked"));
        data.put("odd", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        });

        repo.add(event("alice", "AUTHENTICATION_FAILURE", data));

        Map<String, Object> back = repo.find(null, null, null).get(0).getData();
        assertThat(back.get("details")).isEqualTo(Map.of("remoteAddress", "127.0.0.1", "sessionId", "[REDACTED]"));
        assertThat(back).containsEntry("when", "2026-12-01T09:00:00Z")
                .containsEntry("failure", "IllegalStateException: locked");
        assertThat(String.valueOf(back.get("odd"))).endsWith("toString() failed]");
        assertThat(repo.dropped()).isZero();
    }

    /** As Spring Security's {@code WebAuthenticationDetails}: a bean with a session id. */
    public static final class Details {
        private final String remoteAddress;
        private final String sessionId;

        Details(String remoteAddress, String sessionId) {
            this.remoteAddress = remoteAddress;
            this.sessionId = sessionId;
        }

        public String getRemoteAddress() {
            return remoteAddress;
        }

        public String getSessionId() {
            return sessionId;
        }
    }

    @Test
    void aClosedJournalNeverThrowsIntoTheCallerAndTheJournalCountsWhatItRejected() {
        ComplianceLogger j = journal(Durability.ASYNC);
        JournalAuditEventRepository repo = repository(j);
        j.close();

        repo.add(event("alice", "AUTHENTICATION_SUCCESS", Map.of()));
        repo.add(event("alice", "AUTHENTICATION_FAILURE", Map.of()));

        assertThat(j.rejected()).isEqualTo(2);
    }

    @Test
    void dataThatThrowsNeverThrowsIntoTheCallerAndIsCountedAsDropped() {
        ComplianceLogger j = journal(Durability.GROUP_COMMIT);
        JournalAuditEventRepository repo = repository(j);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        repo.bindTo(registry);
        Map<String, Object> broken = new AbstractMap<>() {
            @Override
            public Set<Map.Entry<String, Object>> entrySet() {
                throw new IllegalStateException("a peer's map that fails");
            }
        };

        repo.add(event("alice", "AUTHENTICATION_SUCCESS", broken));
        repo.add(event("alice", "AUTHENTICATION_SUCCESS", broken));

        assertThat(repo.dropped()).isEqualTo(2);
        assertThat(registry.get("tradepulse.audit.spring.dropped").functionCounter().count()).isEqualTo(2.0);
        assertThat(repo.find(null, null, null)).isEmpty();
    }

    @Test
    void withDurableWritesAClosedJournalFailsTheCaller() {
        ComplianceLogger j = journal(Durability.GROUP_COMMIT);
        JournalAuditEventRepository repo = repository(j);
        j.close();

        assertThatThrownBy(() -> repo.add(event("alice", "AUTHENTICATION_SUCCESS", Map.of())))
                .isInstanceOf(AuditJournalException.class);
    }

    @Test
    void theJournalStillVerifiesAfterTheRepositoryWroteToIt() {
        ComplianceLogger j = journal(Durability.ASYNC);
        JournalAuditEventRepository repo = repository(j);
        repo.add(event("mallory\u0000\u2028", "AUTHORIZATION_FAILURE", Map.of("nested", Map.of("a", List.of(1, 2)))));
        repo.find(null, null, null);
        j.close();

        assertThat(JournalVerifier.withoutKey().verify(dir.resolve("audit")).ok()).isTrue();
    }

    @Test
    void badArgumentsAreRefusedNamingTheParameter() {
        ComplianceLogger j = journal(Durability.ASYNC);
        JournalAuditEventRepository.Builder builder = JournalAuditEventRepository.builder(j);

        assertThatThrownBy(() -> builder.maxResults(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxResults");
        assertThatThrownBy(() -> JournalAuditEventRepository.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("journal");
        assertThatThrownBy(() -> repository(j).add(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("event");
    }
}
