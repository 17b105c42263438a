package dev.tradepulse.runtime.config;

import java.util.List;

/** A configuration that cannot be used, with every problem found (not only the first). */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Kept for {@link #problems()}; the records are immutable. */
    private final transient List<ConfigProblem> problems;

    /**
     * @param problems what is wrong, at least one
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfigException(List<ConfigProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        StringBuilder b = new StringBuilder(problems.size() == 1 ? "1 configuration problem:"
                : problems.size() + " configuration problems:");
        for (ConfigProblem p : problems) {
            b.append("\n  - ").append(p);
        }
        return b.toString();
    }

    /** @return every problem, in the order found */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
