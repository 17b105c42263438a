package dev.tradepulse.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A 429 from a peer that writes its wait oddly is still a 429 with a wait, never a crash. */
class TelegramApiTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private TelegramApi answering(String retryAfterHeader, String body) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Retry-After", retryAfterHeader);
            exchange.sendResponseHeaders(429, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new TelegramApi(base, "123:secret", HttpClient.newHttpClient());
    }

    @Test
    void anExponentRetryAfterHeaderIsReadAsAWaitNotThrownAsANumberFormatException() throws Exception {
        TelegramApi api = answering("1e9", "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\"}");

        TelegramApi.ApiException e = catchThrowableOfType(TelegramApi.ApiException.class,
                () -> api.answerCallbackQuery("q", Duration.ofSeconds(5)));

        assertThat(e.status).isEqualTo(429);
        assertThat(e.retryAfter).contains(Duration.ofSeconds(1_000_000_000L));
    }

    @Test
    void aFractionalRetryAfterInTheBodyWinsAndJunkInTheHeaderIsIgnored() throws Exception {
        TelegramApi api = answering("soon", "{\"ok\":false,\"error_code\":429,\"description\":\"x\","
                + "\"parameters\":{\"retry_after\":2.5}}");

        TelegramApi.ApiException e = catchThrowableOfType(TelegramApi.ApiException.class,
                () -> api.answerCallbackQuery("q", Duration.ofSeconds(5)));

        assertThat(e.retryAfter).contains(Duration.ofMillis(2500));
    }

    @Test
    void junkEverywhereIsA429WithoutAWait() throws Exception {
        TelegramApi api = answering("soon", "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":\"later\"}}");

        TelegramApi.ApiException e = catchThrowableOfType(TelegramApi.ApiException.class,
                () -> api.answerCallbackQuery("q", Duration.ofSeconds(5)));

        assertThat(e.status).isEqualTo(429);
        assertThat(e.retryAfter).isEmpty();
    }
}
