package dev.tradepulse.api.redaction;

import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One value pattern with a cheap pre-check: a text shorter than {@code minLength}, or one the
 * {@code precheck} rejects (no {@code @}, no {@code bearer}, no run of 64 hex digits), cannot
 * match, so the regex is not run on it. Regex costs tens of nanoseconds a character; the checks
 * cost about one, and keep short, plain values (symbols, order ids, venues) free of regex work.
 *
 * <p>With a {@code tail}, {@code pattern} finds only a prefix (a {@code name=}) that
 * {@code accept} judges, and the secret is what {@code tail} matches right after an accepted
 * prefix. A rejected prefix consumes no value, so the next pair is found where it starts
 * ({@code failed: password=x}), and nothing is scanned twice.
 *
 * @param pattern what to find
 * @param minLength the shortest text that can match
 * @param precheck false when the text cannot match, or null
 * @param accept which matches are secrets, or null for all
 * @param tail the secret after an accepted match, or null for the match itself (or its group {@code secret})
 * @param digest whether a whole-value hex digest under a digest name is exempt
 */
record ValueRule(Pattern pattern, int minLength, @Nullable Predicate<String> precheck,
        @Nullable Predicate<Matcher> accept, @Nullable Pattern tail, boolean digest) {

    static ValueRule of(String regex, int minLength, @Nullable Predicate<String> precheck) {
        return new ValueRule(Pattern.compile(regex), minLength, precheck, null, null, false);
    }

    boolean mayMatch(String text) {
        return text.length() >= minLength && (precheck == null || precheck.test(text));
    }

    /** The text has one of these characters. */
    static Predicate<String> anyOf(String chars) {
        return text -> {
            for (int i = 0; i < chars.length(); i++) {
                if (text.indexOf(chars.charAt(i)) >= 0) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The text has this word, in any case; {@code word} is given in lower case. */
    static Predicate<String> word(String word) {
        char lower = word.charAt(0);
        char upper = Character.toUpperCase(lower);
        return text -> {
            for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
                char c = text.charAt(i);
                if ((c == lower || c == upper) && text.regionMatches(true, i, word, 0, word.length())) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The text has a run of at least {@code length} characters of the class. */
    static Predicate<String> run(IntPredicate of, int length) {
        return text -> {
            int run = 0;
            for (int i = 0; i < text.length(); i++) {
                if (!of.test(text.charAt(i))) {
                    run = 0;
                } else if (++run >= length) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The text with each secret replaced; the same instance if there is none. */
    String apply(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        boolean group = tail == null && pattern.pattern().contains("(?<secret>");
        Matcher t = tail == null ? null : tail.matcher(text);
        StringBuilder out = null;
        int last = 0;
        boolean found = true;
        while (found) {
            if (accept != null && !accept.test(m)) {
                found = m.find();
                continue;
            }
            int start;
            int end;
            int next = -1;
            if (t != null) {
                t.region(m.end(), text.length());
                if (!t.lookingAt()) {
                    found = m.find();
                    continue;
                }
                start = t.start();
                end = t.end();
                next = end;
            } else {
                start = group ? m.start("secret") : m.start();
                end = group ? m.end("secret") : m.end();
            }
            if (start >= 0 && start < end) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, start).append(Redaction.MARKER);
                last = end;
            }
            found = next >= 0 ? next < text.length() && m.find(next) : m.find();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }
}
