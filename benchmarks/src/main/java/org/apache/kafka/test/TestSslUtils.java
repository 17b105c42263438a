package org.apache.kafka.test;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.network.ConnectionMode;

/**
 * Stands in for the part of Kafka's {@code kafka-clients} test jar that {@code KafkaClusterTestKit}
 * touches while building a PLAINTEXT cluster (see {@link TestUtils}). It makes no certificates:
 * the kit reads its result only for SSL listeners, which these tests never configure.
 */
public final class TestSslUtils {

    private TestSslUtils() {
    }

    /** The builder {@code SslManager} calls; returns a key-store location and nothing else. */
    public static final class SslConfigsBuilder {

        /**
         * A builder.
         *
         * @param mode client or server (unused)
         */
        public SslConfigsBuilder(ConnectionMode mode) {
        }

        /**
         * Takes the trust store's file (unused).
         *
         * @param file the file
         * @return this builder
         */
        public SslConfigsBuilder createNewTrustStore(File file) {
            return this;
        }

        /**
         * Takes the trust store's file (unused).
         *
         * @param file the file
         * @return this builder
         */
        public SslConfigsBuilder useExistingTrustStore(File file) {
            return this;
        }

        /**
         * A config holding only a key-store location, an empty temporary file.
         *
         * @return the config
         * @throws IOException if the file cannot be created
         */
        public Map<String, Object> build() throws IOException {
            Map<String, Object> config = new HashMap<>();
            config.put("ssl.keystore.location", TestUtils.tempFile("kafka.server.keystore", ".jks").getPath());
            return config;
        }
    }
}
