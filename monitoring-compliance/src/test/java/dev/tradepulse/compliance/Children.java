package dev.tradepulse.compliance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts {@link JournalChild} in another JVM and waits for it to be ready. */
final class Children {

    private Children() {
    }

    record Child(Process process, long pid) {
    }

    static Child start(Path dir, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), JournalChild.class.getName(),
                dir.toString(), mode).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = in.readLine()) != null; ) {
                    if (l.startsWith("READY ")) {
                        return l;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        if (line == null) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM (" + mode + ") exited before it was ready: " + p.waitFor());
        }
        return new Child(p, Long.parseLong(line.substring(6).trim()));
    }
}
