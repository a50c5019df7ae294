package org.manta.mesh.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.mesh.TopicSpec;

/** Start, stop, restart and failure behaviour of the harness (two real brokers in this class). */
class KafkaBrokerLifecycleTest {

    @Test
    void closeStopsTheProcessFreesThePortAndDeletesTheData() {
        KafkaBroker kafka = KafkaBroker.start();
        int port = kafka.port();
        long pid = kafka.pid();
        Path dataDir = kafka.dataDir();
        assertTrue(kafka.isRunning());
        assertTrue(accepts(port), "listening before close");
        assertTrue(Files.isDirectory(dataDir.resolve("kafka-logs")));

        kafka.close();

        assertFalse(kafka.isRunning());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker process " + pid + " is gone");
        assertFalse(accepts(port), "port " + port + " is closed");
        assertFalse(Files.exists(dataDir), "temporary data directory deleted");
        kafka.close();   // idempotent
        assertThrows(IllegalStateException.class, kafka::admin);
    }

    /** kill -9, then restart: the same port and log dirs, so a record written before is read back after. */
    @Test
    void aKilledBrokerRestartsOnItsPortWithItsData(@TempDir Path dir) throws Exception {
        try (KafkaBroker kafka = KafkaBroker.builder().dataDir(dir.resolve("kafka")).start()) {
            kafka.createTopics(new TopicSpec("restart-test", 2, Map.of()));
            Map<String, Object> config = new HashMap<>(kafka.clientConfig());
            try (KafkaProducer<String, String> p = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("restart-test", "k", "before the kill")).get(30, TimeUnit.SECONDS);
            }
            int port = kafka.port();
            long pid = kafka.pid();

            kafka.kill();
            assertFalse(kafka.isRunning());
            assertFalse(accepts(port), "port " + port + " is closed after kill -9");
            kafka.restart();
            assertThrows(IllegalStateException.class, kafka::restart, "a running broker is not restarted");

            assertTrue(kafka.isRunning());
            assertEquals(port, kafka.port());
            assertNotEquals(pid, kafka.pid(), "a new process");
            assertTrue(accepts(port), "listening again on " + port);
            config.put("group.id", "restart-test");
            config.put("auto.offset.reset", "earliest");
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of("restart-test"));
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    c.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
                assertEquals(List.of("before the kill"), values);
            }
        }
        assertTrue(Files.isDirectory(dir.resolve("kafka").resolve("kafka-logs")), "a given data directory is kept");
    }

    @Test
    void brokerJarsAreNotOnThisClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("kafka.Kafka"));
        List<Path> jars = BrokerClasspath.resolve();
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().equals("kafka_2.13-4.2.1.jar")), jars.toString());
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("log4j-core-")), jars.toString());
    }

    @Test
    void aBrokerThatCannotStartFailsWithItsLog(@TempDir Path dir) throws IOException {
        Path notKafka = Files.writeString(dir.resolve("not-kafka.jar"), "");
        var e = assertThrows(KafkaBrokerException.class,
                () -> KafkaBroker.builder().classpath(List.of(notKafka)).dataDir(dir.resolve("data")).start());
        assertTrue(e.getMessage().startsWith("formatting Kafka storage failed (exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("kafka.tools.StorageTool"), e.getMessage());
        assertTrue(e.getMessage().contains("format.log ---"), "quotes the log: " + e.getMessage());
    }

    @Test
    void aMissingJarIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("kafka_2.13-4.2.1.jar");
        var e = assertThrows(KafkaBrokerException.class, () -> BrokerClasspath.parse(missing.toString(), "test"));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    }

    @Test
    void aDirectoryOfJarsIsAClasspath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.jar"), "");
        Files.writeString(dir.resolve("a.jar"), "");
        Files.writeString(dir.resolve("README"), "");
        assertEquals(List.of(dir.resolve("a.jar"), dir.resolve("b.jar")), BrokerClasspath.parse(dir.toString(), "test"));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
