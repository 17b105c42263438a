package dev.tradepulse.compliance.internal;

import dev.tradepulse.compliance.Actor;
import dev.tradepulse.compliance.ComplianceLogger;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 finding 11: the encoder's name caches are bounded by size, not by entry count. */
class EventEncoderCacheTest {

    @TempDir
    Path dir;

    /** Every char held as a key by a map in the encoder or in the objects it owns: what its caches keep alive. */
    private static long cachedChars(Object owner, int depth) throws Exception {
        long chars = 0;
        for (Field f : owner.getClass().getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                continue;
            }
            f.setAccessible(true);
            Object value = f.get(owner);
            if (value instanceof Map<?, ?> map) {
                for (Object key : map.keySet()) {
                    chars += key.toString().length();
                }
            } else if (value != null && depth > 0 && value.getClass().getPackageName().equals(
                    EventEncoder.class.getPackageName())) {
                chars += cachedChars(value, depth - 1);
            }
        }
        return chars;
    }

    @Test
    void a_thousand_distinct_twenty_thousand_char_names_leave_the_caches_small() throws Exception {
        try (ComplianceLogger audit = ComplianceLogger.builder().directory(dir).instance("t")
                .durability(dev.tradepulse.compliance.Durability.ASYNC).build()) {
            for (int i = 0; i < 1_000; i++) {
                audit.userAction("a", Actor.of("u"), Map.of(i + "k".repeat(20_000), 1, "short_" + i, 2));
            }
            Field encoder = audit.getClass().getDeclaredField("encoder");
            encoder.setAccessible(true);
            assertThat(cachedChars(encoder.get(audit), 2)).as("chars held by the name caches").isLessThan(1 << 20);
        }
    }
}
