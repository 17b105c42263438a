package dev.tradepulse.api.redaction;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what monitoring writes: the audit journal, its log mirror, health messages
 * and details. Immutable and thread-safe; build one and share it.
 *
 * <p>Two kinds of rules:
 * <ul>
 *   <li><b>Secret names.</b> The value of a detail, field or {@code name=value} pair whose name
 *   is secret is replaced by {@link #MARKER} as a whole. A name is split into words at
 *   separators ({@code _ - . :} and others), at camelCase and at digits, and compared in lower
 *   case; it is secret when a word, two adjacent words joined ({@code api_key}, {@code session_id},
 *   {@code seed_phrase}) or the whole name is one of: {@code password passwd pwd pass passphrase
 *   passcode secret token auth authorization bearer jwt cookie sessionid pin otp totp mnemonic
 *   seedphrase credential credentials creds signature apikey privatekey secretkey accesskey}.
 *   Words are whole: {@code author}, {@code monkey}, {@code keyboard}, {@code passenger} and
 *   {@code max_tokens} are not secret.
 *   <br>The word {@code key} (or {@code keys}) makes a name secret ({@code key}, {@code old_key},
 *   {@code new_key}, {@code signing_key}, {@code x-api-key}) unless the name also has a word that
 *   marks it as naming or identifying something rather than holding key material: {@code id ids
 *   public pub order idempotency partition sort routing cache primary foreign name type alias
 *   fingerprint hash version}. So {@code order_key}, {@code idempotency_key}, {@code key_id}
 *   and {@code public_key} are kept; a word from the list above still wins
 *   ({@code private_key_id} is secret).
 *   <br>Metadata about a secret is not the secret: a name with a word {@code count length len
 *   size max min limit used total expiry expires ttl age attempts} is not secret by the word
 *   list ({@code token_count}, {@code password_age}, {@code pin_attempts}).</li>
 *   <li><b>Value patterns</b>, applied to any free text: {@code name=value}, {@code name: value}
 *   and {@code "name":"value"} pairs whose name is secret (the value, with an auth scheme such
 *   as {@code Basic} or {@code Bearer} in front of it); {@code Bearer} and {@code Basic}
 *   credentials; the password in URL or JDBC user info ({@code postgresql://u:pw@h/db},
 *   {@code jdbc:oracle:thin:u/pw@h}); Slack and Discord webhook URLs (the part after
 *   {@code /services/} or {@code /webhooks/}); Telegram bot tokens ({@code bot123456:AA...});
 *   Slack ({@code xoxb-...}) and GitHub ({@code ghp_...}) tokens; JSON Web Tokens; PEM private
 *   key blocks; AWS access key ids ({@code AKIA...}) and 40-character secret keys (base64 with
 *   upper and lower case and a digit); keys with a prefix such as {@code sk_live_...} or
 *   {@code api-...}; runs of 64 or more hex digits; and runs of 32 or more letters and digits
 *   mixing upper case, lower case and digits.</li>
 * </ul>
 * A bare hex digest is not a secret when the name says it is a digest: {@link #redactValue}
 * keeps a value of only hex digits (optionally {@code 0x}-prefixed) under a name with a word
 * {@code hash digest checksum sha sha256 sha512 txid txhash fingerprint head prev root commit}
 * ({@code order_hash}, {@code tx_id}). Anywhere else, 64 hex digits are redacted.
 *
 * <p>A boolean is never redacted, since no secret fits in it ({@code password_valid: false}
 * stays readable); a number under a secret name is ({@code pin: 1234}).
 *
 * <p>A name that itself matches a value pattern (a token used as a map key) is a secret too:
 * {@link #redactDetails} replaces it by {@code [REDACTED]#1}, {@code [REDACTED]#2}, ... so that
 * names stay unique.
 *
 * <p>{@link #defaults()} has all of the above; {@link #builder()} adds names and patterns to
 * them. Redaction is a safety net, not a guarantee: a secret in a shape no rule knows is kept.
 */
public interface Redaction {

    /** What replaces a secret. */
    String MARKER = "[REDACTED]";

    /**
     * The default rules described above.
     *
     * @return the shared default redaction
     */
    static Redaction defaults() {
        return DefaultRedaction.DEFAULTS;
    }

    /**
     * Redacts nothing; for records that hold hashes and signatures by design.
     *
     * @return a redaction without rules
     */
    static Redaction none() {
        return DefaultRedaction.NONE;
    }

    /**
     * Starts from the defaults and adds to them.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new RedactionBuilder();
    }

    /**
     * Whether values under this name are secret, by the word rules above.
     *
     * @param name a detail, field or parameter name
     * @return true if the name's values must be redacted
     * @throws NullPointerException if {@code name} is null
     */
    boolean isSecretName(String name);

    /**
     * Whether a bare hex digest under this name is kept (see above).
     *
     * @param name a detail name
     * @return true for names such as {@code order_hash} or {@code tx_id}
     * @throws NullPointerException if {@code name} is null
     */
    boolean isDigestName(String name);

    /**
     * Replaces every match of a value pattern in free text by {@link #MARKER}.
     *
     * @param text any text
     * @return the text with secrets replaced, or {@code text} itself (the same instance) when
     *     nothing matched, which callers may test with {@code ==}
     * @throws NullPointerException if {@code text} is null
     */
    String redact(String text);

    /**
     * The value of a named field as it may be shown: {@link #MARKER} when the name is secret,
     * the value itself when it is a hex digest under a digest name, else {@link #redact}.
     *
     * @param name the field's name
     * @param text its value
     * @return what may be shown
     * @throws NullPointerException if an argument is null
     */
    String redactValue(String name, String text);

    /**
     * A redacted copy of a details map, such as a health check's: secret names' values other
     * than null and booleans become {@link #MARKER}; secret-looking names become {@code [REDACTED]#n}; strings are
     * redacted as by {@link #redactValue}; maps, lists and arrays are copied the same way, 16
     * levels deep (deeper values become {@code "[too deep]"}); numbers, booleans, enums and
     * null are kept; other values become their redacted {@code toString()}.
     *
     * @param details name to value
     * @return a new map, in the same order
     * @throws NullPointerException if {@code details} is null
     */
    Map<String, Object> redactDetails(Map<String, ?> details);

    /** Adds rules to the defaults. Each method adds; none removes a default. */
    interface Builder {

        /**
         * More secret words, compared as above (case and separators do not matter:
         * {@code "X-MBX-APIKEY"} adds {@code xmbxapikey}, which matches that whole name).
         *
         * @param names the words
         * @return this builder
         * @throws NullPointerException if {@code names} or an element is null
         * @throws IllegalArgumentException if a name has no letter or digit
         */
        Builder secretNames(String... names);

        /**
         * Names matching this pattern (as a whole, {@link java.util.regex.Matcher#matches()})
         * are secret.
         *
         * @param pattern the pattern
         * @return this builder
         * @throws NullPointerException if {@code pattern} is null
         */
        Builder secretNamePattern(Pattern pattern);

        /**
         * A value pattern: each match in free text is replaced by {@link #MARKER}, or only its
         * group named {@code secret}, if the pattern has one. Keep patterns linear: they run
         * on every text of 16 characters or more. If a pattern fails on a text (a backtracking
         * pattern overflowing the stack), the whole text is redacted; nothing is thrown.
         *
         * @param pattern the pattern
         * @return this builder
         * @throws NullPointerException if {@code pattern} is null
         */
        Builder valuePattern(Pattern pattern);

        /**
         * Builds the redaction.
         *
         * @return an immutable redaction
         */
        Redaction build();
    }
}
