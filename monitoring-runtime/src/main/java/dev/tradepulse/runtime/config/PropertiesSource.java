package dev.tradepulse.runtime.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@code .properties} file: {@link Properties} reads the values (escapes, continuations), and the
 * line of each key is found by a scan of the text, for error messages.
 */
final class PropertiesSource {

    private PropertiesSource() {
    }

    static List<RawEntry> read(String text, String name, List<ConfigProblem> problems) throws IOException {
        Recording props = new Recording();
        props.load(new StringReader(text));
        String[] lines = text.split("\n", -1);
        for (String key : props.duplicates) { // YAML refuses a key written twice; so does this
            problems.add(new ConfigProblem(key, Origin.file(name, lineOf(lines, key), 1),
                    "is set more than once in the file; keep one"));
        }
        List<RawEntry> out = new ArrayList<>();
        for (String key : props.stringPropertyNames()) {
            out.add(new RawEntry(key, props.getProperty(key), Origin.file(name, lineOf(lines, key), 1)));
        }
        out.sort((a, b) -> Integer.compare(lineOf(lines, a.key()), lineOf(lines, b.key())));
        return out;
    }

    /** Properties that note every key loaded twice (a later line would silently win). */
    private static final class Recording extends Properties {
        private static final long serialVersionUID = 1L;
        private final transient Set<String> duplicates = new LinkedHashSet<>();

        @Override
        public synchronized @Nullable Object put(Object key, Object value) {
            if (containsKey(key)) {
                duplicates.add(String.valueOf(key));
            }
            return super.put(key, value);
        }
    }

    private static int lineOf(String[] lines, String key) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (l.startsWith(key) && l.length() > key.length() && "=: \t".indexOf(l.charAt(key.length())) >= 0) {
                return i + 1;
            }
        }
        return 0;
    }
}
