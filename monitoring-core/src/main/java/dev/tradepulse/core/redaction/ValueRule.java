package dev.tradepulse.core.redaction;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value pattern with a cheap pre-check: a text shorter than {@code minLength}, or without
 * any of {@code anyOf} (when given), cannot match, so the regex is not run on it. That keeps
 * short, plain values (symbols, order ids, venues) free of regex work.
 *
 * <p>With a {@code tail}, {@code pattern} finds only a prefix (a {@code name=}) that
 * {@code accept} judges, and the secret is what {@code tail} matches right after an accepted
 * prefix. A rejected prefix consumes no value, so the next pair is found where it starts
 * ({@code failed: password=x}), and nothing is scanned twice.
 *
 * @param pattern what to find
 * @param minLength the shortest text that can match
 * @param anyOf characters of which a match needs at least one, or null
 * @param accept which matches are secrets, or null for all
 * @param tail the secret after an accepted match, or null for the match itself (or its group {@code secret})
 * @param digest whether a whole-value hex digest under a digest name is exempt
 */
record ValueRule(Pattern pattern, int minLength, String anyOf, Predicate<Matcher> accept, Pattern tail,
        boolean digest) {

    static ValueRule of(String regex, int minLength, String anyOf) {
        return new ValueRule(Pattern.compile(regex), minLength, anyOf, null, null, false);
    }

    boolean mayMatch(String text) {
        if (text.length() < minLength) {
            return false;
        }
        if (anyOf == null) {
            return true;
        }
        for (int i = 0; i < anyOf.length(); i++) {
            if (text.indexOf(anyOf.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
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
