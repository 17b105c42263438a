package dev.tradepulse.runtime;

/**
 * A start that failed part-way, after everything it had started was closed again. The message
 * names the part, what it was using (an address, a file) and, where known, the fix.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String part;

    /**
     * @param part the part that failed, such as {@code the HTTP server}
     * @param where what it was using, or empty
     * @param fix what the user can do, or empty
     * @param cause what went wrong
     */
    public StartupException(String part, String where, String fix, Throwable cause) {
        super("TradePulse could not start " + part + (where.isEmpty() ? "" : " (" + where + ")") + ": "
                + describe(cause) + (fix.isEmpty() ? "" : ". " + fix), cause);
        this.part = part;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** @return the part that failed */
    public String part() {
        return part;
    }
}
