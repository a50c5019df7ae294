package org.manta.mesh.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.manta.core.MantaException;

/**
 * A call to the mesh that ended with a gRPC status other than OK: the mesh refused it
 * ({@code INVALID_ARGUMENT}, {@code NOT_FOUND}, {@code RESOURCE_EXHAUSTED}, ...), could not be reached
 * ({@code UNAVAILABLE}) or did not answer in time ({@code DEADLINE_EXCEEDED}). The message names the
 * call, the status code and the server's description.
 */
public final class MeshCallException extends MantaException {
    private final String call;
    private final Status status;

    MeshCallException(String call, StatusRuntimeException cause) {
        super(call + ": " + cause.getStatus().getCode() + (cause.getStatus().getDescription() != null
                ? ": " + cause.getStatus().getDescription() : ""), cause);
        this.call = call;
        this.status = cause.getStatus();
    }

    /** The call that failed, e.g. {@code "JobService.Upload"}. */
    public String call() {
        return call;
    }

    /** The status the call ended with. */
    public Status status() {
        return status;
    }

    /** Its code. */
    public Status.Code code() {
        return status.getCode();
    }

    /** The server's (or the transport's) description of the failure, or "" if it gave none. */
    public String description() {
        return status.getDescription() != null ? status.getDescription() : "";
    }
}
