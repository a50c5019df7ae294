package org.manta.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesAreTheDesignedOnes() {
        assertEquals(List.of("manta.jobs", "manta.inputs", "manta.units", "manta.partials", "manta.combined", "manta.expected", "manta.products",
                "manta.running", "manta.job-events", "manta.dead-letters"),
                Topics.all().stream().map(TopicSpec::name).toList());
    }

    @Test
    void jobsProductsAndExpectedAreCompactedTheRestIsNot() {
        Set<String> compacted = Topics.all().stream().filter(TopicSpec::compacted).map(TopicSpec::name).collect(Collectors.toSet());
        assertEquals(Set.of(Topics.JOBS, Topics.PRODUCTS, Topics.EXPECTED, Topics.RUNNING), compacted);
        assertEquals("compact,delete", Topics.RUNNING_TOPIC.configs().get("cleanup.policy"),
                "running products of jobs that never finish expire");
        assertEquals(Long.toString(Topics.TRANSIENT_RETENTION_MS), Topics.RUNNING_TOPIC.configs().get("retention.ms"));
    }

    @Test
    void jobKeyedTopicsAreCoPartitioned() {
        for (String name : List.of(Topics.JOBS, Topics.INPUTS, Topics.COMBINED, Topics.EXPECTED, Topics.RUNNING,
                Topics.JOB_EVENTS, Topics.DEAD_LETTERS)) {
            assertEquals(Topics.JOB_KEYED_PARTITIONS, Topics.spec(name).partitions(), name);
        }
        assertTrue(Topics.UNITS_TOPIC.partitions() >= Topics.JOB_KEYED_PARTITIONS);
        assertTrue(Topics.PARTIALS_TOPIC.partitions() >= Topics.JOB_KEYED_PARTITIONS, "combiners spread a job's partials");
    }

    @Test
    void largeRecordTopicsAcceptLargeRecordsAndOnlyPartialsAreUncompressed() {
        assertEquals(4 * 1024 * 1024, Topics.UNITS_TOPIC.maxMessageBytes(), "a unit carries its plan's GTIs");
        assertEquals(64 * 1024 * 1024, Topics.PARTIALS_TOPIC.maxMessageBytes());
        assertTrue(Topics.UNIT_PARTITIONS >= 64, "one job spreads over at least 64 fft workers by default");
        assertEquals(TopicSpec.KAFKA_DEFAULT_MAX_MESSAGE_BYTES, Topics.JOBS_TOPIC.maxMessageBytes());
        for (TopicSpec t : Topics.all()) {
            boolean partials = t.name().equals(Topics.PARTIALS) || t.name().equals(Topics.COMBINED);
            assertEquals(partials ? "uncompressed" : "zstd", t.configs().get("compression.type"), t.name());
            assertEquals(partials ? "none" : "zstd", t.producerCompression(), t.name());
        }
    }

    @Test
    void newTopicCarriesPartitionsAndConfigs() {
        NewTopic t = Topics.UNITS_TOPIC.toNewTopic();
        assertEquals(Topics.UNITS, t.name());
        assertEquals(Topics.UNIT_PARTITIONS, t.numPartitions());
        assertFalse(t.replicationFactor() > 0, "replication factor left to the broker");
        assertEquals(Topics.UNITS_TOPIC.configs(), t.configs());
        assertEquals(3, Topics.UNITS_TOPIC.withPartitions(3).partitions());
    }

    @Test
    void unknownNamesAndBadSpecsAreRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Topics.spec("manta.job"));
        assertTrue(e.getMessage().startsWith("topic 'manta.job': expected one of [manta.jobs,"), e.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> new TopicSpec("x", 0, Map.of()));
        assertEquals("topic x partitions 0: expected at least 1", p.getMessage());
    }
}
