package org.manta.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.manta.mesh.common.jobs.JobView;

/** Ready once the job view has read {@code manta.jobs} to its end (answers about jobs are then complete). */
@Readiness
@ApplicationScoped
public class IngestReadiness implements HealthCheck {
    @Inject
    JobView jobs;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("job-view").status(jobs.isCaughtUp()).build();
    }
}
