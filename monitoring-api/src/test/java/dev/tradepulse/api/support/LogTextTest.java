package dev.tradepulse.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void control_characters_are_escaped_so_one_message_stays_one_line() {
        assertThat(LogText.clean("a\r\nb\tc\u0007d\u2028e")).isEqualTo("a\\r\\nb\\tc\\u0007d\\u2028e");
    }

    @Test
    void terminal_escapes_and_unicode_line_breaks_are_escaped_like_cr_and_lf() {
        assertThat(LogText.clean("a\u001b[31mb\u0085c\u2028d\u2029e")).isEqualTo("a\\u001b[31mb\\u0085c\\u2028d\\u2029e");
    }

    @Test
    void long_text_is_cut_and_says_how_long_it_was() {
        assertThat(LogText.clean("x".repeat(1000))).isEqualTo("x".repeat(300) + "...(1000 chars)");
    }

    @Test
    void plain_text_and_null_pass_through() {
        assertThat(LogText.clean("timeout")).isEqualTo("timeout");
        assertThat(LogText.clean(null)).isEqualTo("null");
    }

    @Test
    void lookups_and_format_specifiers_are_left_as_text() {
        assertThat(LogText.describe(new IllegalStateException("${jndi:ldap://x} %s {}")))
                .isEqualTo("IllegalStateException: ${jndi:ldap://x} %s {}");
    }
}
