package org.manta.mesh.common.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.manta.core.BadEventFileException;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.mesh.common.errors.JobNotFinishedException;
import org.manta.mesh.common.errors.JobFinalException;
import org.manta.mesh.common.errors.JobNotFoundException;
import org.manta.mesh.common.errors.ProductGoneException;
import org.manta.mesh.common.errors.LimitExceededException;

/**
 * Domain exceptions → gRPC {@link Status}, in one place (style.md §7). Services call
 * {@link #toStatus} in their gRPC adapters and never build statuses themselves.
 *
 * <pre>
 *  InvalidParameterException, BadEventFileException, NoDataException,
 *  IncompatibleSpectraException                            → INVALID_ARGUMENT
 *  JobNotFoundException                                    → NOT_FOUND
 *  JobNotFinishedException                                 → FAILED_PRECONDITION
 *  LimitExceededException                                  → RESOURCE_EXHAUSTED
 *  StatusRuntimeException / StatusException                → unchanged
 *  anything else                                           → INTERNAL (class and message; logged by the caller)
 * </pre>
 * An {@code InvalidParameterException} also carries its parameter as a {@code google.rpc.BadRequest} field
 * violation in the status details ({@code field}: the JobSpec field, e.g. {@code segment_size} or
 * {@code inputs[0]}; {@code description}: {@code "expected …"}), so that a client can say the refusal in its own
 * words (e.g. {@code manta submit}: {@code --segment}) while the description stays the API's.
 */
public final class GrpcErrors {
    private GrpcErrors() {
    }

    public static StatusRuntimeException toStatus(Throwable e) {
        if (e instanceof StatusRuntimeException s) {
            return s;
        }
        if (e instanceof StatusException s) {
            return s.getStatus().asRuntimeException(s.getTrailers());
        }
        if (e instanceof InvalidParameterException p) {
            return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Status.Code.INVALID_ARGUMENT.value()).setMessage(describe(e))
                    .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField(p.parameter()).setDescription("expected " + p.expected())).build()))
                    .build());
        }
        return status(e).withDescription(describe(e)).asRuntimeException();
    }

    /** The status code for an exception (without its description). */
    public static Status status(Throwable e) {
        if (e instanceof InvalidParameterException || e instanceof BadEventFileException
                || e instanceof NoDataException || e instanceof IncompatibleSpectraException) {
            return Status.INVALID_ARGUMENT;
        }
        if (e instanceof JobNotFoundException || e instanceof ProductGoneException) {
            return Status.NOT_FOUND;
        }
        if (e instanceof JobNotFinishedException || e instanceof JobFinalException) {
            return Status.FAILED_PRECONDITION;
        }
        if (e instanceof LimitExceededException) {
            return Status.RESOURCE_EXHAUSTED;
        }
        return Status.INTERNAL.withCause(e);
    }

    /** For INTERNAL errors the description names the exception class too. */
    public static String describe(Throwable e) {
        return status(e).getCode() == Status.Code.INTERNAL ? "internal error: " + e : e.getMessage();
    }
}
