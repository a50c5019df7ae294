package org.manta.mesh.common.errors;

import org.manta.core.MantaException;
import org.manta.proto.v1.JobState;

/**
 * Work was offered for a job that is final already, e.g. the rest of an upload whose job was cancelled on another
 * ingest replica (gRPC {@code FAILED_PRECONDITION}).
 */
public class JobFinalException extends MantaException {
    public JobFinalException(String jobId, JobState state, String detail) {
        super("job " + jobId + " is " + state + (detail == null || detail.isBlank() ? "" : " (" + detail + ")")
                + ": it takes no more input");
    }
}
