package dev.tradepulse.compliance.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.tradepulse.api.redaction.Redaction;
import dev.tradepulse.compliance.internal.DetailNames.Name;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Serialises the caller's part of an event line, on the caller's thread, so that the single
 * writer only numbers, chains and hashes. Redaction and cutting happen here, before hashing:
 * what is hashed is what is kept. Control characters are escaped by Jackson; lone surrogates
 * become U+FFFD; NaN and infinities are written as strings; nothing is ever interpreted.
 *
 * <p>Every {@link JournalLimits} limit is enforced here, so that every reader can read what was
 * written: names are cut, numbers too long become strings, deep values and oversized events lose
 * what is past the limit, and each change is listed in {@code truncated}.
 */
final class EventEncoder {

    /** Schubfach for doubles: the shortest exact form, about twice as fast as {@code Double.toString} on JDK 17. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private static final String REDACTED = Redaction.MARKER;
    /** 2^332 &lt; 10^100: an unscaled value this short has at most {@link JournalLimits#MAX_NUMBER_DIGITS} digits. */
    private static final int SAFE_NUMBER_BITS = (int) (JournalLimits.MAX_NUMBER_DIGITS * 3.3219);
    /** Envelope text in an oversized event: three such fields, escaped at 6 bytes a char, still fit. */
    private static final int ENVELOPE_CHARS = JournalLimits.MAX_EVENT_BYTES / 32;
    // Field names are constant: quote and encode them once, not on every event.
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString LEVEL = new SerializedString("level");
    private static final SerializedString ACTOR = new SerializedString("actor");
    private static final SerializedString ACTION = new SerializedString("action");
    private static final SerializedString APP = new SerializedString("app");
    private static final SerializedString INSTANCE = new SerializedString("instance");
    private static final SerializedString CORRELATION = new SerializedString("correlation_id");
    private static final SerializedString DETAILS = new SerializedString("details");
    private static final SerializedString TRUNCATED = new SerializedString("truncated");

    /**
     * One generator, buffer and list of changes per thread, reset after each event: creating a
     * generator per event (and fetching its buffer recycler) was a fifth of the caller's cost.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        final JsonGenerator generator;
        final List<String> truncated = new ArrayList<>();
        /** Names replaced in this event, to number them uniquely. */
        int renamed;
        boolean busy;

        Scratch() {
            try {
                generator = JSON.createGenerator(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            generator.setRootValueSeparator(null); // one object per event, nothing between them
        }
    }

    /** Thrown (without a stack) when an event passes {@link JournalLimits#MAX_EVENT_BYTES}. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("event too large", null, false, false);
        }
    }

    private static final TooLarge TOO_LARGE = new TooLarge();

    private final String app;
    private final String instance;
    private final SerializedString appValue;
    private final SerializedString instanceValue;
    private final Redaction redaction;
    private final int maxLength;
    /** Detail names, types and levels repeat; each short one is analysed and serialised once. */
    private final DetailNames names;
    /** For the journal's own records: no redaction, which would eat hashes; null in that encoder itself. */
    private final EventEncoder trusted;

    // An order event's detail names: no per-event lookups on the hottest path.
    private final Name orderId;
    private final Name symbol;
    private final Name side;
    private final Name quantity;
    private final Name price;
    private final Name venue;

    EventEncoder(String app, String instance, Redaction redaction, int maxLength) {
        this(app, instance, redaction, maxLength, false);
    }

    private EventEncoder(String app, String instance, Redaction redaction, int maxLength, boolean isTrusted) {
        this.app = app;
        this.instance = instance;
        this.appValue = new SerializedString(clean(app));
        this.instanceValue = new SerializedString(clean(instance));
        this.redaction = redaction;
        this.maxLength = maxLength;
        this.names = new DetailNames(redaction);
        this.trusted = isTrusted ? null : new EventEncoder(app, instance, Redaction.none(), Integer.MAX_VALUE, true);
        this.orderId = names.analyse("order_id");
        this.symbol = names.analyse("symbol");
        this.side = names.analyse("side");
        this.quantity = names.analyse("quantity");
        this.price = names.analyse("price");
        this.venue = names.analyse("venue");
    }

    /** For the journal's own records (checkpoints, retention): no value redaction, which would eat hashes. */
    byte[] encodeTrusted(String type, String level, String actor, String action, Map<String, ?> details) {
        return (trusted != null ? trusted : this).encode(type, level, actor, action, details, null);
    }

    /**
     * The event as a JSON object, {@code {"type":...,"details":{...}}}; the writer splices
     * {@code seq}, {@code prev} and {@code ts} in after the opening brace.
     */
    byte[] encode(String type, String level, String actor, String action, Map<String, ?> details, String correlationId) {
        return encode(type, level, actor, action, correlationId, (g, sc) -> writeMap(g, details, "details", sc, 0));
    }

    /** An order event's fixed details, written straight from the arguments: no map per event. */
    byte[] encodeOrder(String level, String actor, String action, String orderId, String symbol, String side,
            double quantity, double price, String venue, String correlationId) {
        return encode("ORDER_EVENT", level, actor, action, correlationId, (g, sc) -> {
            g.writeStartObject();
            field(g, this.orderId, orderId, sc);
            field(g, this.symbol, symbol, sc);
            field(g, this.side, side, sc);
            field(g, this.quantity, quantity);
            field(g, this.price, price);
            field(g, this.venue, venue, sc);
            g.writeEndObject();
        });
    }

    /** Whether values under this parameter or detail name are redacted. */
    boolean isSecretName(String name) {
        return names.get(name).secret();
    }

    /** Writes the details object. */
    private interface DetailsWriter {
        void write(JsonGenerator g, Scratch sc) throws IOException;
    }

    /** What an oversized event keeps of its details: nothing, listed. */
    private static final DetailsWriter OMITTED = (g, sc) -> {
        g.writeStartObject();
        g.writeEndObject();
        sc.truncated.add("details");
    };

    private byte[] encode(String type, String level, String actor, String action, String correlationId,
            DetailsWriter details) {
        try {
            return encodeOnce(type, level, actor, action, correlationId, details, maxLength);
        } catch (TooLarge e) {
            return encodeOnce(type, level, actor, action, correlationId, OMITTED, Math.min(maxLength, ENVELOPE_CHARS));
        }
    }

    private byte[] encodeOnce(String type, String level, String actor, String action, String correlationId,
            DetailsWriter details, int envelopeLimit) {
        Scratch scratch = SCRATCH.get();
        if (scratch.busy) {
            scratch = new Scratch(); // re-entered (a value's toString() logged an event): never share the generator
        }
        scratch.busy = true;
        scratch.truncated.clear();
        scratch.renamed = 0;
        try {
            JsonGenerator g = scratch.generator;
            g.writeStartObject();
            g.writeFieldName(TYPE);
            g.writeString(names.get(type).json());
            g.writeFieldName(LEVEL);
            g.writeString(names.get(level).json());
            g.writeFieldName(ACTOR);
            g.writeString(text(actor, null, envelopeLimit, scratch, "actor", null));
            g.writeFieldName(ACTION);
            g.writeString(text(action, null, envelopeLimit, scratch, "action", null));
            g.writeFieldName(APP);
            g.writeString(appValue);
            g.writeFieldName(INSTANCE);
            g.writeString(instanceValue);
            if (correlationId != null) {
                g.writeFieldName(CORRELATION);
                g.writeString(text(correlationId, null, envelopeLimit, scratch, "correlation_id", null));
            }
            g.writeFieldName(DETAILS);
            details.write(g, scratch);
            if (!scratch.truncated.isEmpty()) {
                g.writeFieldName(TRUNCATED);
                g.writeStartArray();
                for (String path : scratch.truncated) {
                    g.writeString(path);
                    checkSize(scratch);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.flush();
            checkSize(scratch);
            byte[] out = scratch.bytes.toByteArray();
            scratch.bytes.reset();
            scratch.truncated.clear();
            scratch.busy = false;
            if (out.length > 65_536) {
                SCRATCH.remove(); // after a huge event, do not keep its grown buffer on this thread
            }
            return out;
        } catch (IOException e) {
            SCRATCH.remove(); // a generator that failed mid-event is discarded, never reused
            throw new UncheckedIOException("cannot encode audit event", e);
        } catch (RuntimeException | Error e) {
            SCRATCH.remove();
            throw e;
        }
    }

    private static void checkSize(Scratch sc) {
        if (sc.bytes.size() > JournalLimits.MAX_EVENT_BYTES) {
            throw TOO_LARGE;
        }
    }

    /** A secret name's value is redacted, unless it is a boolean ({@code password_valid}: no secret in a bit). */
    private void field(JsonGenerator g, Name name, String value, Scratch sc) throws IOException {
        g.writeFieldName(name.json());
        if (name.secret()) {
            g.writeString(REDACTED);
        } else {
            g.writeString(text(value, name, maxLength, sc, "details", name.text()));
        }
    }

    private void field(JsonGenerator g, Name name, double value) throws IOException {
        g.writeFieldName(name.json());
        if (name.secret()) {
            g.writeString(REDACTED);
        } else {
            writeDouble(g, value);
        }
    }

    private void writeMap(JsonGenerator g, Map<?, ?> map, String path, Scratch sc, int depth) throws IOException {
        g.writeStartObject();
        if (map != null) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                checkSize(sc);
                Name name = names.get(nameOf(e.getKey(), path));
                String written = name.text();
                if (name.replaced()) {
                    written = (name.looksSecret() ? REDACTED : name.text() + "...") + "#" + ++sc.renamed;
                    g.writeFieldName(written);
                    sc.truncated.add(path + "." + written);
                } else {
                    g.writeFieldName(name.json());
                }
                if (e.getValue() != null && !(e.getValue() instanceof Boolean) && name.secret()) {
                    g.writeString(REDACTED);
                } else {
                    writeValue(g, e.getValue(), path, written, name, sc, depth + 1);
                }
            }
        }
        g.writeEndObject();
    }

    private static String nameOf(Object key, String path) {
        if (key instanceof String s) {
            return s;
        }
        String s = String.valueOf(key);
        if (s == null) {
            throw new IllegalArgumentException(path + ": a name's toString() of " + key.getClass().getName()
                    + " returned null");
        }
        return s;
    }

    /** The path is built only when something is cut: concatenating it for every value was measurable. */
    private void writeValue(JsonGenerator g, Object value, String parent, String key, Name name, Scratch sc,
            int depth) throws IOException {
        if (depth > JournalLimits.MAX_DEPTH) {
            g.writeString("[too deep]");
            sc.truncated.add(parent + "." + key);
        } else if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(text(s, name, maxLength, sc, parent, key));
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Double d) {
            writeDouble(g, d);
        } else if (value instanceof Float f) {
            writeDouble(g, f.doubleValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            writeBig(g, d, d.unscaledValue(), d.scale(), parent, key, sc);
        } else if (value instanceof BigInteger i) {
            writeBig(g, i, i, 0, parent, key, sc);
        } else if (value instanceof Map<?, ?> m) {
            writeMap(g, m, parent + "." + key, sc, depth);
        } else if (value instanceof Collection<?> c) {
            g.writeStartArray();
            int i = 0;
            for (Object o : c) {
                checkSize(sc);
                writeValue(g, o, parent + "." + key, "[" + i++ + "]", name, sc, depth + 1);
            }
            g.writeEndArray();
        } else if (value.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                checkSize(sc);
                writeValue(g, Array.get(value, i), parent + "." + key, "[" + i + "]", name, sc, depth + 1);
            }
            g.writeEndArray();
        } else {
            String s = String.valueOf(value);
            if (s == null) {
                throw new IllegalArgumentException(parent + "." + key + ": toString() of " + value.getClass().getName()
                        + " returned null");
            }
            g.writeString(text(s, name, maxLength, sc, parent, key));
        }
    }

    /**
     * A number whose digits or exponent pass {@link JournalLimits#MAX_NUMBER_DIGITS} is written as
     * a string (readers limit number length); one too long to keep is described instead, since
     * printing a million digits costs more than the call that logged it.
     */
    private void writeBig(JsonGenerator g, Number n, BigInteger unscaled, int scale, String parent, String key,
            Scratch sc) throws IOException {
        int bits = unscaled.bitLength();
        boolean shortEnough = bits <= SAFE_NUMBER_BITS || bits <= SAFE_NUMBER_BITS + 8
                && unscaled.abs().toString().length() <= JournalLimits.MAX_NUMBER_DIGITS;
        if (shortEnough && Math.abs((long) scale) <= JournalLimits.MAX_NUMBER_DIGITS) {
            if (n instanceof BigDecimal d) {
                g.writeNumber(d);
            } else {
                g.writeNumber((BigInteger) n);
            }
            return;
        }
        sc.truncated.add(parent + "." + key);
        long digits = (long) (bits * 0.30103) + 1;
        if (digits > maxLength) {
            g.writeString("[number of about " + digits + " digits]");
        } else {
            String s = n.toString();
            g.writeString(s.length() > maxLength ? s.substring(0, maxLength) : s);
        }
    }

    /** JSON has no NaN or infinity: write those as strings, keep every other double exact. */
    private static void writeDouble(JsonGenerator g, double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            g.writeString(Double.toString(d));
        } else {
            g.writeNumber(d);
        }
    }

    /** Redacts, repairs and cuts one text value; the cut is listed as {@code path}. */
    String text(String value, String path, List<String> truncated) {
        String s = redaction.redact(clean(value));
        if (s.length() > maxLength) {
            truncated.add(path);
            return cutAt(s, maxLength);
        }
        return s;
    }

    /** Redacts, repairs and cuts one value under {@code name} (null for envelope fields). */
    private String text(String value, Name name, int limit, Scratch sc, String parent, String key) {
        String s = clean(value);
        s = name != null && name.digest() && s.length() >= 64 ? redaction.redactValue(name.text(), s)
                : redaction.redact(s);
        if (s.length() > limit) {
            sc.truncated.add(key == null ? parent : parent + "." + key);
            return cutAt(s, limit);
        }
        return s;
    }

    static String cutAt(String s, int limit) {
        int cut = limit;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut);
    }

    /** Replaces lone surrogates, which no UTF-8 encoder can write, with U+FFFD. */
    static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
            if (lone) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
