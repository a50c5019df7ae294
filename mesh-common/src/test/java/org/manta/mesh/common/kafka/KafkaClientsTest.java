package org.manta.mesh.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;

class KafkaClientsTest {
    @Test
    void aProducerCompressesAsTheTopicOfItsLargestRecords() {
        assertEquals("none", KafkaClients.compression(List.of(Topics.PARTIALS_TOPIC, Topics.JOBS_TOPIC)),
                "fft workers: partial accumulators, uncompressed, and the odd failed job");
        assertEquals("none", KafkaClients.compression(List.of(Topics.JOBS_TOPIC, Topics.COMBINED_TOPIC)));
        assertEquals("zstd", KafkaClients.compression(List.of(Topics.JOBS_TOPIC, Topics.INPUTS_TOPIC)), "ingest");
        assertEquals("zstd", KafkaClients.compression(List.of()), "no topic: zstd");
    }
}
