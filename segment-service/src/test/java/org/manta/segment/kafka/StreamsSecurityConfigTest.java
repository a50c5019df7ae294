package org.manta.segment.kafka;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.manta.mesh.common.testing.KafkaSecurityEnv;

/** The stage's Kafka Streams clients log in as every other Kafka client of the service (plaintext, or TLS + SCRAM in prod). */
class StreamsSecurityConfigTest {
    @Test
    void streamsClientsTakeTheServicesKafkaSecurity() {
        KafkaSecurityEnv.assertStreamsTakeTheClientSecurity(Path.of("src/main/resources/application.properties"));
    }
}
