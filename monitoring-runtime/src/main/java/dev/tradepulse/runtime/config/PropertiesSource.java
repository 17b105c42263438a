package dev.tradepulse.runtime.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A {@code .properties} file: {@link Properties} reads the values (escapes, continuations), and the
 * line of each key is found by a scan of the text, for error messages.
 */
final class PropertiesSource {

    private PropertiesSource() {
    }

    static List<RawEntry> read(String text, String name) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        String[] lines = text.split("\n", -1);
        List<RawEntry> out = new ArrayList<>();
        for (String key : props.stringPropertyNames()) {
            out.add(new RawEntry(key, props.getProperty(key), Origin.file(name, lineOf(lines, key), 1)));
        }
        out.sort((a, b) -> Integer.compare(lineOf(lines, a.key()), lineOf(lines, b.key())));
        return out;
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
