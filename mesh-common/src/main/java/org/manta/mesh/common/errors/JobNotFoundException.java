package org.manta.mesh.common.errors;

import org.manta.core.MantaException;

/** No job with this id is known to the mesh (gRPC {@code NOT_FOUND}). */
public class JobNotFoundException extends MantaException {
    public JobNotFoundException(String jobId) {
        super("job_id = \"" + jobId + "\": no such job (expected the id returned by Submit or Upload)");
    }
}
