package org.manta.reduce.kafka;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
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
 * <p>The store keeps final jobs too (a late record must not start a job afresh without its spec); each
 * entry is the size of a job record.
 */
final class JobRecordProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(JobRecordProcessor.class);

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> jobs;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.jobs = context.getStateStore(ReduceTopology.JOB_RECORD_STORE);
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
        }
    }
}
