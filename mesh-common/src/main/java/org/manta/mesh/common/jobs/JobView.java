package org.manta.mesh.common.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KeyedTopicView;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobRecord;

/**
 * A live, in-memory view of {@code manta.jobs}: every job's current state, folded with
 * {@link JobRecords#merge} (the topic holds each job's full record, as reduce-service's fold of the job's
 * records publishes it, so the last record per job that compaction leaves is enough). A background consumer reads the compacted topic from the beginning
 * ({@code read_committed}, no consumer group) and keeps reading; listeners hear about every change of
 * the jobs they watch. Records this process writes can be applied at once with {@link #apply}, so a
 * client never sees its own job as unknown.
 *
 * <p>A CDI bean: only the services that inject it (ingest, reduce) start the consumer.
 */
@ApplicationScoped
public class JobView implements JobFinality {
    @Inject
    KafkaConfig kafka;

    private KeyedTopicView<JobRecord> jobs;

    @PostConstruct
    void start() {
        jobs = new KeyedTopicView<>(kafka, "manta-job-view", Topics.JOBS_TOPIC, RecordCodec::job, JobRecords::merge).start();
    }

    @PreDestroy
    void stop() {
        if (jobs != null) {
            jobs.close();
        }
    }

    /** Folds a record into the view (from the topic, or one this process just wrote) and tells the job's listeners. */
    public JobRecord apply(JobRecord record) {
        return jobs.apply(record.getJobId(), record);
    }

    /**
     * The current state of a job. Right after a start, waits (up to {@code patience}) until the topic
     * has been read to the end before answering that a job is unknown.
     */
    public Optional<JobRecord> get(String jobId, Duration patience) {
        return jobs.get(jobId, patience);
    }

    /**
     * The current state of a job, waiting up to {@code patience} for it to reach this view: after a start, until the
     * topic has been read to the end; then for its first record (a job that another process accepted a moment ago).
     */
    public Optional<JobRecord> await(String jobId, Duration patience) {
        return jobs.await(jobId, patience);
    }

    /**
     * The job's state once it is final (SUCCEEDED, FAILED, CANCELLED) in this view, woken by the record that makes it
     * so; after {@code patience}, its state as it is then (empty for a job this view does not know).
     */
    public Optional<JobRecord> awaitFinal(String jobId, Duration patience) {
        return jobs.await(jobId, r -> JobRecords.isFinal(r.getState()), patience);
    }

    /** True once the job's state is final (SUCCEEDED, FAILED, CANCELLED) in this view. */
    @Override
    public boolean isFinal(String jobId) {
        return jobs.get(jobId).map(r -> JobRecords.isFinal(r.getState())).orElse(false);
    }

    /** Every job's current state (a snapshot). */
    public List<JobRecord> all() {
        return jobs.values();
    }

    /** True once the topic was read to its end offsets of the start. */
    public boolean awaitCaughtUp(Duration patience) {
        return jobs.awaitCaughtUp(patience);
    }

    public boolean isCaughtUp() {
        return jobs.isCaughtUp();
    }

    /** Calls {@code listener} with every new state of every job (from the view's thread or a writer's: keep it short). */
    public void watchAll(Consumer<JobRecord> listener) {
        jobs.watchAll(listener);
    }

    /**
     * Calls {@code listener} with every new state of a job until the returned handle is closed (it is
     * called from the view's thread or the writer's: keep it short and thread-safe).
     */
    public AutoCloseable watch(String jobId, Consumer<JobRecord> listener) {
        return jobs.watch(jobId, listener);
    }
}
