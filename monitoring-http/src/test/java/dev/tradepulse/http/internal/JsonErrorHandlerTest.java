package dev.tradepulse.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {

    @Test
    void a_505_is_called_http_version_not_supported_not_an_internal_error() {
        assertThat(JsonErrorHandler.message(505)).isEqualTo("http version not supported");
    }

    @Test
    void other_client_errors_get_their_own_reason_phrase() {
        assertThat(JsonErrorHandler.message(415)).isEqualTo("unsupported media type");
        assertThat(JsonErrorHandler.message(411)).isEqualTo("length required");
        assertThat(JsonErrorHandler.message(400)).isEqualTo("bad request");
        assertThat(JsonErrorHandler.message(500)).isEqualTo("internal error");
    }
}
