package dev.tradepulse.kafka;

import dev.tradepulse.compliance.RetentionGuard;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the journal's retention asks before it deletes a file: "has this file been shipped?".
 * Create one, give it to the journal ({@code ComplianceLogger.builder().retentionGuard(files)})
 * and to the shipper ({@link JournalShipper.Builder#shippedFiles(ShippedFiles)}); the journal may
 * be built first. Until the shipper has acknowledged a whole file, that file and every later one
 * are refused, so with shipping on, retention never deletes what Kafka does not hold.
 *
 * <p>Thread-safe and lock-free: {@link #mayDelete} reads one volatile number.
 */
public final class ShippedFiles implements RetentionGuard {

    private static final Pattern NAME = Pattern.compile("audit-(\\d{6})-\\d{8}\\.jsonl(\\.gz)?");

    /** Files with an index below this are shipped whole and acknowledged. */
    private final AtomicInteger shippedBelow = new AtomicInteger(1);

    private ShippedFiles() {
    }

    /**
     * A guard that refuses every file until a shipper reports progress.
     *
     * @return the guard
     */
    public static ShippedFiles create() {
        return new ShippedFiles();
    }

    /**
     * Whether every line of a journal file is acknowledged by Kafka.
     *
     * @param file a journal file ({@code audit-NNNNNN-YYYYMMDD.jsonl}, optionally {@code .gz})
     * @return true if shipped; false for a file not shipped yet or not a journal file
     * @throws NullPointerException if {@code file} is null
     */
    public boolean isShipped(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        Matcher m = NAME.matcher(name.toString());
        return m.matches() && Integer.parseInt(m.group(1)) < shippedBelow.get();
    }

    @Override
    public boolean mayDelete(Path file) {
        return isShipped(file);
    }

    /**
     * The lowest file index not yet shipped whole.
     *
     * @return the index, from 1
     */
    public int shippedBelow() {
        return shippedBelow.get();
    }

    /** Called by the shipper: every file with an index below {@code index} is acknowledged. Never moves back. */
    void markShippedBelow(int index) {
        shippedBelow.accumulateAndGet(index, Math::max);
    }

    @Override
    public String toString() {
        return "ShippedFiles[below " + shippedBelow.get() + "]";
    }
}
