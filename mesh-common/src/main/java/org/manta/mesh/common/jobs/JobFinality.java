package org.manta.mesh.common.jobs;

/**
 * Whether a job has reached a final state (SUCCEEDED, FAILED, CANCELLED: {@link JobRecords#isFinal}) as far as
 * this process has read {@code manta.jobs}. A final state never goes back, so a stage may drop a final job's
 * work and state on this answer alone: a late "yes" costs wasted work, never a wrong product. Backed by the
 * {@link JobView} (services that read whole records) or {@link FinalJobs} (those that need only this).
 */
@FunctionalInterface
public interface JobFinality {
    /** Knows no final job (tests, and stages that do not look). */
    JobFinality NONE = jobId -> false;

    boolean isFinal(String jobId);
}
