package dev.tradepulse.compliance.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serialises the caller's part of an event line, on the caller's thread, so that the single
 * writer only numbers, chains and hashes. Redaction and cutting happen here, before hashing:
 * what is hashed is what is kept. Control characters are escaped by Jackson; lone surrogates
 * become U+FFFD; NaN and infinities are written as strings; nothing is ever interpreted.
 */
final class EventEncoder {

    /** Schubfach for doubles: the shortest exact form, about twice as fast as {@code Double.toString} on JDK 17. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private static final String REDACTED = "[REDACTED]";
    private static final int MAX_DEPTH = 16;
    private static final Pattern NOTHING = Pattern.compile("(?!)");
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
     * One generator and buffer per thread, reset after each event: creating a generator per event
     * (and fetching its buffer recycler) was a fifth of the caller's cost.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        final JsonGenerator generator;
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

    private final String app;
    private final String instance;
    private final SerializedString appValue;
    private final SerializedString instanceValue;
    private final Map<String, SerializedString> names = new java.util.concurrent.ConcurrentHashMap<>();
    private final Pattern redactNames;
    private final List<Pattern> redactValues;
    private final int maxLength;
    /** Detail names repeat from event to event; the name pattern is matched once per name. */
    private final Map<String, Boolean> redactedNames = new java.util.concurrent.ConcurrentHashMap<>();

    /** A fixed detail name, serialised once, with the name patterns' verdict on it decided once. */
    private record FixedName(SerializedString json, boolean redacted) {
    }

    // An order event's detail names: no per-event lookups on the hottest path.
    private final FixedName orderId;
    private final FixedName symbol;
    private final FixedName side;
    private final FixedName quantity;
    private final FixedName price;
    private final FixedName venue;

    EventEncoder(String app, String instance, Pattern redactNames, List<Pattern> redactValues, int maxLength) {
        this.app = app;
        this.instance = instance;
        this.appValue = new SerializedString(clean(app));
        this.instanceValue = new SerializedString(clean(instance));
        this.redactNames = redactNames;
        this.redactValues = List.copyOf(redactValues);
        this.maxLength = maxLength;
        this.orderId = fixed("order_id");
        this.symbol = fixed("symbol");
        this.side = fixed("side");
        this.quantity = fixed("quantity");
        this.price = fixed("price");
        this.venue = fixed("venue");
    }

    private FixedName fixed(String name) {
        return new FixedName(new SerializedString(name), redactNames.matcher(name).matches());
    }

    /** For the journal's own records (checkpoints, retention): no value redaction, which would eat hashes. */
    byte[] encodeTrusted(String type, String level, String actor, String action, Map<String, ?> details) {
        return new EventEncoder(app, instance, NOTHING, List.of(), Integer.MAX_VALUE)
                .encode(type, level, actor, action, details, null);
    }

    /**
     * The event as a JSON object, {@code {"type":...,"details":{...}}}; the writer splices
     * {@code seq}, {@code prev} and {@code ts} in after the opening brace.
     */
    byte[] encode(String type, String level, String actor, String action, Map<String, ?> details, String correlationId) {
        return encode(type, level, actor, action, correlationId, (g, truncated) -> writeMap(g, details, "details",
                truncated, 0));
    }

    /** An order event's fixed details, written straight from the arguments: no map per event. */
    byte[] encodeOrder(String level, String actor, String action, String orderId, String symbol, String side,
            double quantity, double price, String venue, String correlationId) {
        return encode("ORDER_EVENT", level, actor, action, correlationId, (g, truncated) -> {
            g.writeStartObject();
            field(g, this.orderId, orderId, truncated);
            field(g, this.symbol, symbol, truncated);
            field(g, this.side, side, truncated);
            field(g, this.quantity, quantity);
            field(g, this.price, price);
            field(g, this.venue, venue, truncated);
            g.writeEndObject();
        });
    }

    /** Writes the details object. */
    private interface DetailsWriter {
        void write(JsonGenerator g, List<String> truncated) throws IOException;
    }

    private byte[] encode(String type, String level, String actor, String action, String correlationId,
            DetailsWriter details) {
        Scratch scratch = SCRATCH.get();
        if (scratch.busy) {
            scratch = new Scratch(); // re-entered (a value's toString() logged an event): never share the generator
        }
        scratch.busy = true;
        List<String> truncated = new ArrayList<>(0);
        try {
            JsonGenerator g = scratch.generator;
            g.writeStartObject();
            g.writeFieldName(TYPE);
            g.writeString(name(type));
            g.writeFieldName(LEVEL);
            g.writeString(name(level));
            g.writeFieldName(ACTOR);
            g.writeString(text(actor, "actor", truncated));
            g.writeFieldName(ACTION);
            g.writeString(text(action, "action", truncated));
            g.writeFieldName(APP);
            g.writeString(appValue);
            g.writeFieldName(INSTANCE);
            g.writeString(instanceValue);
            if (correlationId != null) {
                g.writeFieldName(CORRELATION);
                g.writeString(text(correlationId, "correlation_id", truncated));
            }
            g.writeFieldName(DETAILS);
            details.write(g, truncated);
            if (!truncated.isEmpty()) {
                g.writeFieldName(TRUNCATED);
                g.writeStartArray();
                for (String path : truncated) {
                    g.writeString(path);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.flush();
            byte[] out = scratch.bytes.toByteArray();
            scratch.bytes.reset();
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

    private void field(JsonGenerator g, FixedName name, String value, List<String> truncated)
            throws IOException {
        g.writeFieldName(name.json());
        if (name.redacted()) {
            g.writeString(REDACTED);
        } else {
            int before = truncated.size();
            g.writeString(text(value, null, truncated));
            if (truncated.size() > before) {
                truncated.set(before, "details." + name.json().getValue());
            }
        }
    }

    private void field(JsonGenerator g, FixedName name, double value) throws IOException {
        g.writeFieldName(name.json());
        if (name.redacted()) {
            g.writeString(REDACTED);
        } else {
            writeDouble(g, value);
        }
    }

    private void writeMap(JsonGenerator g, Map<?, ?> map, String path, List<String> truncated, int depth)
            throws IOException {
        g.writeStartObject();
        if (map != null) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = clean(String.valueOf(e.getKey()));
                g.writeFieldName(name(name));
                if (e.getValue() != null && isRedactedName(name)) {
                    g.writeString(REDACTED);
                } else {
                    writeValue(g, e.getValue(), path, name, truncated, depth + 1);
                }
            }
        }
        g.writeEndObject();
    }

    /** The path is built only when something is cut: concatenating it for every value was measurable. */
    private void writeValue(JsonGenerator g, Object value, String parent, String key, List<String> truncated,
            int depth) throws IOException {
        String path = null;
        if (depth > MAX_DEPTH) {
            g.writeString("[too deep]");
            truncated.add(parent + "." + key);
        } else if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            int before = truncated.size();
            g.writeString(text(s, null, truncated));
            if (truncated.size() > before) {
                truncated.set(before, parent + "." + key);
            }
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Double d) {
            writeDouble(g, d);
        } else if (value instanceof Float f) {
            writeDouble(g, f.doubleValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof Map<?, ?> m) {
            writeMap(g, m, parent + "." + key, truncated, depth);
        } else if (value instanceof Collection<?> c) {
            g.writeStartArray();
            int i = 0;
            for (Object o : c) {
                writeValue(g, o, parent + "." + key, "[" + i++ + "]", truncated, depth + 1);
            }
            g.writeEndArray();
        } else if (value.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                writeValue(g, Array.get(value, i), parent + "." + key, "[" + i + "]", truncated, depth + 1);
            }
            g.writeEndArray();
        } else {
            path = parent + "." + key;
            g.writeString(text(String.valueOf(value), path, truncated));
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

    /** Names (detail keys, types, levels) repeat: serialize each once, within a bound. */
    private SerializedString name(String name) {
        SerializedString s = names.get(name);
        if (s == null) {
            s = new SerializedString(name);
            if (names.size() < 10_000) {
                names.put(name, s);
            }
        }
        return s;
    }

    private boolean isRedactedName(String name) {
        Boolean known = redactedNames.get(name);
        if (known == null) {
            known = redactNames.matcher(name).matches();
            if (redactedNames.size() < 10_000) { // bounded: names from untrusted input must not grow it forever
                redactedNames.put(name, known);
            }
        }
        return known;
    }

    /** Redacts, repairs and cuts one text value. */
    String text(String value, String path, List<String> truncated) {
        String s = clean(value);
        if (s.length() >= 16) {
            for (Pattern p : redactValues) {
                Matcher m = p.matcher(s);
                if (m.find()) {
                    s = m.replaceAll(REDACTED);
                }
            }
        }
        if (s.length() > maxLength) {
            int cut = maxLength;
            if (Character.isHighSurrogate(s.charAt(cut - 1))) {
                cut--;
            }
            s = s.substring(0, cut);
            truncated.add(path);
        }
        return s;
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
