package dev.tradepulse.core.redaction;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value pattern with a cheap pre-check: a text shorter than {@code minLength}, or without
 * any of {@code anyOf} (when given), cannot match, so the regex is not run on it. That keeps
 * short, plain values (symbols, order ids, venues) free of regex work.
 *
 * @param pattern what to find
 * @param minLength the shortest text that can match
 * @param anyOf characters of which a match needs at least one, or null
 * @param accept which matches are secrets, or null for all (the name=value rule asks the names)
 * @param digest whether a whole-value hex digest under a digest name is exempt
 */
record ValueRule(Pattern pattern, int minLength, String anyOf, Predicate<Matcher> accept, boolean digest) {

    static ValueRule of(String regex, int minLength, String anyOf) {
        return new ValueRule(Pattern.compile(regex), minLength, anyOf, null, false);
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

    /** The text with each accepted match (or its {@code secret} group) replaced; the same instance if none. */
    String apply(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        boolean group = pattern.pattern().contains("(?<secret>");
        StringBuilder out = null;
        int last = 0;
        do {
            if (accept != null && !accept.test(m)) {
                continue;
            }
            int start = group ? m.start("secret") : m.start();
            int end = group ? m.end("secret") : m.end();
            if (start < 0 || start == end) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, start).append(Redaction.MARKER);
            last = end;
        } while (m.find());
        return out == null ? text : out.append(text, last, text.length()).toString();
    }
}
