package org.manta.segment.kafka;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Places a job's work units round-robin on the partitions of {@code manta.units}: unit {@code i} of a job on
 * partition {@code (h + i) mod P}, where {@code h} comes from the job id. The planner makes the number of
 * units a whole multiple of the partitions ({@code UnitSizing}), so every partition, and every fft worker
 * that owns the same number of partitions, gets the same number of units of a job (hashing the keys would
 * leave some partitions with several units and others with none).
 */
final class UnitPartitioner implements StreamPartitioner<String, byte[]> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
        int slash = key.lastIndexOf('/');
        long unit = Long.parseLong(key.substring(slash + 1));
        int job = key.substring(0, slash).hashCode();
        return Optional.of(Set.of((int) Math.floorMod(job + unit, (long) numPartitions)));
    }
}
