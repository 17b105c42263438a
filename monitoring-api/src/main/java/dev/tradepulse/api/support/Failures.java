package dev.tradepulse.api.support;

/**
 * The one rule for what monitoring catches from user code and peers: everything, including
 * {@link Error}s such as a {@link StackOverflowError} (the stack is unwound by the time it is
 * caught), except a {@link VirtualMachineError} that leaves the JVM unfit to go on
 * ({@link OutOfMemoryError}, {@link InternalError}), which is rethrown.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * Rethrows {@code t} if the JVM cannot be trusted to go on after it; returns otherwise.
     *
     * @param t what was caught
     * @throws VirtualMachineError {@code t} itself, unless it is a {@link StackOverflowError}
     * @throws NullPointerException if {@code t} is null
     */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError v && !(t instanceof StackOverflowError)) {
            throw v;
        }
        Checks.notNull(t, "t");
    }
}
