package dev.tradepulse.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradepulse.runtime.RuntimeSchema;
import dev.tradepulse.runtime.config.Config;
import dev.tradepulse.runtime.config.ConfigLoader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OtlpSettingsTest {

    private static Config config(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty("tradepulse.metrics.otlp." + keyValues[i], keyValues[i + 1]);
        }
        return ConfigLoader.of(RuntimeSchema.schema()).environment(Map.of()).systemProperties(p).load();
    }

    private static OtlpSettings settings(String... keyValues) {
        return OtlpSettings.from(config(keyValues), "bot", "host-1");
    }

    @Test
    void theDefaultsPushToTheLocalCollectorEveryThirtySecondsAsTheBotAndItsHost() {
        OtlpSettings s = settings();
        assertThat(s.endpoint()).isEqualTo("http://localhost:4318/v1/metrics");
        assertThat(s.step()).hasSeconds(30);
        assertThat(s.timeout()).hasSeconds(10);
        assertThat(s.headers()).isEmpty();
        assertThat(s.resourceAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("service.name", "bot",
                "service.instance.id", "host-1"));
    }

    @Test
    void resourceAttributesAddToTheBotsNameAndMayOverrideTheInstance() {
        OtlpSettings s = settings("resource-attributes", "deployment.environment=prod, service.instance.id=pod-7");
        assertThat(s.resourceAttributes()).containsEntry("deployment.environment", "prod")
                .containsEntry("service.instance.id", "pod-7").containsEntry("service.name", "bot");
        assertThatThrownBy(() -> settings("resource-attributes", "no-equals-sign"))
                .hasMessageContaining("metrics.otlp.resource-attributes").hasMessageContaining("not key=value");
        assertThatThrownBy(() -> settings("resource-attributes", "telemetry.sdk.name=x"))
                .hasMessageContaining("telemetry.sdk.name");
    }

    @Test
    void headersAreParsedAndNoMessageOrTextFormShowsTheirValues() {
        OtlpSettings s = settings("headers", "Authorization=Bearer topsecret-1, X-Tenant=t=1");
        assertThat(s.headers().get("Authorization").reveal()).isEqualTo("Bearer topsecret-1");
        assertThat(s.headers().get("X-Tenant").reveal()).isEqualTo("t=1");
        assertThat(s.toString()).contains("Authorization").doesNotContain("topsecret-1");

        assertThatThrownBy(() -> settings("headers", "Authorization: Bearer topsecret-1"))
                .hasMessage("metrics.otlp.headers: entry 1 is not name=value");
        assertThatThrownBy(() -> settings("headers", "A=1,Bad Name=topsecret-1"))
                .hasMessage("metrics.otlp.headers: the name of entry 2 is not an HTTP header name");
        assertThatThrownBy(() -> settings("headers", "Host=topsecret-1"))
                .hasMessageContaining("sets Host").message().doesNotContain("topsecret-1");
        assertThatThrownBy(() -> settings("headers", "A=topsecret-\u00e9"))
                .hasMessageContaining("non-ASCII").message().doesNotContain("topsecret");
        assertThatThrownBy(() -> settings("headers", "A=1,A=topsecret-1"))
                .hasMessageContaining("A is set twice").message().doesNotContain("topsecret-1");
    }

    @Test
    void theUrlIsHttpWithoutCredentialsSoThatItMayBeLoggedAndShown() {
        assertThat(settings("url", "https://otel.internal:4318/v1/metrics").endpoint())
                .isEqualTo("https://otel.internal:4318/v1/metrics");
        assertThatThrownBy(() -> settings("url", "ftp://otel.internal/v1/metrics")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> settings("url", "http://u:topsecret-1@otel/v1/metrics"))
                .hasMessageContaining("no user info").message().doesNotContain("topsecret-1");
        assertThatThrownBy(() -> settings("url", "http://otel/v1/metrics?api-key=topsecret-1"))
                .hasMessageContaining("query").message().doesNotContain("topsecret-1");
        assertThat(OtlpWiring.where(config("url", "http://u:topsecret-1@otel:4318/v1/metrics?k=topsecret-1")))
                .isEqualTo("http://otel:4318/v1/metrics");
    }

    @Test
    void theStepIsFromOneSecondToOneHourAndThePushesTimeoutIsShorter() {
        assertThatThrownBy(() -> settings("step", "500ms")).hasMessageContaining("from 1s to 1h");
        assertThatThrownBy(() -> settings("step", "2h")).hasMessageContaining("from 1s to 1h");
        assertThatThrownBy(() -> settings("step", "5s", "timeout", "5s"))
                .hasMessageContaining("metrics.otlp.timeout").hasMessageContaining("shorter than metrics.otlp.step");
        assertThat(settings("step", "5s", "timeout", "4s").timeout()).hasSeconds(4);
    }
}
