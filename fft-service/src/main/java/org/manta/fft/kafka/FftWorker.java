package org.manta.fft.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
 * Work units of one or more polls (up to {@code maxUnits}, or for at most the linger time) are read from
 * the shared storage and folded into one partial per job ({@link BatchFolder}); the partials, the jobs a
 * bad unit failed and the consumed offsets are committed in one transaction. If partitions are revoked
 * before the commit, the batch is dropped and read again from the committed offsets. A worker killed
 * mid-batch leaves an open transaction that its restarted self (same {@code transactional.id}) aborts on
 * start: the partials of that batch are never seen by the reducer ({@code read_committed}) and its units
 * are folded again from the last committed offsets. No state outlives a transaction but the folder's
 * caches (plans, open input files, FFT plans), which a unit record determines: the worker is stateless.
 * The folder's files are closed when the worker stops.
 */
final class FftWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(FftWorker.class);
    static final String GROUP = "manta-fft";

    private final String name;
    private final KafkaConfig kafka;
    private final int maxUnits;
    private final Duration pollTimeout;
    private final long lingerNanos;
    private final FftMetrics metrics;
    private final BatchFolder folder;
    private volatile boolean running = true;
    private volatile boolean healthy;
    private volatile KafkaConsumer<String, byte[]> consumer;

    FftWorker(String name, KafkaConfig kafka, BatchFolder folder, int maxUnits, Duration pollTimeout, Duration linger,
              FftMetrics metrics) {
        this.name = name;
        this.kafka = kafka;
        this.folder = folder;
        this.maxUnits = maxUnits;
        this.pollTimeout = pollTimeout;
        this.lingerNanos = linger.toNanos();
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
        try {
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
        } finally {
            folder.close();
        }
    }

    private void loop() {
        Map<String, Object> pc = KafkaClients.producerConfig(kafka, name, Optional.of(name),
                List.of(Topics.PARTIALS_TOPIC, Topics.JOBS_TOPIC));
        Map<String, Object> cc = KafkaClients.consumerConfig(kafka, name, GROUP, Optional.of(name),
                List.of(Topics.UNITS_TOPIC));     // max.partition.fetch.bytes: the largest unit record
        cc.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxUnits);
        cc.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(pc);
             KafkaConsumer<String, byte[]> c = KafkaClients.consumer(cc);
             AutoCloseable lag = metrics.bind(c)) {
            consumer = c;
            producer.initTransactions();     // aborts what a killed predecessor left open
            boolean[] revoked = {false};
            c.subscribe(List.of(Topics.UNITS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    revoked[0] = !partitions.isEmpty();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    revoked[0] = true;
                }
            });
            healthy = true;
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            long windowStart = 0;
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(pollTimeout);
                if (revoked[0]) {
                    // the uncommitted batch may hold records of partitions this worker no longer owns:
                    // drop it and read again from the committed offsets
                    revoked[0] = false;
                    batch.clear();
                    windowStart = 0;
                    rewindToCommitted(c);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    batch.add(r);
                }
                if (batch.isEmpty()) {
                    continue;
                }
                if (windowStart == 0) {
                    windowStart = System.nanoTime();
                }
                if (batch.size() >= maxUnits || records.isEmpty() || System.nanoTime() - windowStart >= lingerNanos) {
                    process(batch, producer, c);
                    batch.clear();
                    windowStart = 0;
                }
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

    /** Seeks every assigned partition back to its committed offset (or the start when none is committed). */
    private static void rewindToCommitted(KafkaConsumer<String, byte[]> c) {
        Set<TopicPartition> assigned = c.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(assigned);
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata o = committed.get(tp);
            if (o == null) {
                c.seekToBeginning(List.of(tp));
            } else {
                c.seek(tp, o.offset());
            }
        }
    }

    private void process(List<ConsumerRecord<String, byte[]>> records, KafkaProducer<String, byte[]> producer,
                         KafkaConsumer<String, byte[]> c) {
        List<String> keys = new ArrayList<>(records.size());
        List<byte[]> values = new ArrayList<>(records.size());
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
                if (f.getKey().isBlank()) {
                    LOG.errorf("dropped a work unit without a job id: %s", f.getValue());
                    continue;
                }
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
        metrics.units().increment(result.units());
        metrics.segments().increment(result.segments());
        metrics.events().increment(result.events());
        metrics.rows().increment(result.rows());
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

    record FftMetrics(Counter units, Counter segments, Counter events, Counter rows, Counter partials,
                      Counter failedJobs, Timer foldTime,
                      java.util.function.Function<KafkaConsumer<String, byte[]>, AutoCloseable> binder) {
        AutoCloseable bind(KafkaConsumer<String, byte[]> c) {
            return binder.apply(c);
        }
    }
}
