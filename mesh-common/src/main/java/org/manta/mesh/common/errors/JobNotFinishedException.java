package org.manta.mesh.common.errors;

import org.manta.core.MantaException;
import org.manta.proto.v1.JobState;

/** A job's product was asked for before the job SUCCEEDED (gRPC {@code FAILED_PRECONDITION}). */
public class JobNotFinishedException extends MantaException {
    public JobNotFinishedException(String jobId, JobState state, String detail) {
        super("job " + jobId + " is " + state + ": its product exists once the job has SUCCEEDED"
                + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
    }
}
