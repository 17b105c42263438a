package dev.tradepulse.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.runtime.RuntimeSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final ConfigSchema SCHEMA = ConfigSchema.of(List.of(
            ConfigKey.string("server.bind", "127.0.0.1", "Address the server binds."),
            ConfigKey.integer("server.port", 8080, 0, 65535, "Port; 0 picks a free one."),
            ConfigKey.secret("server.token", "Bearer token for details."),
            ConfigKey.secret("alerts.telegram.token", "Telegram bot token."),
            ConfigKey.string("alerts.telegram.chat-id", null, "Telegram chat."),
            ConfigKey.oneOf("journal.durability", "async", "How the journal syncs.", "async", "sync-each", "group-commit"),
            ConfigKey.duration("health.timeout", "2s", "Per-check timeout."),
            ConfigKey.bool("journal.shutdown-hook", true, "Close the journal at JVM exit."),
            ConfigKey.list("server.allowed-hosts", "localhost", "Host headers accepted."),
            ConfigKey.decimal("strategies.*.daily-loss-limit", null, 0, 1, "Daily loss that halts the strategy."),
            ConfigKey.path("data-dir", "data", "Where state and the journal live.")),
            List.of(new Profile("development", Map.of(), List.of(), true, "A laptop."),
                    new Profile("production", Map.of("journal.durability", "group-commit"), List.of("server.token"), false,
                            "Tightened defaults.")),
            "development");

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("tradepulse.yml");
        Files.writeString(f, text);
        return f;
    }

    private static ConfigException problems(ConfigLoader loader) {
        try {
            loader.load();
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void aMistypedKeyFailsWithItsFileLineAndTheNearestKnownKey() throws IOException {
        Path f = yaml("server:\n  port: 9000\nalerts:\n  telegram:\n    chatid: \"-100\"\n");
        ConfigException e = problems(ConfigLoader.of(SCHEMA).file(f));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("alerts.telegram.chatid");
            assertThat(p.origin().toString()).isEqualTo(f + ":5:5");
            assertThat(p.message()).isEqualTo("is not a known setting; did you mean alerts.telegram.chat-id?");
        });
    }

    @Test
    void aStrategyDeclaredByItsNameAloneExistsWithEveryDefault() throws IOException {
        Path f = yaml("strategies:\n  momentum: {}\n  grid:\n  scalper:\n    daily-loss-halt: -0.05\n");
        Config c = ConfigLoader.of(RuntimeSchema.schema()).file(f).environment(Map.of()).load();
        assertThat(c.names("strategies.*")).containsExactly("grid", "momentum", "scalper");
    }

    @Test
    void aMistypedVariableFailsNamingTheVariableAndTheNearestOne() {
        ConfigException e = problems(ConfigLoader.of(SCHEMA).environment(Map.of("TRADEPULSE_SERVER_PROT", "1")));
        assertThat(e.getMessage()).contains("TRADEPULSE_SERVER_PROT (environment variable TRADEPULSE_SERVER_PROT)")
                .contains("did you mean TRADEPULSE_SERVER_PORT?");
    }

    @Test
    void aBadValueFailsWithTheKeyTheValueAndWhatIsAllowed() throws IOException {
        Path f = yaml("server:\n  port: 70000\njournal:\n  durability: fsync\nhealth:\n  timeout: soon\n");
        ConfigException e = problems(ConfigLoader.of(SCHEMA).file(f));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "server.port (" + f + ":2:3): 70000 is out of range; allowed: 0 to 65535",
                "journal.durability (" + f + ":4:3): \"fsync\" is not one of async, sync-each, group-commit",
                "health.timeout (" + f + ":6:3): \"soon\" is not a duration such as 500ms, 30s, 5m, 2h, 1d or PT30S");
    }

    @Test
    void everyProblemIsReportedAtOnceNotOnlyTheFirst() throws IOException {
        Path f = yaml("server:\n  prot: 1\n  port: x\nnope: 1\n");
        assertThat(problems(ConfigLoader.of(SCHEMA).file(f)).problems()).hasSize(3);
    }

    @Test
    void variablesOverrideTheFileAndSystemPropertiesOverrideVariablesEachWithItsOrigin() throws IOException {
        Path f = yaml("server:\n  port: 9000\n  bind: 0.0.0.0\nhealth:\n  timeout: 5s\n");
        Properties props = new Properties();
        props.setProperty("tradepulse.server.port", "9200");
        props.setProperty("unrelated.property", "x");
        Config c = ConfigLoader.of(SCHEMA).file(f)
                .environment(Map.of("TRADEPULSE_SERVER_PORT", "9100", "TRADEPULSE_HEALTH_TIMEOUT", "250ms", "PATH", "/bin"))
                .systemProperties(props).load();
        assertThat(c.integer("server.port")).isEqualTo(9200);
        assertThat(c.origin("server.port").toString()).isEqualTo("system property tradepulse.server.port");
        assertThat(c.duration("health.timeout")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.origin("health.timeout").toString()).isEqualTo("environment variable TRADEPULSE_HEALTH_TIMEOUT");
        assertThat(c.string("server.bind")).hasValue("0.0.0.0");
        assertThat(c.origin("server.bind").toString()).isEqualTo(f + ":3:3");
        assertThat(c.origin("journal.shutdown-hook").toString()).isEqualTo("default");
    }

    @Test
    void secretsComeFromTheEnvironmentOrAFileAndAreNeverPrinted() throws IOException {
        Path secret = dir.resolve("tg");
        Files.writeString(secret, "123:telegram-secret\n");
        Path f = yaml("server:\n  token: ${env:HEALTH_TOKEN}\nalerts:\n  telegram:\n    token: ${file:" + secret + "}\n");
        Config c = ConfigLoader.of(SCHEMA).file(f).environment(Map.of("HEALTH_TOKEN", "s3cr3t-token")).load();
        assertThat(c.secret("server.token")).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("s3cr3t-token"));
        assertThat(c.secret("alerts.telegram.token").orElseThrow().reveal()).isEqualTo("123:telegram-secret");
        assertThat(String.join("\n", c.describe()) + c + c.secret("server.token").orElseThrow())
                .doesNotContain("s3cr3t").doesNotContain("telegram-secret").contains("server.token = ******");
    }

    @Test
    void aMissingSecretFailsNamingTheVariableOrFileButNeverAValue() throws IOException {
        Path f = yaml("server:\n  token: ${env:HEALTH_TOKEN}\nalerts:\n  telegram:\n    token: ${file:/nonexistent/tg}\n");
        ConfigException e = problems(ConfigLoader.of(SCHEMA).file(f));
        assertThat(e.getMessage()).contains("server.token (" + f + ":2:3): missing secret: environment variable HEALTH_TOKEN is not set")
                .contains("missing secret: file /nonexistent/tg does not exist");
    }

    @Test
    void referencesAreResolvedOnlyInSecretsAndOnlyAsAWholeValue() throws IOException {
        Path f = yaml("alerts:\n  telegram:\n    chat-id: ${env:HOME}\n    token: prefix-${env:HOME}\n");
        Config c = ConfigLoader.of(SCHEMA).file(f).environment(Map.of("HOME", "/root")).load();
        assertThat(c.string("alerts.telegram.chat-id")).hasValue("${env:HOME}");
        assertThat(c.secret("alerts.telegram.token").orElseThrow().reveal()).isEqualTo("prefix-${env:HOME}");
    }

    @Test
    void productionTightensTheDefaultsRequiresATokenAndRefusesLiteralSecretsInTheFile() throws IOException {
        Path f = yaml("profile: production\nalerts:\n  telegram:\n    token: 123:literal\n");
        ConfigException e = problems(ConfigLoader.of(SCHEMA).file(f));
        assertThat(e.getMessage()).contains("server.token (profile production): is required under the production profile")
                .contains("TRADEPULSE_SERVER_TOKEN")
                .contains("alerts.telegram.token (" + f + ":4:5): is a secret written into the file")
                .doesNotContain("123:literal");
        Config c = ConfigLoader.of(SCHEMA).environment(Map.of("TRADEPULSE_PROFILE", "production",
                "TRADEPULSE_SERVER_TOKEN", "t0k3n")).load();
        assertThat(c.profile()).isEqualTo("production");
        assertThat(c.enumValue("journal.durability", Durability.class)).isEqualTo(Durability.GROUP_COMMIT);
        assertThat(c.origin("journal.durability").toString()).isEqualTo("profile production");
        assertThat(ConfigLoader.of(SCHEMA).load().enumValue("journal.durability", Durability.class)).isEqualTo(Durability.ASYNC);
    }

    enum Durability { ASYNC, SYNC_EACH, GROUP_COMMIT }

    @Test
    void namedSectionsCollectTheirNamesAndVariablesFindNamesWithDashes() throws IOException {
        Path f = yaml("strategies:\n  momentum:\n    daily-loss-limit: 0.05\n  mean-reversion:\n    daily-loss-limit: 0.15\n");
        Config c = ConfigLoader.of(SCHEMA).file(f)
                .environment(Map.of("TRADEPULSE_STRATEGIES_MEAN_REVERSION_DAILY_LOSS_LIMIT", "0.10")).load();
        assertThat(c.names("strategies.*")).containsExactly("mean-reversion", "momentum");
        assertThat(c.decimal("strategies.mean-reversion.daily-loss-limit")).isEqualTo(0.10);
        assertThat(c.decimal("strategies.momentum.daily-loss-limit")).isEqualTo(0.05);
    }

    @Test
    void aPropertiesFileWorksTooWithLineNumbersInErrors() throws IOException {
        Path f = dir.resolve("tradepulse.properties");
        Files.writeString(f, "# comment\nserver.port=9000\nserver.allowed-hosts=localhost, bot.internal\nserver.prot=1\n");
        ConfigException e = problems(ConfigLoader.of(SCHEMA).file(f));
        assertThat(e.problems()).singleElement().extracting(p -> p.origin().toString()).isEqualTo(f + ":4:1");
        Files.writeString(f, "server.port=9000\nserver.allowed-hosts=localhost, bot.internal\n");
        Config c = ConfigLoader.of(SCHEMA).file(f).load();
        assertThat(c.list("server.allowed-hosts")).containsExactly("localhost", "bot.internal");
    }

    @Test
    void yamlListsDuplicateKeysAndBrokenFilesAreHandled() throws IOException {
        assertThat(ConfigLoader.of(SCHEMA).file(yaml("server:\n  allowed-hosts: [localhost, 127.0.0.1]\n")).load()
                .list("server.allowed-hosts")).containsExactly("localhost", "127.0.0.1");
        assertThat(problems(ConfigLoader.of(SCHEMA).file(yaml("server:\n  port: 1\n  port: 2\n"))).getMessage())
                .contains("not valid YAML").contains("port");
        assertThat(problems(ConfigLoader.of(SCHEMA).file(yaml("server: [\n"))).getMessage()).contains("not valid YAML");
        assertThat(problems(ConfigLoader.of(SCHEMA).file(yaml("- a\n- b\n"))).getMessage()).contains("must be a mapping");
        assertThat(problems(ConfigLoader.of(SCHEMA).file(dir.resolve("absent.yml"))).getMessage()).contains("does not exist");
        assertThat(problems(ConfigLoader.of(SCHEMA).file(yaml("server:\n  port:\n"))).getMessage()).contains("server.port")
                .contains("\"\" is not a whole number");
    }

    @Test
    void controlCharactersInAValueAreEscapedInTheError() throws IOException {
        Path f = yaml("server:\n  port: \"12\\u001b[31m\"\n");
        assertThat(problems(ConfigLoader.of(SCHEMA).file(f)).getMessage()).contains("12\\u001b[31m").doesNotContain("\u001b");
    }

    @Test
    void theReferenceListsEveryKeyWithItsDefaultAndEveryProfile() {
        String md = ConfigReference.markdown(SCHEMA);
        for (ConfigKey k : SCHEMA.keys()) {
            assertThat(md).contains("| `" + k.name() + "` |");
        }
        assertThat(md).contains("| `production` | `journal.durability: group-commit` | `server.token` | refused |");
    }

    @Test
    void aSchemaWithMistakesIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> ConfigSchema.of(List.of(ConfigKey.string("a", null, "x"), ConfigKey.string("a", null, "y")),
                List.of(new Profile("dev", Map.of(), List.of(), true, "")), "dev")).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> ConfigSchema.of(List.of(), List.of(new Profile("dev", Map.of("b", "1"), List.of(), true, "")),
                "dev")).hasMessageContaining("unknown key: b");
        assertThatThrownBy(() -> ConfigKey.string("Bad Key", null, "")).hasMessageContaining("name must be");
    }
}
