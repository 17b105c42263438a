package dev.tradepulse.kafka;

import dev.tradepulse.api.support.Checks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link KafkaJournalVerifier#catchUp} result: every instance seen so far. Immutable.
 *
 * @param instances per instance, sorted by origin
 * @param offsets the next offset to read per partition
 * @param caughtUp whether everything published when the call began was verified
 */
public record FleetReport(List<InstanceReport> instances, Map<Integer, Long> offsets, boolean caughtUp) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public FleetReport {
        instances = List.copyOf(Checks.notNull(instances, "instances"));
        offsets = Map.copyOf(Checks.notNull(offsets, "offsets"));
    }

    /**
     * One instance's report.
     *
     * @param origin {@code app/instance}
     * @return its report, if it was seen
     * @throws NullPointerException if {@code origin} is null
     */
    public Optional<InstanceReport> instance(String origin) {
        Checks.notNull(origin, "origin");
        return instances.stream().filter(i -> i.origin().equals(origin)).findFirst();
    }

    /** @return whether every instance is clean and the topic was read to its end */
    public boolean clean() {
        return caughtUp && instances.stream().allMatch(InstanceReport::clean);
    }
}
