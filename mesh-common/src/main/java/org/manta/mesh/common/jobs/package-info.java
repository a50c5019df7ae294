/**
 * Jobs on {@code manta.jobs}: the records each service writes and how they fold into a job's state
 * ({@link org.manta.mesh.common.jobs.JobRecords}), and a live view of all jobs
 * ({@link org.manta.mesh.common.jobs.JobView}) for the services that answer about jobs.
 */
package org.manta.mesh.common.jobs;
