package org.manta.ingest.service;

import org.manta.mesh.common.jobs.JobRecords;
import org.manta.proto.v1.JobRecord;

/**
 * What a restarted ingest-service does with a job it finds on {@code manta.jobs}, so that no job is
 * left hanging when the instance that prepares its input dies (design.md §3); also what another instance does
 * with the jobs of an instance that is lost ({@link LostInstances}). Only the instance named on
 * the job's records ({@code JobRecord.ingest.instance_id}, its {@code manta.kafka.instance-id}) acts on
 * it, and only while the job is not final and its input is not complete
 * ({@link JobRecords#inputComplete}: ingest recorded that its {@code JobInput} is durable, or
 * segment-service published the expected count).
 */
public enum Resumption {
    /** Another instance's job, a final one, one whose input is complete, or one from before ingest recorded its owner. */
    LEAVE,
    /**
     * A job on files: prepare its input again from the start (hash, stage, check, publish); its files must
     * have the sha256 recorded. Its {@code JobInput} may then be published twice: segment-service plans a
     * job once.
     */
    RESUME,
    /**
     * An upload ({@code spec.inputs} empty): the client's events went with the process (its staged files are
     * incomplete), so the job fails and its staging directory goes.
     */
    FAIL;

    /**
     * @param job        a job's current state (the fold of its records)
     * @param instanceId this process's {@code manta.kafka.instance-id}
     */
    public static Resumption of(JobRecord job, String instanceId) {
        if (!job.hasIngest() || !job.getIngest().getInstanceId().equals(instanceId) || JobRecords.isFinal(job.getState())
                || JobRecords.inputComplete(job)) {
            return LEAVE;
        }
        return job.getSpec().getInputsCount() > 0 ? RESUME : FAIL;
    }
}
