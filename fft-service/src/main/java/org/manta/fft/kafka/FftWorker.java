package org.manta.fft.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.manta.fft.service.BatchFolder;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.proto.v1.PartialAccumulator;

/**
 * One fft worker: an exactly-once consume-transform-produce loop (Kafka transactions, KIP-447).
 * Each poll's segments are folded into one partial per job; the partials and the consumed offsets
 * are committed in one transaction. A worker killed mid-batch leaves an open transaction that its
 * restarted self (same {@code transactional.id}) aborts on start: the partials of that batch are never
 * seen by the reducer ({@code read_committed}) and its segments are folded again from the last
 * committed offsets. No state outlives a transaction: the worker is stateless.
 */
final class FftWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(FftWorker.class);
    static final String GROUP = "manta-fft";

    private final String name;
    private final KafkaConfig kafka;
    private final int maxSegments;
    private final Duration pollTimeout;
    private final FftMetrics metrics;
    private final BatchFolder folder = new BatchFolder();
    private volatile boolean running = true;
    private volatile boolean healthy;
    private volatile KafkaConsumer<String, byte[]> consumer;

    FftWorker(String name, KafkaConfig kafka, int maxSegments, Duration pollTimeout, FftMetrics metrics) {
        this.name = name;
        this.kafka = kafka;
        this.maxSegments = maxSegments;
        this.pollTimeout = pollTimeout;
        this.metrics = metrics;
    }

    boolean healthy() {
        return healthy;
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                loop();
            } catch (WakeupException e) {
                // stopping
            } catch (ProducerFencedException e) {
                LOG.errorf("%s: fenced by a newer instance with the same transactional id; restarting the loop", name);
                sleep(1000);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: Kafka loop failed; reprocessing from the last committed offsets in 1 s", name);
                sleep(1000);
            } finally {
                healthy = false;
            }
        }
    }

    private void loop() {
        Map<String, Object> pc = KafkaClients.producerConfig(kafka, name, Optional.of(name),
                List.of(Topics.PARTIALS_TOPIC, Topics.JOBS_TOPIC));
        Map<String, Object> cc = KafkaClients.consumerConfig(kafka, name, GROUP, Optional.of(name),
                List.of(Topics.SEGMENTS_TOPIC));
        cc.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxSegments);
        cc.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(pc);
             KafkaConsumer<String, byte[]> c = KafkaClients.consumer(cc);
             AutoCloseable lag = metrics.bind(c)) {
            consumer = c;
            producer.initTransactions();     // aborts what a killed predecessor left open
            c.subscribe(List.of(Topics.SEGMENTS));
            healthy = true;
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(pollTimeout);
                if (records.isEmpty()) {
                    continue;
                }
                process(records, producer, c);
            }
        } catch (WakeupException | ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            throw e;
        } catch (Exception e) {
            throw new KafkaException(e);
        } finally {
            consumer = null;
        }
    }

    private void process(ConsumerRecords<String, byte[]> records, KafkaProducer<String, byte[]> producer,
                         KafkaConsumer<String, byte[]> c) {
        List<String> keys = new ArrayList<>(records.count());
        List<byte[]> values = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            keys.add(r.key());
            values.add(r.value());
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        Timer.Sample sample = Timer.start();
        BatchFolder.Result result = folder.fold(keys, values);
        sample.stop(metrics.foldTime());
        producer.beginTransaction();
        try {
            for (PartialAccumulator p : result.partials()) {
                producer.send(new ProducerRecord<>(Topics.PARTIALS, p.getJobId(), p.toByteArray()));
            }
            for (Map.Entry<String, String> f : result.failedJobs().entrySet()) {
                LOG.warnf("job %s failed: %s", f.getKey(), f.getValue());
                producer.send(new ProducerRecord<>(Topics.JOBS, f.getKey(),
                        JobRecords.failed(f.getKey(), f.getValue(), Instant.now()).toByteArray()));
            }
            producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
        metrics.segments().increment(result.segments());
        metrics.partials().increment(result.partials().size());
        metrics.failedJobs().increment(result.failedJobs().size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record FftMetrics(Counter segments, Counter partials, Counter failedJobs, Timer foldTime,
                      java.util.function.Function<KafkaConsumer<String, byte[]>, AutoCloseable> binder) {
        AutoCloseable bind(KafkaConsumer<String, byte[]> c) {
            return binder.apply(c);
        }
    }
}
