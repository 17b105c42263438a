package dev.tradepulse.api.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The word rules for names, as documented on {@link Redaction}. Immutable. */
final class SecretNames {

    static final Set<String> DEFAULT_WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase", "passcode",
            "secret", "token", "auth", "authorization", "bearer", "jwt", "cookie", "sessionid", "pin", "otp", "totp",
            "mnemonic", "seedphrase", "credential", "credentials", "creds", "signature", "apikey", "privatekey",
            "secretkey", "accesskey");
    /** With {@code key}: the name identifies or names something; it holds no key material. */
    private static final Set<String> KEY_IDENTIFIERS = Set.of("id", "ids", "public", "pub", "order", "idempotency",
            "partition", "sort", "routing", "cache", "primary", "foreign", "name", "type", "alias", "fingerprint",
            "hash", "version");
    /** Facts about a secret, not the secret. */
    private static final Set<String> METADATA = Set.of("count", "length", "len", "size", "max", "min", "limit",
            "used", "total", "expiry", "expires", "ttl", "age", "attempts");
    private static final Set<String> DIGEST = Set.of("hash", "digest", "checksum", "sha", "sha256", "sha512", "txid",
            "txhash", "fingerprint", "head", "prev", "root", "commit");

    static final SecretNames DEFAULTS = new SecretNames(DEFAULT_WORDS, List.of());
    static final SecretNames NONE = new SecretNames(Set.of(), List.of());

    private final Set<String> words;
    private final List<Pattern> patterns;
    private final boolean none;

    SecretNames(Set<String> words, List<Pattern> patterns) {
        this.words = Set.copyOf(words);
        this.patterns = List.copyOf(patterns);
        this.none = words.isEmpty() && patterns.isEmpty();
    }

    boolean isSecret(String name) {
        if (none) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        List<String> parts = words(name);
        if (parts.isEmpty()) {
            return false;
        }
        boolean metadata = false;
        boolean identifier = false;
        boolean key = false;
        for (String w : parts) {
            metadata |= METADATA.contains(w);
            identifier |= KEY_IDENTIFIERS.contains(w);
            key |= w.equals("key") || w.equals("keys");
        }
        if (metadata) {
            return false;
        }
        if (matchesWord(parts)) {
            return true;
        }
        return key && !identifier;
    }

    private boolean matchesWord(List<String> parts) {
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String w = parts.get(i);
            whole.append(w);
            if (words.contains(w) || i > 0 && words.contains(parts.get(i - 1) + w)) {
                return true;
            }
        }
        return parts.size() > 2 && words.contains(whole.toString());
    }

    static boolean isDigest(String name) {
        List<String> parts = words(name);
        for (int i = 0; i < parts.size(); i++) {
            if (DIGEST.contains(parts.get(i)) || i > 0 && DIGEST.contains(parts.get(i - 1) + parts.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** One word as {@link SecretNames} compares it: lower case, letters and digits only. */
    static String normalize(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /**
     * Splits at anything but letters and digits, at lower-to-upper case changes, before the last
     * capital of an acronym ({@code APIKey}: api, key) and between letters and digits.
     */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                if (start >= 0) {
                    out.add(name.substring(start, i).toLowerCase(Locale.ROOT));
                    start = -1;
                }
                continue;
            }
            if (start >= 0 && boundary(name.charAt(i - 1), c, i + 1 < name.length() ? name.charAt(i + 1) : ' ')) {
                out.add(name.substring(start, i).toLowerCase(Locale.ROOT));
                start = i;
            }
            if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            out.add(name.substring(start).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean boundary(char prev, char c, char next) {
        if (Character.isDigit(prev) != Character.isDigit(c)) {
            return true;
        }
        if (Character.isLowerCase(prev) && Character.isUpperCase(c)) {
            return true;
        }
        return Character.isUpperCase(prev) && Character.isUpperCase(c) && Character.isLowerCase(next);
    }
}
