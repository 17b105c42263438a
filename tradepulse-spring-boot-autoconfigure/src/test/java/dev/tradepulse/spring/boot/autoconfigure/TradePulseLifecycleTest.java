package dev.tradepulse.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.AlertSink;
import dev.tradepulse.api.alert.Notification;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.compliance.Checkpoints;
import dev.tradepulse.compliance.verify.JournalVerifier;
import dev.tradepulse.compliance.verify.Verification;
import dev.tradepulse.runtime.TradePulse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TradePulseLifecycleTest {

    @TempDir
    Path dir;

    /** Records every alert it is sent, and whether the web server was still running at each resolve. */
    static final class RecordingSink implements AlertSink {
        final List<Alert> received = new CopyOnWriteArrayList<>();
        final List<Boolean> webServerRunningAtResolve = new CopyOnWriteArrayList<>();
        volatile @Nullable SmartLifecycle webServer;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void deliver(Notification notification) {
            for (Alert a : notification.alerts()) {
                SmartLifecycle w = webServer;
                if (a.status() == Alert.Status.RESOLVED && w != null) {
                    webServerRunningAtResolve.add(w.isRunning());
                }
                received.add(a);
            }
        }

        Set<String> keys(Alert.Status status) {
            return received.stream().filter(a -> a.status() == status).map(Alert::key).collect(Collectors.toSet());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        RecordingSink recordingSink() {
            return new RecordingSink();
        }

        @Bean
        TradePulseBuilderCustomizer recordingSinkCustomizer(RecordingSink sink) {
            return builder -> builder.sink(sink);
        }
    }

    private static SmartLifecycle lifecycle(ConfigurableApplicationContext context, String simpleName) {
        return context.getBeansOfType(SmartLifecycle.class).values().stream()
                .filter(l -> l.getClass().getSimpleName().equals(simpleName)).findFirst().orElseThrow();
    }

    @Test
    void onContextCloseTradePulseStopsAfterTheGracefulShutdownAndBeforeTheWebServerWithItsJournalCheckpointedAndItsAlertsResolved()
            throws Exception {
        Path data = dir.resolve("data");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).properties(
                "server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                "tradepulse.profile=testing", "tradepulse.data-dir=" + data).run();
        SmartLifecycle graceful = lifecycle(context, "WebServerGracefulShutdownLifecycle");
        SmartLifecycle webServer = lifecycle(context, "WebServerStartStopLifecycle");
        TradePulseLifecycle tradePulseLifecycle = context.getBean(TradePulseLifecycle.class);
        RecordingSink sink = context.getBean(RecordingSink.class);
        sink.webServer = webServer;
        TradePulse tp = context.getBean(TradePulse.class);
        assertThat(tradePulseLifecycle.isRunning()).isTrue();

        tp.alerts().fire(Alert.builder("feed-stale:binance", Severity.HIGH, "market data is 90 s old").build());
        tp.alerts().fire(Alert.builder("exchange-errors:binance", Severity.CRITICAL, "5 failed orders").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.keys(Alert.Status.FIRING).size() == 2);
        context.close();

        assertThat(tradePulseLifecycle.getPhase()).isLessThan(graceful.getPhase()).isGreaterThan(webServer.getPhase());
        assertThat(tradePulseLifecycle.isRunning()).isFalse();
        assertThat(sink.keys(Alert.Status.RESOLVED)).as("every fired alert resolved")
                .isEqualTo(sink.keys(Alert.Status.FIRING));
        assertThat(sink.webServerRunningAtResolve).as("TradePulse closed before the web server stopped")
                .isNotEmpty().containsOnly(true);
        Verification v = JournalVerifier.withKey(Checkpoints.hmacVerifier(
                HexFormat.of().parseHex(Files.readString(data.resolve("audit.key")).strip()))).verify(data.resolve("audit"));
        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThat(v.checkpoints()).isPositive();
        assertThat(v.unsignedTail()).as("the closing checkpoint covers the last line").isZero();
    }
}
