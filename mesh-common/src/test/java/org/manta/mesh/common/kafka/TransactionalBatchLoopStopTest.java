package org.manta.mesh.common.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.testing.KafkaSecurityEnv;

/**
 * A loop whose broker is gone stops when asked, at once (found: an fft-service stopped with its broker gone waited a
 * minute in the producer's {@code initTransactions}, {@code max.block.ms}, and was killed by its harness).
 */
class TransactionalBatchLoopStopTest {

    @Test
    void aLoopWaitingForAGoneBrokerStopsWithinSeconds() throws Exception {
        KafkaConfig kafka = KafkaSecurityEnv.kafka(Map.of("KAFKA_BOOTSTRAP", "127.0.0.1:1"));   // nothing listens
        TopicSpec topic = new TopicSpec("test.units", 1, Map.of());
        TransactionalBatchLoop loop = new TransactionalBatchLoop(kafka, new TransactionalBatchLoop.Settings("stop-test-0",
                "stop-test", topic, List.of(topic), 16, Duration.ofMillis(100), Duration.ofMillis(10)),
                batch -> List.of(), consumer -> () -> { });
        Thread thread = Thread.ofPlatform().name("stop-test-loop").start(loop);
        Thread.sleep(1500);                  // in initTransactions, waiting for a broker that is not there
        assertTrue(thread.isAlive(), "still starting");
        assertFalse(loop.healthy());
        long t0 = System.nanoTime();
        loop.stop();
        thread.join(Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        assertFalse(thread.isAlive(), "stopped");
        assertTrue(seconds < 5, "stopped in " + seconds + " s (the clients closed within 2 s each)");
    }
}
