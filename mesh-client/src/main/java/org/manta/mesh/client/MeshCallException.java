package org.manta.mesh.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;
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

    /**
     * The request field the mesh refused, for an {@code INVALID_ARGUMENT} of a bad parameter: the status details'
     * first {@code google.rpc.BadRequest} field violation ({@code field}: the JobSpec field, e.g.
     * {@code segment_size}, {@code inputs[0]}; {@code description}: {@code "expected …"}); empty when the status
     * carries none (other refusals, an older mesh).
     */
    public Optional<BadRequest.FieldViolation> fieldViolation() {
        com.google.rpc.Status details = StatusProto.fromThrowable(getCause());
        if (details == null) {
            return Optional.empty();
        }
        for (com.google.protobuf.Any any : details.getDetailsList()) {
            if (any.is(BadRequest.class)) {
                try {
                    return any.unpack(BadRequest.class).getFieldViolationsList().stream().findFirst();
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Why the transport failed, for {@code UNAVAILABLE}: the message of the innermost cause (e.g. {@code Connection
     * refused}, a TLS handshake's {@code PKIX path building failed: …}), or the first line of the description when the
     * status has no cause (gRPC's own, e.g. {@code Unable to resolve host …}).
     */
    public String transportReason() {
        Throwable root = status.getCause();
        if (root == null) {
            return description().lines().findFirst().orElse("");
        }
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** Whether the transport failed in a TLS handshake: the server's certificate was not trusted (or TLS spoken to plain). */
    public boolean tlsHandshakeFailed() {
        for (Throwable t = status.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    /** The server's (or the transport's) description of the failure, or "" if it gave none. */
    public String description() {
        return status.getDescription() != null ? status.getDescription() : "";
    }
}
