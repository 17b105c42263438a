package org.apache.kafka.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Stands in for the one method of Kafka's {@code kafka-clients} test jar that
 * {@code KafkaClusterTestKit} calls on a PLAINTEXT cluster ({@code SslManager}'s constructor
 * makes a temporary trust-store file). That test jar is not published to the Maven repository
 * this build resolves from, so this class takes its place on the test classpath only.
 */
public final class TestUtils {

    private TestUtils() {
    }

    /**
     * A temporary file, deleted when the JVM exits.
     *
     * @param prefix the name's start
     * @param suffix the name's end
     * @return the new, empty file
     * @throws IOException if it cannot be created
     */
    public static File tempFile(String prefix, String suffix) throws IOException {
        File file = Files.createTempFile(prefix, suffix).toFile();
        file.deleteOnExit();
        return file;
    }
}
