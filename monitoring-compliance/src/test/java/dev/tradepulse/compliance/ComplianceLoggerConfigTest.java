package dev.tradepulse.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.api.redaction.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComplianceLoggerConfigTest {

    @TempDir
    Path dir;

    @Test
    void the_defaults_are_the_documented_ones() {
        ComplianceLoggerConfig d = ComplianceLoggerConfig.ofDefaults();
        assertThat(d.directory()).isEmpty();
        assertThat(d.app()).isEqualTo("tradepulse");
        assertThat(d.instance()).isEmpty();
        assertThat(d.durability()).isEqualTo(Durability.GROUP_COMMIT);
        assertThat(d.checkpointEvents()).isEqualTo(10_000);
        assertThat(d.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.rotateAtBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(d.retention()).isEqualTo(Duration.ofDays(2557));
        assertThat(d.retentionByType()).isEmpty();
        assertThat(d.gzipClosedFiles()).isFalse();
        assertThat(d.redaction()).isSameAs(Redaction.defaults());
        assertThat(d.maxFieldLength()).isEqualTo(8192);
        assertThat(d.mirrorToLog()).isFalse();
        assertThat(d.keepRecent()).isZero();
        assertThat(d.correlationIdKey()).isEqualTo("correlationId");
        assertThat(d.queueCapacity()).isEqualTo(65_536);
        assertThat(d.shutdownHook()).isTrue();
        assertThat(ComplianceLoggerConfig.custom().build()).isEqualTo(d).hasSameHashCodeAs(d);
    }

    @Test
    void from_copies_every_setting_and_changes_only_what_is_set_afterwards() {
        ComplianceLoggerConfig base = ComplianceLoggerConfig.custom().directory(dir).app("bot").instance("prod-1")
                .durability(Durability.ASYNC).checkpointEvery(5, Duration.ofSeconds(7)).rotateAtBytes(8192)
                .retention(Duration.ofDays(30)).retention("ORDER_EVENT", Duration.ofDays(3650)).gzipClosedFiles(true)
                .maxFieldLength(100).mirrorToLog(true).keepRecent(20).correlationIdKey("rid").queueCapacity(64)
                .shutdownHook(false).build();

        assertThat(ComplianceLoggerConfig.from(base).build()).isEqualTo(base);
        ComplianceLoggerConfig changed = ComplianceLoggerConfig.from(base).app("other").build();
        assertThat(changed.app()).isEqualTo("other");
        assertThat(changed).isNotEqualTo(base);
        assertThat(ComplianceLoggerConfig.from(changed).app("bot").build()).isEqualTo(base);
        assertThat(base.retentionByType()).containsExactly(Map.entry("ORDER_EVENT", Duration.ofDays(3650)));
        assertThatThrownBy(() -> base.retentionByType().put("X", Duration.ofDays(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_config_is_immutable_once_built() {
        ComplianceLoggerConfig.Builder b = ComplianceLoggerConfig.custom().retention("ORDER_EVENT", Duration.ofDays(1));
        ComplianceLoggerConfig first = b.build();
        b.retention("RISK_EVENT", Duration.ofDays(2)).app("later");
        assertThat(first.retentionByType()).containsOnlyKeys("ORDER_EVENT");
        assertThat(first.app()).isEqualTo("tradepulse");
    }

    @Test
    void bad_settings_fail_when_set_naming_the_parameter() {
        ComplianceLoggerConfig.Builder b = ComplianceLoggerConfig.custom();
        assertThatThrownBy(() -> b.directory(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("directory must not be null");
        assertThatThrownBy(() -> b.app("x".repeat(257))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("app must be at most 256 characters, got 257");
        assertThatThrownBy(() -> b.checkpointEvery(0, Duration.ofSeconds(1)))
                .hasMessage("events must be at least 1, got 0");
        assertThatThrownBy(() -> b.checkpointEvery(1, Duration.ZERO)).hasMessage("interval must be positive, but was PT0S");
        assertThatThrownBy(() -> b.rotateAtBytes(100)).hasMessageStartingWith("bytes must be between 4096 and ");
        assertThatThrownBy(() -> b.retention("ORDER_EVENT", Duration.ofDays(-1)))
                .hasMessage("age must be positive, but was PT-24H");
        assertThatThrownBy(() -> b.maxFieldLength(15)).hasMessage("chars must be at least 16, got 15");
        assertThatThrownBy(() -> b.keepRecent(10_001)).hasMessage("events must be between 0 and 10000, got 10001");
        assertThatThrownBy(() -> b.queueCapacity(0)).hasMessage("events must be at least 1, got 0");
        assertThatThrownBy(() -> ComplianceLoggerConfig.from(null)).hasMessage("base must not be null");
        // a failed setter leaves the setting as it was
        assertThat(b.build()).isEqualTo(ComplianceLoggerConfig.ofDefaults());
    }

    @Test
    void the_logger_takes_a_config_and_reports_the_one_it_was_built_with() {
        ComplianceLoggerConfig config = ComplianceLoggerConfig.custom().directory(dir.resolve("audit")).app("bot")
                .instance("prod-1").durability(Durability.SYNC_EACH).keepRecent(5).shutdownHook(false).build();
        try (ComplianceLogger audit = ComplianceLogger.builder().config(config).signer(Checkpoints.hmacSigner(Journals.KEY))
                .build()) {
            assertThat(audit.config()).isEqualTo(config);
            assertThat(audit.directory()).isEqualTo(dir.resolve("audit"));
            audit.userAction("login", Actor.of("u1"), Map.of());
            assertThat(audit.recentEvents()).hasSize(1);
        }
    }

    @Test
    void setters_after_config_change_single_settings_and_runtime_arguments_survive_a_later_config() throws Exception {
        ComplianceLoggerConfig config = ComplianceLoggerConfig.custom().directory(dir.resolve("a")).app("bot")
                .shutdownHook(false).build();
        try (ComplianceLogger audit = ComplianceLogger.builder().signer(Checkpoints.hmacSigner(Journals.KEY))
                .app("ignored").config(config).instance("i-2").build()) {
            assertThat(audit.config().app()).as("config replaces what was set before it").isEqualTo("bot");
            assertThat(audit.config().instance()).contains("i-2");
            audit.userAction("x", Actor.of("u"), Map.of());
        }
        String event = Journals.lines(dir.resolve("a")).stream().filter(l -> l.contains("USER_ACTION")).findFirst()
                .orElseThrow();
        assertThat(event).contains("\"app\":\"bot\"").contains("\"instance\":\"i-2\"");
        assertThat(Journals.lines(dir.resolve("a"))).anyMatch(l -> l.contains("\"alg\":\"HmacSHA256\""));
    }

    @Test
    void to_string_shows_every_setting_and_holds_no_runtime_object() {
        ComplianceLoggerConfig config = ComplianceLoggerConfig.custom().directory(dir).app("bot").build();
        assertThat(config.toString()).startsWith("ComplianceLoggerConfig[directory=" + dir + ", app=bot, ")
                .contains("instance=(host name)", "durability=GROUP_COMMIT", "queueCapacity=65536")
                .doesNotContainIgnoringCase("signer").doesNotContainIgnoringCase("witness").doesNotContainIgnoringCase("clock");
    }

    @Test
    void a_logger_without_a_directory_is_refused_naming_it() {
        assertThatThrownBy(() -> ComplianceLogger.builder().config(ComplianceLoggerConfig.ofDefaults()).build())
                .isInstanceOf(NullPointerException.class).hasMessage("directory must be set");
        assertThatThrownBy(() -> ComplianceLogger.builder().config(null)).hasMessage("config must not be null");
    }
}
