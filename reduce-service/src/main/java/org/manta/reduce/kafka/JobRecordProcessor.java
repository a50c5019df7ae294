package org.manta.reduce.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.manta.mesh.common.jobs.JobActivity;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.JobRecord;
import org.manta.mesh.common.kafka.RecordErrors;

/**
 * The one writer of {@code manta.jobs}: folds every partial record of a job ({@code manta.job-events}, from
 * ingest, segment-service, fft workers and the combiners, and the final merge's own records, forwarded in
 * its task) with {@link JobRecords#merge} into the job's state in store {@link ReduceTopology#JOB_RECORD_STORE},
 * and publishes the <em>full</em> merged record whenever it changes. So the last record of a job on the
 * compacted topic is all there is to know about it (spec, owner, ingest's bookkeeping, state, counts) and
 * compaction loses nothing; a record that changes nothing (a progress count after a final state) is not
 * published. A change of state requests a commit at once (a job's QUEUED, RUNNING and final state reach
 * the readers without waiting for the commit interval); progress counts go out with the next commit.
 * Exactly once: the store change, the published record and the consumed offset commit in one transaction.
 *
 * <p>Retention: the store keeps a final job (a late record must not start a job afresh without its spec) until
 * its {@code timings.finished} is older than {@code retention} ({@code manta.reduce.job-record-retention-ms},
 * longer than {@code manta.job-events}' retention, so no record of the job is left there by then); a wall-clock
 * punctuator then deletes its entry and forwards a tombstone to {@code manta.jobs}, in the same transaction. A job
 * not final stays. A record of a job the store does not know that is older than the retention (by its
 * timestamp, as the topic's retention counts) can only be of a removed job and is dropped; each entry is the size
 * of a job record.
 */
final class JobRecordProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(JobRecordProcessor.class);

    /** When each final job of this task finished (ms), swept with the retention as its TTL. */
    private final JobActivity finished;
    private final ReduceMetrics metrics;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> jobs;

    /** @param retention a final job's record is removed once it finished longer ago than this */
    JobRecordProcessor(Duration retention, ReduceMetrics metrics) {
        this.finished = new JobActivity(retention);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.jobs = context.getStateStore(ReduceTopology.JOB_RECORD_STORE);
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, byte[]> all = jobs.all()) {      // the final jobs this task holds after a (re)start
            all.forEachRemaining(kv -> {
                JobRecord r = RecordCodec.job(kv.value);
                if (JobRecords.isFinal(r.getState())) {
                    finished.touch(kv.key, finishedAt(r, now));
                }
            });
        }
        context.schedule(finished.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::removeExpired);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordErrors.guard(() -> processRecord(record));     // an Error fails the job, not the stream thread
    }

    private void processRecord(Record<String, byte[]> record) {
        String jobId = Keys.jobOf(record.key() == null ? "" : record.key());
        if (jobId.isEmpty() || record.value() == null) {
            LOG.warnf("a job record without a job id or value was skipped (key '%s')", record.key());
            return;
        }
        JobRecord next;
        try {
            next = RecordCodec.job(record.value());
        } catch (RuntimeException e) {
            LOG.errorf("job %s: an unreadable job record was skipped: %s", jobId, e.getMessage());
            return;
        }
        byte[] stored = jobs.get(jobId);
        long now = context.currentSystemTimeMs();
        if (stored == null && now - record.timestamp() > finished.ttl().toMillis()) {
            LOG.infof("job %s: a %s record written %d ms ago was dropped: older than the job-record retention, it can only"
                    + " be of a job already removed", jobId, next.getState(), now - record.timestamp());
            return;
        }
        JobRecord current = stored == null ? null : RecordCodec.job(stored);
        JobRecord merged = JobRecords.merge(current, next.toBuilder().setJobId(jobId).build());
        if (merged.equals(current)) {
            return;
        }
        byte[] bytes = merged.toByteArray();
        jobs.put(jobId, bytes);
        context.forward(record.withKey(jobId).withValue(bytes), ReduceTopology.JOBS_SINK);
        if (current == null || current.getState() != merged.getState()) {
            context.commit();
            if (JobRecords.isFinal(merged.getState())) {
                finished.touch(jobId, finishedAt(merged, now));
            }
        }
    }

    /** When a final job finished (ms): its {@code timings.finished}, or {@code now} for a record without it. */
    private static long finishedAt(JobRecord r, long now) {
        return r.getTimings().hasFinished() ? Protos.instant(r.getTimings().getFinished()).toEpochMilli() : now;
    }

    /** Removes the final jobs that finished longer ago than the retention: a tombstone on manta.jobs, the entry deleted. */
    private void removeExpired(long now) {
        List<String> old = finished.expire(now);
        int removed = 0;
        for (String jobId : old) {
            if (jobs.get(jobId) != null) {
                jobs.delete(jobId);
                context.forward(new Record<>(jobId, (byte[]) null, now), ReduceTopology.JOBS_SINK);
                removed++;
            }
        }
        if (removed > 0) {
            metrics.jobRecordsRemoved().increment(removed);
            LOG.infof("job-record retention: removed the records of %d final job(s) finished more than %d ms ago"
                    + " (manta.reduce.job-record-retention-ms)", removed, finished.ttl().toMillis());
        }
    }
}
