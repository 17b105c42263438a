package dev.tradepulse.core.redaction;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The default value patterns. Each is anchored on a boundary or a literal and has bounded
 * repetition where it could otherwise scan a long text again from every position, so that a
 * megabyte of hostile text costs one pass per pattern.
 */
final class DefaultRules {

    private static final String SCHEME = "(?:(?i:basic|bearer|digest|negotiate|token|apikey)\\s+)?";

    private DefaultRules() {
    }

    static List<ValueRule> create(SecretNames names) {
        return List.of(
                // name=value, name: value, "name":"value", when the name is secret
                new ValueRule(Pattern.compile("(?<![A-Za-z0-9_.-])[\"']?(?<name>[A-Za-z][A-Za-z0-9_.-]{0,127})[\"']?"
                        + "[ \\t]{0,4}[:=][ \\t]{0,4}"), 3, ":=", m -> names.isSecret(m.group("name")),
                        Pattern.compile("\"[^\"\\r\\n]*\"?|'[^'\\r\\n]*'?|" + SCHEME + "[^\\s,;&\"'<>(){}\\[\\]]+"),
                        false),
                ValueRule.of("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}", 15, null),
                // Basic + base64 with upper and lower case after its first character: not "Basic Information"
                ValueRule.of("\\b(?i:basic)\\s+[A-Za-z0-9+/](?=[A-Za-z0-9+/]{0,4096}[A-Z])(?=[A-Za-z0-9+/]{0,4096}[a-z0-9])"
                        + "[A-Za-z0-9+/]{5,}={0,2}", 12, null),
                // user info in a URL or JDBC URL: scheme://user:password@host
                ValueRule.of("\\b[A-Za-z][A-Za-z0-9+.-]{1,31}://[^\\s/?#@:]{0,256}:(?<secret>[^\\s/?#@]{1,512})@", 8, "@"),
                ValueRule.of("(?i)\\bjdbc:oracle:[a-z]+:[^\\s/@:]{1,128}/(?<secret>[^\\s@]{1,512})@", 16, "@"),
                ValueRule.of("(?i)hooks\\.slack(?:-gov)?\\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9_/-]{8,})",
                        30, "/"),
                ValueRule.of("(?i)discord(?:app)?\\.com/api(?:/v\\d{1,2})?/webhooks/(?<secret>\\d{1,30}/[A-Za-z0-9._-]+)", 30,
                        "/"),
                ValueRule.of("(?<![A-Za-z0-9_])(?:bot)?\\d{5,12}:[A-Za-z0-9_-]{30,}", 36, ":"),
                ValueRule.of("\\bxox[abeoprs]-[A-Za-z0-9-]{10,}", 15, "-"),
                ValueRule.of("\\bgh[pousr]_[A-Za-z0-9]{30,}", 34, "_"),
                ValueRule.of("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*", 20, "."),
                ValueRule.of("-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY-----[\\s\\S]*?"
                        + "(?:-----END (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY-----|\\z)", 30, "-"),
                ValueRule.of("\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\\b", 20, null),
                ValueRule.of("(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                        + "(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", 40, null),
                ValueRule.of("(?i)\\b(?:sk|pk|rk|api|key|secret|token)[-_][A-Za-z0-9_-]{16,}", 19, "-_"),
                new ValueRule(Pattern.compile("(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{64,}(?![0-9A-Za-z])"), 64, null, null,
                        null, true),
                ValueRule.of("\\b(?=[A-Za-z0-9]{0,4096}[a-z])(?=[A-Za-z0-9]{0,4096}[A-Z])(?=[A-Za-z0-9]{0,4096}[0-9])"
                        + "[A-Za-z0-9]{32,}\\b", 32, null));
    }
}
