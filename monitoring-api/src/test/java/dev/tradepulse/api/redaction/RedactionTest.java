package dev.tradepulse.api.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

    private static final Redaction R = Redaction.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "api_key", "apikey",
        "api-key", "apiKey", "X-API-KEY", "key", "old_key", "new_key", "private_key", "privateKey", "signing_key",
        "auth", "authorization", "Authorization", "cookie", "Set-Cookie", "session_id", "sessionid", "sessionId", "pin",
        "otp", "mnemonic", "seed_phrase", "seedPhrase", "credential", "credentials", "signature", "db.password",
        "client_secret", "access_token", "refresh-token", "private_key_id", "exchange.binance.api_key", "PASSWORD",
        "user_pwd2", "keys"})
    void these_names_are_secret(String name) {
        assertThat(R.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"monkey", "keyboard", "keystore_path", "author", "passenger", "spin", "tokenizer",
        "order_key", "idempotency_key", "partition_key", "key_id", "public_key", "max_tokens", "token_count",
        "password_age", "pin_attempts", "symbol", "order_id", "quantity", "session", "seed", "bypass", "compass",
        "description", "", "---"})
    void these_names_are_not_secret(String name) {
        assertThat(R.isSecretName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "login with password=hunter2 ok",
        "login failed: password=hunter2",
        "url=https://x/y?a=1 pwd=hunter2",
        "pwd: hunter2",
        "PASS=hunter2",
        "passphrase = 'correct horse battery'",
        "{\"api_key\":\"abc123\",\"user\":\"bob\"}",
        "Authorization: Basic dXNlcjpwYXNz",
        "header Authorization: Bearer abc.def.ghi",
        "curl -H 'X-Api-Key: 12345678'",
        "jdbc:postgresql://trader:hunter2@db.internal:5432/prod",
        "jdbc:mysql://db/prod?user=trader&password=hunter2",
        "jdbc:oracle:thin:trader/hunter2@db:1521:orcl",
        "redis://:hunter2@cache:6379",
        "session_id=abcdef; Path=/",
        "otp=123456",
        "pin: 4321",
    })
    void secret_pairs_and_user_info_lose_their_secret(String text) {
        String out = R.redact(text);
        assertThat(out).contains(Redaction.MARKER).doesNotContain("hunter2", "dXNlcjpwYXNz", "abc123", "12345678",
                "abcdef", "123456", "4321", "correct horse", "abc.def.ghi");
    }

    @Test
    void each_known_secret_shape_is_found_in_free_text() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("hooks.slack.com/services/T0ABC123/B0DEF456/XyZ123abcDEF456ghiJKL789", "XyZ123abcDEF456ghiJKL789");
        cases.put("https://discord.com/api/webhooks/123456789012345678/AbC-dEf_123456789", "AbC-dEf_123456789");
        cases.put("https://api.telegram.org/bot123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0/sendMessage",
                "AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0");
        cases.put("token 123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0 leaked", "AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0");
        cases.put("hmac 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 used",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        cases.put("eth 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
                "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        cases.put("aws id AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE");
        cases.put("aws secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        cases.put("key sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc");
        cases.put("Bearer eyJhbGciOiJIUzI1NiJ9", "eyJhbGciOiJIUzI1NiJ9");
        cases.put("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sflKxwRJSMeKKF2QT4f", "eyJzdWIiOiIxMjM0In0");
        cases.put("slack xoxb-123456789012-abcdefghijkl", "xoxb-123456789012");
        cases.put("gh ghp_16C7e42F292c6912E7710c838347Ae178B4a ok", "16C7e42F292c6912E7710c838347Ae178B4a");
        cases.put("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA");
        cases.put("mixed Ab3dEf7hIj1lMn5pQr9tUv2xYz4bCd6f", "Ab3dEf7hIj1lMn5pQr9tUv2xYz4bCd6f");
        cases.forEach((text, secret) -> assertThat(R.redact(text)).as(text).contains(Redaction.MARKER)
                .doesNotContain(secret));
    }

    @Test
    void plain_text_is_returned_as_the_same_instance() {
        for (String text : new String[] {"BTCUSDT", "filled", "o-1", "momentum-strategy-7", "Basic Information page",
            "time 12:30:45 price=64210.5", "https://example.com/path?q=1", "user@example.com",
            "a bearer of bad news"}) {
            assertThat(R.redact(text)).as(text).isSameAs(text);
        }
    }

    @Test
    void a_hex_digest_is_kept_only_as_the_whole_value_of_a_digest_name() {
        String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThat(R.redactValue("order_hash", hash)).isEqualTo(hash);
        assertThat(R.redactValue("txId", "0x" + hash)).isEqualTo("0x" + hash);
        assertThat(R.redactValue("note", hash)).isEqualTo(Redaction.MARKER);
        assertThat(R.redactValue("order_hash", "secret " + hash)).doesNotContain(hash);
        assertThat(R.redactValue("api_key", "short")).isEqualTo(Redaction.MARKER);
    }

    @Test
    void details_lose_secret_values_and_secret_looking_names_in_order() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("password", "hunter2");
        in.put("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "user-1");
        in.put("Bearer abcdefghijklmnop", 5);
        in.put("error", "connect failed: jdbc:postgresql://u:hunter2@h/db");
        in.put("nested", Map.of("token", "t", "list", List.of("pwd=hunter2", 3)));
        in.put("count", 3);
        in.put("pin", 1234);
        in.put("nothing", null);
        in.put("password_valid", false);
        Map<String, Object> out = R.redactDetails(in);
        assertThat(out.keySet()).containsExactly("password", "[REDACTED]#1", "[REDACTED]#2", "error", "nested",
                "count", "pin", "nothing", "password_valid");
        assertThat(out.toString()).doesNotContain("hunter2", "4eC39HqLyjWDarjtT1zdp7dc", "abcdefghijklmnop");
        assertThat(out.get("count")).isEqualTo(3);
        assertThat(out.get("pin")).isEqualTo(Redaction.MARKER);
        assertThat(out.get("nothing")).isNull();
        assertThat(out.get("password_valid")).isEqualTo(false);
        assertThat(out.get("[REDACTED]#1")).isEqualTo("user-1");
    }

    @Test
    void users_add_names_and_patterns_to_the_defaults() {
        Redaction r = Redaction.builder().secretNames("X-MBX-APIKEY", "broker_code").secretNamePattern(
                Pattern.compile("(?i)acct_.*")).valuePattern(Pattern.compile("ACCT-(?<secret>\\d{12})")).build();
        assertThat(r.isSecretName("x-mbx-apikey")).isTrue();
        assertThat(r.isSecretName("brokerCode")).isTrue();
        assertThat(r.isSecretName("acct_no")).isTrue();
        assertThat(r.isSecretName("password")).as("defaults kept").isTrue();
        assertThat(r.redact("moved to ACCT-123456789012 today")).isEqualTo("moved to ACCT-[REDACTED] today");
        assertThat(r.redact("password=x1")).isEqualTo("password=[REDACTED]");
        assertThat(Redaction.none().redact("password=hunter2")).isEqualTo("password=hunter2");
        assertThat(Redaction.none().isSecretName("password")).isFalse();
    }

    @Test
    void a_user_pattern_that_overflows_the_stack_redacts_the_whole_text_instead_of_throwing() {
        Redaction r = Redaction.builder().valuePattern(Pattern.compile("(a|b)*c")).build();
        assertThat(r.redact("ab".repeat(200_000))).isEqualTo(Redaction.MARKER);
    }

    @Test
    void bad_arguments_are_rejected_naming_the_parameter() {
        assertThatThrownBy(() -> R.redact(null)).hasMessage("text must not be null");
        assertThatThrownBy(() -> R.isSecretName(null)).hasMessage("name must not be null");
        assertThatThrownBy(() -> Redaction.builder().secretNames("--")).hasMessageContaining("names must have a letter");
        assertThatThrownBy(() -> Redaction.builder().valuePattern(null)).hasMessage("pattern must not be null");
    }

    @Test
    void a_megabyte_of_hostile_text_is_scanned_without_blowing_up() {
        for (String text : new String[] {"a".repeat(1_000_000), "aB3".repeat(400_000), "x=".repeat(500_000),
            "password=\"".repeat(100_000), "a:b@".repeat(250_000), "-----BEGIN PRIVATE KEY-----" + "A".repeat(1_000_000)}) {
            String out = R.redact(text);
            assertThat(out.length()).isLessThanOrEqualTo(text.length() + 16);
        }
    }
}
