package org.manta.mesh.common.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
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
import org.manta.mesh.TopicSpec;
import org.manta.mesh.common.config.KafkaConfig;

/**
 * An exactly-once consume-transform-produce loop (Kafka transactions, KIP-447) for the stateless stages
 * of the mesh (the fft workers, and the gpu-service's workers of the same contract): records of one or more polls, up to
 * {@code maxRecords}, for at most the linger time, or until a short poll brings no more, are handed to a
 * {@link BatchHandler} as one batch;
 * what it returns and the batch's offsets commit in one transaction. If partitions are revoked before the
 * commit, the batch is dropped and read again from the committed offsets. A process killed mid-batch
 * leaves an open transaction that its restarted self (same {@code name}, hence the same
 * {@code transactional.id} and static {@code group.instance.id}) aborts on start: the batch's outputs are
 * never seen downstream ({@code read_committed}) and the batch is processed again. No state outlives a
 * transaction.
 */
public final class TransactionalBatchLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(TransactionalBatchLoop.class);
    /**
     * How long a poll waits while a batch is open: a batch is processed once a poll this short brings
     * nothing more (the records of one fetch are all there at once), rather than after a whole poll timeout.
     */
    private static final java.time.Duration BATCH_POLL = java.time.Duration.ofMillis(5);
    /**
     * How long closing a client may wait for the broker: a stop with the broker gone would otherwise wait for it (the
     * consumer's default 30 s, the producer's in-flight requests for ever); what is left open is a transaction that the
     * next instance of the same name aborts.
     */
    static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(2);

    /** Turns a batch of records into the records to publish in the batch's transaction. */
    @FunctionalInterface
    public interface BatchHandler {
        List<ProducerRecord<String, byte[]>> process(List<ConsumerRecord<String, byte[]>> batch);
    }

    /**
     * @param name        unique among the running loops of the group, stable across restarts of one process
     *                    (its transactional id and static membership)
     * @param group       the consumer group
     * @param source      the topic consumed
     * @param sinks       the topics written (for the producer's request size)
     * @param maxRecords  records per batch (also {@code max.poll.records})
     * @param pollTimeout how long one poll may wait
     * @param linger      how long a batch keeps collecting before it is processed
     */
    public record Settings(String name, String group, TopicSpec source, List<TopicSpec> sinks, int maxRecords,
                           java.time.Duration pollTimeout, java.time.Duration linger) {
    }

    private final KafkaConfig kafka;
    private final Settings settings;
    private final BatchHandler handler;
    private final Function<KafkaConsumer<String, byte[]>, AutoCloseable> consumerMetrics;
    private volatile boolean running = true;
    private volatile boolean healthy;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile KafkaProducer<String, byte[]> producer;

    /** @param consumerMetrics binds the consumer's metrics (closed with the consumer) */
    public TransactionalBatchLoop(KafkaConfig kafka, Settings settings, BatchHandler handler,
                                  Function<KafkaConsumer<String, byte[]>, AutoCloseable> consumerMetrics) {
        this.kafka = kafka;
        this.settings = settings;
        this.handler = handler;
        this.consumerMetrics = consumerMetrics;
    }

    /** Whether the loop has its Kafka clients up. */
    public boolean healthy() {
        return healthy;
    }

    /**
     * Stops the loop (from another thread): the current batch is not committed. A loop still starting (its producer
     * waiting for the broker in {@code initTransactions}, up to {@code max.block.ms}: found, a stop with the broker gone
     * took a minute) has its producer closed at once; it has committed nothing.
     */
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        KafkaProducer<String, byte[]> p = producer;
        if (p != null && !healthy) {
            p.close(java.time.Duration.ZERO);
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
                LOG.errorf("%s: fenced by a newer instance with the same transactional id; restarting the loop",
                        settings.name());
                sleep(1000);
            } catch (RuntimeException | Error e) {      // never a dead loop: its records are reprocessed
                if (!running) {
                    return;     // stopping: a client closed under the loop (stop)
                }
                LOG.errorf(e, "%s: Kafka loop failed; reprocessing from the last committed offsets in 1 s", settings.name());
                sleep(1000);
            } finally {
                healthy = false;
            }
        }
    }

    private void loop() {
        String name = settings.name();
        Map<String, Object> pc = KafkaClients.producerConfig(kafka, name, Optional.of(name), settings.sinks());
        Map<String, Object> cc = KafkaClients.consumerConfig(kafka, name, settings.group(), Optional.of(name),
                List.of(settings.source()));
        cc.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxRecords());
        cc.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        long lingerNanos = settings.linger().toNanos();
        java.time.Duration batchPoll = settings.pollTimeout().compareTo(BATCH_POLL) < 0 ? settings.pollTimeout() : BATCH_POLL;
        // each client closed within CLOSE_TIMEOUT (before its own close, which then has nothing left to do)
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(pc);
             AutoCloseable closeProducer = () -> producer.close(CLOSE_TIMEOUT);
             KafkaConsumer<String, byte[]> c = KafkaClients.consumer(cc);
             AutoCloseable closeConsumer = () -> c.close(CloseOptions.timeout(CLOSE_TIMEOUT));
             AutoCloseable metrics = consumerMetrics.apply(c)) {
            consumer = c;
            this.producer = producer;
            if (!running) {
                return;     // stopped while the clients were made
            }
            producer.initTransactions();     // aborts what a killed predecessor left open
            boolean[] revoked = {false};
            c.subscribe(List.of(settings.source().name()), new ConsumerRebalanceListener() {
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
                // with records in hand, a batch waits only for those already on their way
                ConsumerRecords<String, byte[]> records = c.poll(batch.isEmpty() ? settings.pollTimeout() : batchPoll);
                if (revoked[0]) {
                    // the uncommitted batch may hold records of partitions this loop no longer owns:
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
                if (batch.size() >= settings.maxRecords() || records.isEmpty()
                        || System.nanoTime() - windowStart >= lingerNanos) {
                    commit(batch, producer, c);
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
            this.producer = null;
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

    private void commit(List<ConsumerRecord<String, byte[]>> batch, KafkaProducer<String, byte[]> producer,
                        KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        List<ProducerRecord<String, byte[]>> out = handler.process(batch);
        producer.beginTransaction();
        try {
            for (ProducerRecord<String, byte[]> r : out) {
                producer.send(r);
            }
            producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
