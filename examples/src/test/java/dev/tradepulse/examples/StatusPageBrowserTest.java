package dev.tradepulse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.alert.Alert;
import dev.tradepulse.api.alert.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The status page in Debian's headless Chromium, driven by Selenium through Debian's chromedriver. */
class StatusPageBrowserTest {

    @TempDir
    Path dir;

    private ChromeDriver chromium() {
        Path chromium = Binaries.require("chromium", "chromium", "Status page browser test");
        Path driver = Binaries.require("chromedriver", "chromium-driver", "Status page browser test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // No internet here: everything that would phone home is off, and the profile is fresh.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void the_page_renders_live_values_receives_an_alert_over_sse_and_shows_when_the_bot_is_gone() throws Exception {
        ChromeDriver browser = chromium();
        try (RunningDemo demo = RunningDemo.start(dir.resolve("data"), Duration.ofSeconds(40))) {
            // The page re-renders from each SSE snapshot, so elements go stale: read through waits.
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class);
            java.util.function.Function<String, String> text = css -> wait.until(d -> d.findElement(By.cssSelector(css))
                    .getText());
            java.util.function.BiFunction<String, String, String> attr = (css, name) -> wait.until(d -> d.findElement(
                    By.cssSelector(css)).getAttribute(name));
            browser.get(demo.uri() + "/#token=" + demo.started.token());
            wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
            assertThat(browser.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");

            wait.until(d -> !d.findElements(By.cssSelector("[data-section=health] .card")).isEmpty());
            String journal = "[data-section=health] [data-title=audit-journal]";
            assertThat(text.apply(journal + " .badge")).contains("healthy");
            assertThat(attr.apply(journal, "data-tone")).isEqualTo("ok");
            wait.until(d -> !d.findElement(By.cssSelector("[data-title=momentum] [data-field=equity]")).getText()
                    .equals("n/a"));
            String momentum = "[data-section=strategies] [data-title=momentum]";
            assertThat(text.apply(momentum + " [data-field=equity]")).matches("[0-9,]+\\.[0-9]{2}");
            assertThat(text.apply(momentum + " [data-field='win rate']")).isNotBlank();
            assertThat(text.apply(momentum + " .badge")).contains("running");
            assertThat(text.apply("[data-section=breakers] [data-title=exchange] .badge")).isNotBlank();
            PageProbe probe = new PageProbe(browser);

            // Routine audit rows name what was traded: symbol, quantity and price.
            wait.until(d -> probe.auditRows().stream().anyMatch(r -> "ORDER_EVENT".equals(r.get("Type"))));
            Map<String, Object> order = probe.auditRows().stream().filter(r -> "ORDER_EVENT".equals(r.get("Type")))
                    .findFirst().orElseThrow();
            assertThat(order.get("Symbol")).isEqualTo("BTCUSDT");
            assertThat((String) order.get("Quantity")).matches("[0-9]+(\\.[0-9]+)?");
            assertThat((String) order.get("Price")).matches("[0-9,]+\\.[0-9]{2}");

            // An alert fired in the bot appears without a reload, its summary as text, never as markup.
            JavascriptExecutor js = browser;
            js.executeScript("window.__sameDocument = true;");
            demo.started.alerts().fire(Alert.builder("browser-test", Severity.CRITICAL,
                    "Injected <b>by</b> the browser test").build());
            wait.until(d -> d.findElement(By.id("s-alerts")).getText().contains("Injected <b>by</b> the browser test"));
            assertThat(text.apply("#s-alerts")).contains("CRITICAL (P1)");
            assertThat(js.executeScript("return window.__sameDocument === true;")).isEqualTo(true);
            assertThat(browser.findElements(By.cssSelector("#s-alerts b"))).isEmpty();

            // A HIGH (P2) alert is a warning, in words and in colour; only CRITICAL (P1) is critical.
            demo.started.alerts().fire(Alert.builder("browser-high", Severity.HIGH, "A high alert").build());
            wait.until(d -> d.findElement(By.id("s-alerts")).getText().contains("browser-high"));
            String highRow = wait.until(d -> d.findElements(By.cssSelector("#s-alerts tbody tr")).stream()
                    .filter(tr -> tr.getText().contains("browser-high")).map(tr -> tr.getAttribute("data-tone")
                            + "|" + tr.findElement(By.cssSelector(".badge")).getText()).findFirst().orElse(null));
            assertThat(highRow).startsWith("warn|").contains("warning").doesNotContain("critical");

            // The flash crash halts the leveraged strategy; the page says so in words, not only in red.
            new WebDriverWait(browser, Duration.ofSeconds(45)).ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(
                    By.cssSelector("[data-title=mean-reversion] .badge")).getText().contains("HALTED"));

            // The headline tells the truth: health may pass, but a halted strategy and a P1 alert make it critical.
            wait.until(d -> "critical".equals(d.findElement(By.id("overall")).getAttribute("data-tone")));
            assertThat(text.apply("#overall-state")).isEqualTo("critical");
            assertThat(text.apply("#reasons")).contains("Strategies: mean-reversion HALTED").contains("critical");
            assertThat(browser.getTitle()).isEqualTo("TradePulse demo bot status: critical");

            // Desktop: strategy cards have room, nothing breaks inside a word, the chart is labelled.
            assertThat(probe.width("[data-section=strategies] .card")).as("strategy card width").isGreaterThanOrEqualTo(300);
            layoutHolds(probe);
            screenshot(browser, "status-page.png");

            browser.manage().window().setSize(new Dimension(390, 1400));
            wait.until(d -> ((Number) js.executeScript("return window.innerWidth;")).intValue() <= 400);
            assertThat(probe.scrollsSideways()).as("sideways scrolling at phone width: %s", probe.widerThanTheWindow())
                    .isFalse();
            assertThat(probe.outside("#s-alerts", "#s-alerts td, #s-alerts .badge")).as("alerts off the card").isEmpty();
            assertThat(probe.outside("#s-audit", "#s-audit td")).as("audit rows off the card").isEmpty();
            assertThat(probe.width("[data-section=strategies] .card")).as("a phone's strategy card")
                    .isGreaterThanOrEqualTo(probe.width("[data-section=strategies] .cards") - 1);
            layoutHolds(probe);
            screenshot(browser, "status-page-phone.png");

            demo.stop();
            wait.until(d -> "disconnected".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
            assertThat(text.apply("#connection")).startsWith("Disconnected");
            assertThat(attr.apply("body", "class")).contains("disconnected");
        } finally {
            browser.quit();
        }
    }

    /** No word or number is split over two lines, and each equity chart shows its high, low and last value. */
    private static void layoutHolds(PageProbe probe) {
        assertThat(probe.brokenWords("[data-section=strategies] .card, [data-section=health] .card h3, #s-alerts td"))
                .as("words broken across lines").isEmpty();
        assertThat(probe.wrapped("td.time")).as("timestamps wrapped over two lines").isEmpty();
        for (String strategy : List.of("momentum", "mean-reversion")) {
            Map<String, Object> chart = probe.chart("[data-section=strategies] [data-title=" + strategy + "]");
            assertThat(chart.get("guides")).as("guides at the high and the low").isEqualTo(2L);
            assertThat(chart.get("last")).as(strategy + "'s last value is its equity").isEqualTo(chart.get("equity"));
            double max = number(chart.get("max"));
            double min = number(chart.get("min"));
            double last = number(chart.get("last"));
            assertThat(min).isLessThan(max);
            assertThat(last).isBetween(min, max);
        }
    }

    private static double number(Object label) {
        return Double.parseDouble(String.valueOf(label).replace(",", ""));
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);
    }
}
