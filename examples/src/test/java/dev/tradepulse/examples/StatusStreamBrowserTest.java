package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.alerts.AlertDispatcher;
import dev.tradepulse.alerts.AlertSections;
import dev.tradepulse.alerts.sinks.LogSink;
import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import dev.tradepulse.api.health.HealthResult;
import dev.tradepulse.health.HealthRegistry;
import dev.tradepulse.http.HealthServer;
import dev.tradepulse.http.StatusPage;
import dev.tradepulse.http.stream.StatusStream;
import dev.tradepulse.trading.PerformanceTracker;
import dev.tradepulse.trading.Side;
import dev.tradepulse.trading.Trade;
import dev.tradepulse.trading.status.TradingSections;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status stream from a page in Debian's headless Chromium: the page's own origin opens the
 * WebSocket (the token as the {@code bearer.} subprotocol, since a browser cannot set a header on
 * it), gets a SNAPSHOT, then the alert and the trade the bot records, as they happen.
 */
class StatusStreamBrowserTest {

    private static final String TOKEN = "browser-stream-token-0123456789";

    @TempDir
    Path dir;

    private ChromeDriver chromium() {
        Path chromium = Binaries.require("chromium", "chromium", "Status stream browser test");
        Path driver = Binaries.require("chromedriver", "chromium-driver", "Status stream browser test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void a_page_opens_the_stream_gets_a_snapshot_and_then_the_alert_and_trade_as_they_happen() throws Exception {
        ChromeDriver browser = chromium();
        HealthRegistry health = HealthRegistry.builder().build();
        health.register("exchange", HealthResult::healthy);
        PerformanceTracker momentum = PerformanceTracker.builder("momentum").build();
        try (AlertDispatcher alerts = AlertDispatcher.builder().sink(LogSink.create()).build();
                HealthServer server = HealthServer.builder(health).bearerToken(TOKEN).port(0)
                        .statusPage(StatusPage.builder(health).section(AlertSections.active(alerts))
                                .section(TradingSections.strategies(List.of(
                                        new TradingSections.Strategy(momentum, null))))
                                .webSocket(StatusStream.ofDefaults()).build())
                        .start()) {
            // the page's origin: the status page itself, whose CSP allows connect-src 'self'
            browser.get(server.uri() + "/");
            JavascriptExecutor js = browser;
            String protocol = "bearer." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
            js.executeScript("""
                    window.__messages = [];
                    window.__protocol = null;
                    const ws = new WebSocket('ws://' + location.host + '/ws', ['tradepulse.v1', arguments[0]]);
                    ws.onopen = () => { window.__protocol = ws.protocol; };
                    ws.onmessage = (e) => window.__messages.push(JSON.parse(e.data));
                    window.__ws = ws;
                    """, protocol);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> count(js, "SNAPSHOT") > 0);
            assertThat(js.executeScript("return window.__protocol;")).isEqualTo("tradepulse.v1");
            assertThat(js.executeScript("return window.__messages[0].v === 1 && window.__messages[0].seq === 1"
                    + " && window.__messages[0].payload.details === true;")).isEqualTo(true);

            alerts.fire(Alert.builder("daily-loss", Severity.CRITICAL, "daily loss <b>-15.2%</b>").build());
            wait.until(d -> count(js, "SYSTEM_ALERT") > 0);
            assertThat(js.executeScript("const m = window.__messages.find(m => m.type === 'SYSTEM_ALERT');"
                    + " return m.payload.event.details.summary;")).isEqualTo("daily loss <b>-15.2%</b>");

            Instant now = Instant.now();
            momentum.recordTrade(new Trade("BTCUSDT", Side.BUY, 100, 110, 1, 10, 0, now.minusSeconds(60), now));
            wait.until(d -> count(js, "TRADE_ALERT") > 0);
            assertThat(js.executeScript("const m = window.__messages.find(m => m.type === 'TRADE_ALERT');"
                    + " return m.payload.strategy + ' ' + m.payload.event.details.symbol;"))
                    .isEqualTo("momentum BTCUSDT");

            js.executeScript("window.__ws.send(JSON.stringify({type: 'REQUEST_SNAPSHOT'}));");
            wait.until(d -> count(js, "SNAPSHOT") > 1);
            js.executeScript("window.__ws.close();");
        } finally {
            browser.quit();
            health.close();
        }
    }

    private static long count(JavascriptExecutor js, String type) {
        Object n = js.executeScript("return window.__messages.filter(m => m.type === arguments[0]).length;", type);
        return n instanceof Number number ? number.longValue() : 0;
    }
}
