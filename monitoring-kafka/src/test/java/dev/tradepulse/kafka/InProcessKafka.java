package dev.tradepulse.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft cluster inside the test JVM: one broker combined with its controller ({@link #start()}),
 * or a fleet of brokers beside one controller ({@link #startCluster(int)}), so that brokers can be
 * stopped and started while the controller keeps the metadata quorum.
 */
@SuppressWarnings("try") // the test kit's close() declares Exception
final class InProcessKafka implements AutoCloseable {

    private final KafkaClusterTestKit kit;

    private InProcessKafka(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    static InProcessKafka start() throws Exception {
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("message.max.bytes", Integer.toString(20 << 20))
                .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new InProcessKafka(kit);
        } catch (Exception | Error e) {
            kit.close();
            throw e;
        }
    }

    /**
     * A controller and {@code brokers} brokers (ids 0..n-1); internal topics replicated to all of them.
     */
    static InProcessKafka startCluster(int brokers) throws Exception {
        String rf = Integer.toString(brokers);
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumBrokerNodes(brokers).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", rf)
                .setConfigProp("transaction.state.log.replication.factor", rf)
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("default.replication.factor", rf)
                .setConfigProp("unclean.leader.election.enable", "false")
                .setConfigProp("message.max.bytes", Integer.toString(20 << 20))
                .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new InProcessKafka(kit);
        } catch (Exception | Error e) {
            kit.close();
            throw e;
        }
    }

    String bootstrap() {
        return kit.bootstrapServers();
    }

    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = kit.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "min.insync.replicas", "1"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /** A topic as docs/fleet.md sets it up: replicated, {@code min.insync.replicas}, no unclean election. */
    void createReplicatedTopic(String topic, int partitions, int replicas, int minIsr) throws Exception {
        try (Admin admin = kit.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicas)
                    .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1",
                            "min.insync.replicas", Integer.toString(minIsr),
                            "unclean.leader.election.enable", "false"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Per partition, the ids of the in-sync replicas (asked of any broker that is up). */
    Map<Integer, List<Integer>> isr(String topic) throws Exception {
        try (Admin admin = kit.admin()) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            Map<Integer, List<Integer>> out = new TreeMap<>();
            for (TopicPartitionInfo p : d.partitions()) {
                out.put(p.partition(), p.isr().stream().map(Node::id).sorted().toList());
            }
            return out;
        }
    }

    /** Per partition, the leader's id, or -1 when it has none. */
    Map<Integer, Integer> leaders(String topic) throws Exception {
        try (Admin admin = kit.admin()) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            Map<Integer, Integer> out = new TreeMap<>();
            for (TopicPartitionInfo p : d.partitions()) {
                out.put(p.partition(), p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id());
            }
            return out;
        }
    }

    /** @return the ids of the brokers */
    List<Integer> brokerIds() {
        return kit.brokers().keySet().stream().sorted().toList();
    }

    /** Shuts one broker down (a controlled shutdown: its partitions' leadership moves first). */
    void stopBroker(int id) {
        BrokerServer b = kit.brokers().get(id);
        b.shutdown();
        b.awaitShutdown();
    }

    /**
     * Starts stopped brokers again, on their old ports and log directories, and waits until every
     * broker is registered (the test kit waits for all of them, so start the stopped ones together).
     */
    void startBrokers(List<Integer> ids) throws Exception {
        for (int id : ids) {
            kit.restartBroker(id, Map.of());
        }
        kit.waitForReadyBrokers();
    }

    void stopBroker() {
        kit.brokers().values().forEach(b -> {
            b.shutdown();
            b.awaitShutdown();
        });
    }

    void startBroker() throws Exception {
        kit.brokers().values().forEach(b -> b.startup());
        kit.waitForReadyBrokers();
    }

    /** Every record of a topic, read to its current end. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
            return out;
        }
    }

    long count(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Publishes one raw record, as a forger with access to the topic would. */
    void publish(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> r.headers().add(k, v));
            p.send(r).get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
