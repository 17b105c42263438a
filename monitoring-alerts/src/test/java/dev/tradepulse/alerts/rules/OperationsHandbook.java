package dev.tradepulse.alerts.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Reads docs/operations.md and lists the anchors of its headings, as GitHub and most site generators make them. */
final class OperationsHandbook {

    static final Path FILE = Path.of("..", "docs", "operations.md");

    private OperationsHandbook() {
    }

    static Set<String> anchors() throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(FILE)) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence && line.matches("#{1,6} .*")) {
                anchors.add(slug(line.replaceFirst("#{1,6} ", "")));
            }
        }
        return anchors;
    }

    /** GitHub's rule: lower case, drop everything but letters, digits, spaces, hyphens and underscores, spaces to hyphens. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd} _-]", "").replace(' ', '-');
    }
}
