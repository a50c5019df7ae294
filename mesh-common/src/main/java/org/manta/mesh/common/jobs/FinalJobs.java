package org.manta.mesh.common.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.CompactedTopicReader;
import org.manta.mesh.common.kafka.RecordCodec;

/**
 * The ids of the final jobs of {@code manta.jobs}, read live by a {@link CompactedTopicReader} (from the
 * beginning, {@code read_committed}), for a stage that only needs to know which jobs to stop working on (the
 * fft workers skip their units). Keeps a job id and the time of its first final record, and forgets jobs final
 * for longer than {@code retain} (by then none of their work is left on the topics: the units' retention); a
 * tombstone forgets the job at once. A few dozen bytes per job.
 */
public final class FinalJobs implements JobFinality, AutoCloseable {
    /** How long a final job is remembered by default: the retention of work units. */
    public static final Duration DEFAULT_RETAIN = Duration.ofMillis(Topics.TRANSIENT_RETENTION_MS);

    private final Map<String, Long> finalSince = new ConcurrentHashMap<>();
    private final long retainMillis;
    private final CompactedTopicReader reader;
    private long nextSweep;

    /**
     * @param name   client id and thread name of the reader
     * @param retain how long a job is remembered after its final record
     */
    public FinalJobs(KafkaConfig kafka, String name, Duration retain) {
        this.retainMillis = retain.toMillis();
        this.reader = new CompactedTopicReader(kafka, name, Topics.JOBS_TOPIC, this::accept);
    }

    public FinalJobs start() {
        reader.start();
        return this;
    }

    @Override
    public void close() {
        reader.close();
    }

    @Override
    public boolean isFinal(String jobId) {
        return finalSince.containsKey(jobId);
    }

    /** Jobs remembered as final now. */
    public int size() {
        return finalSince.size();
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            finalSince.remove(r.key());
        } else if (JobRecords.isFinal(RecordCodec.job(r.value()).getState())) {
            finalSince.putIfAbsent(r.key(), r.timestamp());
        }
        long now = System.currentTimeMillis();
        if (now >= nextSweep) {
            finalSince.values().removeIf(since -> now - since > retainMillis);
            nextSweep = now + Math.min(retainMillis, 60_000);
        }
    }
}
