package org.manta.mesh.common.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.CompactedTopicReader;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobRecord;

/**
 * A live, in-memory view of {@code manta.jobs}: every job's current state, folded with
 * {@link JobRecords#merge}. A background consumer reads the compacted topic from the beginning
 * ({@code read_committed}, no consumer group) and keeps reading; listeners hear about every change of
 * the jobs they watch. Records this process writes can be applied at once with {@link #apply}, so a
 * client never sees its own job as unknown.
 *
 * <p>A CDI bean: only the services that inject it (ingest, reduce) start the consumer.
 */
@ApplicationScoped
public class JobView {
    private static final Logger LOG = Logger.getLogger(JobView.class);

    @Inject
    KafkaConfig kafka;

    private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JobRecord>>> listeners = new ConcurrentHashMap<>();
    private CompactedTopicReader reader;

    @PostConstruct
    void start() {
        reader = new CompactedTopicReader(kafka, "manta-job-view", Topics.JOBS_TOPIC,
                r -> apply(RecordCodec.job(r.value()))).start();
    }

    @PreDestroy
    void stop() {
        if (reader != null) {
            reader.close();
        }
    }

    /** Folds a record into the view (from the topic, or one this process just wrote) and tells the job's listeners. */
    public JobRecord apply(JobRecord record) {
        JobRecord merged = jobs.merge(record.getJobId(), record, JobRecords::merge);
        for (Consumer<JobRecord> l : listeners.getOrDefault(record.getJobId(), List.of())) {
            try {
                // the current state, not this merge's result: two writers racing may notify in either
                // order, and a listener must never see a job go back
                l.accept(jobs.get(record.getJobId()));
            } catch (RuntimeException e) {
                LOG.debugf("job view listener failed: %s", e);
            }
        }
        return merged;
    }

    /**
     * The current state of a job. Right after a start, waits (up to {@code patience}) until the topic
     * has been read to the end before answering that a job is unknown.
     */
    public Optional<JobRecord> get(String jobId, Duration patience) {
        JobRecord r = jobs.get(jobId);
        if (r == null) {
            awaitCaughtUp(patience);
            r = jobs.get(jobId);
        }
        return Optional.ofNullable(r);
    }

    /** True once the topic was read to its end offsets of the start. */
    public boolean awaitCaughtUp(Duration patience) {
        return reader.awaitCaughtUp(patience);
    }

    public boolean isCaughtUp() {
        return reader.isCaughtUp();
    }

    /**
     * Calls {@code listener} with every new state of a job until the returned handle is closed (it is
     * called from the view's thread or the writer's: keep it short and thread-safe).
     */
    public AutoCloseable watch(String jobId, Consumer<JobRecord> listener) {
        listeners.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(jobId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }
}
