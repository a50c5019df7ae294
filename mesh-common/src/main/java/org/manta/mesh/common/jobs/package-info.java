/**
 * Jobs: the partial records each service writes to {@code manta.job-events}, how they fold into a job's state
 * ({@link org.manta.mesh.common.jobs.JobRecords}; reduce-service publishes the fold, one full record per change,
 * on {@code manta.jobs}), and a live view of all jobs
 * ({@link org.manta.mesh.common.jobs.JobView}) for the services that answer about jobs.
 */
package org.manta.mesh.common.jobs;
