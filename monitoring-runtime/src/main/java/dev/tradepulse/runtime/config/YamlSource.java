package dev.tradepulse.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Flattens a YAML document into dotted keys, each with the line and column it was written at.
 * Mappings nest; a sequence of scalars is a list, written back comma-separated. Duplicate keys
 * are an error (Jackson's strict duplicate detection), as YAML itself requires.
 */
final class YamlSource {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private YamlSource() {
    }

    static List<RawEntry> read(Reader reader, String name, List<ConfigProblem> problems) throws IOException {
        List<RawEntry> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return out;
            }
            if (first != JsonToken.START_OBJECT) {
                problems.add(new ConfigProblem("(file)", at(name, p.currentTokenLocation()),
                        "the file must be a mapping of keys to values"));
                return out;
            }
            Deque<String> path = new ArrayDeque<>();
            readObject(p, path, name, out, problems);
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            String what = e.getOriginalMessage();
            problems.add(new ConfigProblem("(file)", at(name, l), "not valid YAML: "
                    + (what == null ? "" : Values.shown(ConfigKey.string("x", null, ""), what.split("\n")[0]))));
        }
        return out;
    }

    private static void readObject(JsonParser p, Deque<String> path, String name, List<RawEntry> out,
            List<ConfigProblem> problems) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            path.addLast(p.currentName());
            String key = String.join(".", path);
            JsonLocation at = p.currentTokenLocation();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT) {
                int before = out.size();
                readObject(p, path, name, out, problems);
                if (out.size() == before && declaresStrategy(path)) {
                    out.add(new RawEntry(key + ".enabled", "true", at(name, at))); // `momentum: {}`: all defaults
                }
            } else if (v == JsonToken.START_ARRAY) {
                List<String> items = new ArrayList<>();
                boolean scalars = true;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t.isScalarValue()) {
                        items.add(p.getText());
                    } else {
                        scalars = false;
                        p.skipChildren();
                    }
                }
                if (scalars) {
                    out.add(new RawEntry(key, String.join(",", items), at(name, at)));
                } else {
                    problems.add(new ConfigProblem(key, at(name, at), "a list here may hold only plain values"));
                }
            } else if ((v == JsonToken.VALUE_NULL || p.getText().isEmpty()) && declaresStrategy(path)) {
                out.add(new RawEntry(key + ".enabled", "true", at(name, at))); // `momentum:` with nothing under it
            } else if (v == JsonToken.VALUE_NULL) {
                problems.add(new ConfigProblem(key, at(name, at), "has no value"));
            } else {
                out.add(new RawEntry(key, p.getText(), at(name, at)));
            }
            path.removeLast();
        }
    }

    /**
     * Whether the path is {@code strategies.<name>}: a strategy with every default is declared by
     * its name alone, and must not vanish because nothing is set under it.
     */
    private static boolean declaresStrategy(Deque<String> path) {
        return path.size() == 2 && "strategies".equals(path.peekFirst());
    }

    private static Origin at(String name, JsonLocation l) {
        return Origin.file(name, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr());
    }
}
