package dev.tradepulse.api.redaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The builder behind {@link Redaction#builder()}: the defaults plus what is added. */
final class RedactionBuilder implements Redaction.Builder {

    private final Set<String> words = new HashSet<>(SecretNames.DEFAULT_WORDS);
    private final List<Pattern> namePatterns = new ArrayList<>();
    private final List<ValueRule> valueRules = new ArrayList<>();

    @Override
    public Redaction.Builder secretNames(String... names) {
        Objects.requireNonNull(names, "names must not be null");
        for (String name : names) {
            String word = SecretNames.normalize(Objects.requireNonNull(name, "names must not contain null"));
            if (word.isEmpty()) {
                throw new IllegalArgumentException("names must have a letter or digit, got: \""
                        + name.replaceAll("\\p{Cntrl}", "?") + "\"");
            }
            words.add(word);
        }
        return this;
    }

    @Override
    public Redaction.Builder secretNamePattern(Pattern pattern) {
        namePatterns.add(Objects.requireNonNull(pattern, "pattern must not be null"));
        return this;
    }

    @Override
    public Redaction.Builder valuePattern(Pattern pattern) {
        valueRules.add(new ValueRule(Objects.requireNonNull(pattern, "pattern must not be null"), 16, null, null, null, false));
        return this;
    }

    @Override
    public Redaction build() {
        return new DefaultRedaction(new SecretNames(words, namePatterns), valueRules);
    }
}
