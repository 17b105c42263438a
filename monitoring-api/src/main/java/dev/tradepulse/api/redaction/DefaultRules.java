package dev.tradepulse.api.redaction;

import static dev.tradepulse.api.redaction.ValueRule.anyOf;
import static dev.tradepulse.api.redaction.ValueRule.run;
import static dev.tradepulse.api.redaction.ValueRule.word;

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

    /** Texts shorter than this are matched only by rules that need a mark {@link #shortMayMatch} looks for. */
    static final int SHORT = 16;

    /**
     * Whether a text shorter than {@link #SHORT} may hold a secret: the rules that match such
     * texts (pairs, URL user info, Basic and Bearer) each need a {@code :}, {@code =}, {@code @}
     * or white space. One loop over a few chars instead of a rule-by-rule check on every symbol,
     * side and venue of every order event.
     */
    static boolean shortMayMatch(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == ':' || c == '=' || c == '@') { // regex \s is [ \t\n\x0B\f\r]
                return true;
            }
        }
        return false;
    }

    private static boolean alnum(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean hex(int c) {
        return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c >= '0' && c <= '9';
    }

    private static boolean base64(int c) {
        return alnum(c) || c == '/' || c == '+';
    }

    private static boolean keyChar(int c) {
        return alnum(c) || c == '_' || c == '-';
    }

    /** Sorted by {@code minLength}: {@link DefaultRedaction} stops at the first rule a text is too short for. */
    static List<ValueRule> create(SecretNames names) {
        return List.of(
                // name=value, name: value, "name":"value", when the name is secret
                new ValueRule(Pattern.compile("(?<![A-Za-z0-9_.-])[\"']?(?<name>[A-Za-z][A-Za-z0-9_.-]{0,127})[\"']?"
                        + "[ \\t]{0,4}[:=][ \\t]{0,4}"), 3, anyOf(":="), m -> names.isSecret(m.group("name")),
                        Pattern.compile("\"[^\"\\r\\n]*\"?|'[^'\\r\\n]*'?|" + SCHEME + "[^\\s,;&\"'<>(){}\\[\\]]+"),
                        false),
                // user info in a URL or JDBC URL: scheme://user:password@host
                ValueRule.of("\\b[A-Za-z][A-Za-z0-9+.-]{1,31}://[^\\s/?#@:]{0,256}:(?<secret>[^\\s/?#@]{1,512})@", 8,
                        anyOf("@").and(t -> t.contains("://"))),
                // Basic + base64 with upper and lower case after its first character: not "Basic Information"
                ValueRule.of("\\b(?i:basic)\\s+[A-Za-z0-9+/](?=[A-Za-z0-9+/]{0,4096}[A-Z])"
                        + "(?=[A-Za-z0-9+/]{0,4096}[a-z0-9])[A-Za-z0-9+/]{5,}={0,2}", 12, word("basic")),
                ValueRule.of("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}", 15, word("bearer")),
                ValueRule.of("\\bxox[abeoprs]-[A-Za-z0-9-]{10,}", 15, t -> t.contains("xox")),
                ValueRule.of("(?i)\\bjdbc:oracle:[a-z]+:[^\\s/@:]{1,128}/(?<secret>[^\\s@]{1,512})@", 16,
                        anyOf("@").and(word("oracle"))),
                ValueRule.of("(?i)\\b(?:sk|pk|rk|api|key|secret|token)[-_][A-Za-z0-9_-]{16,}", 19,
                        anyOf("-_").and(run(DefaultRules::keyChar, 19))),
                ValueRule.of("\\bgh[pousr]_[A-Za-z0-9]{30,}", 34, anyOf("_")),
                ValueRule.of("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*", 20,
                        t -> t.contains("eyJ")),
                ValueRule.of("\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\\b", 20,
                        run(DefaultRules::alnum, 20).and(anyOf("A"))),
                ValueRule.of("(?i)hooks\\.slack(?:-gov)?\\.com/(?:services|workflows|triggers)/"
                        + "(?<secret>[A-Za-z0-9_/-]{8,})", 30, word("hooks.slack")),
                ValueRule.of("(?i)discord(?:app)?\\.com/api(?:/v\\d{1,2})?/webhooks/"
                        + "(?<secret>\\d{1,30}/[A-Za-z0-9._-]+)", 30, word("discord")),
                ValueRule.of("-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY-----[\\s\\S]*?"
                        + "(?:-----END (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY-----|\\z)", 30,
                        t -> t.contains("PRIVATE KEY")),
                ValueRule.of("\\b(?=[A-Za-z0-9]{0,4096}[a-z])(?=[A-Za-z0-9]{0,4096}[A-Z])(?=[A-Za-z0-9]{0,4096}[0-9])"
                        + "[A-Za-z0-9]{32,}\\b", 32, run(DefaultRules::alnum, 32)),
                ValueRule.of("(?<![A-Za-z0-9_])(?:bot)?\\d{5,12}:[A-Za-z0-9_-]{30,}", 36,
                        anyOf(":").and(run(DefaultRules::keyChar, 30))),
                ValueRule.of("(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                        + "(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", 40,
                        run(DefaultRules::base64, 40)),
                new ValueRule(Pattern.compile("(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{64,}(?![0-9A-Za-z])"), 64,
                        run(DefaultRules::hex, 64), null, null, true));
    }
}
