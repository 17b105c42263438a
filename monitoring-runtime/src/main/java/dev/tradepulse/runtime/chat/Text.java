package dev.tradepulse.runtime.chat;

import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.api.support.LogText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Formatting and parsing for the replies: numbers with units, durations, redacted free text. Stateless. */
final class Text {

    private static final Redaction REDACTION = Redaction.defaults();
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h|d)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    /** Free text from elsewhere (alert summaries, health messages, reasons): redacted, on one line, cut. */
    static String safe(String text, int max) {
        return LogText.clean(REDACTION.redact(text), max);
    }

    /** An amount in the account's currency, signed. */
    static String money(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+,.2f", v) : "n/a";
    }

    /** A fraction as percent. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f %%", fraction * 100) : "n/a";
    }

    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.4f", v).replaceAll("\\.?0+$", "") : "n/a";
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    static String ago(Instant then, Instant now) {
        return human(Duration.between(then, now).isNegative() ? Duration.ZERO : Duration.between(then, now)) + " ago";
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7_200) {
            return s / 60 + " min";
        }
        if (s < 172_800) {
            return s / 3_600 + " h " + (s % 3_600) / 60 + " min";
        }
        return s / 86_400 + " d " + (s % 86_400) / 3_600 + " h";
    }

    /**
     * Parses {@code 90s}, {@code 15m}, {@code 2h} or {@code 1d}.
     *
     * @throws IllegalArgumentException naming {@code what} if the text is no such duration or not in (0, max]
     */
    static Duration duration(String text, String what, Duration max) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new Refusal(what + " must be a number followed by s, m, h or d, such as 30m; got "
                    + LogText.clean(text, 32));
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() || d.compareTo(max) > 0) {
            throw new Refusal(what + " must be more than 0 and at most " + human(max));
        }
        return d;
    }

    static int count(List<String> args, int index, String what, int fallback, int max) {
        if (args.size() <= index) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(args.get(index));
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Refusal(what + " must be a whole number from 1 to " + max + "; got " + LogText.clean(args.get(index), 32));
    }

    /** Arguments from {@code from} on, joined: a comment or a reason. */
    static String rest(List<String> args, int from, String fallback) {
        return args.size() <= from ? fallback : LogText.clean(String.join(" ", args.subList(from, args.size())), 200);
    }

    /** A bad argument: answered to the user as it is (its message never holds a secret). */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
