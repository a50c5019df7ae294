package org.manta.mesh.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.mesh.common.errors.JobNotFinishedException;
import org.manta.mesh.common.errors.JobNotFoundException;
import org.manta.mesh.common.errors.LimitExceededException;
import org.manta.proto.v1.JobState;

class GrpcErrorsTest {
    @Test
    void domainErrorsMapToTheirCodesWithTheirMessages() {
        assertCode(Status.Code.INVALID_ARGUMENT, new InvalidParameterException("dt", -1, "a positive number"), "dt = -1");
        assertCode(Status.Code.INVALID_ARGUMENT, new BadEventFileException(Path.of("a.evt"), "no TIME column"), "no TIME column");
        assertCode(Status.Code.NOT_FOUND, new JobNotFoundException("42"), "no such job");
        assertCode(Status.Code.FAILED_PRECONDITION, new JobNotFinishedException("42", JobState.RUNNING, ""), "is RUNNING");
        assertCode(Status.Code.RESOURCE_EXHAUSTED, new LimitExceededException("upload", 100, "bytes", "p"), "limit of 100 bytes");
        assertCode(Status.Code.INTERNAL, new IllegalStateException("boom"), "internal error: java.lang.IllegalStateException: boom");
    }

    /** A refused parameter travels as a BadRequest field violation beside the API's description. */
    @Test
    void aRefusedParameterIsAFieldViolationOfTheStatus() throws Exception {
        StatusRuntimeException s = GrpcErrors.toStatus(new InvalidParameterException("inputs[0]", "nosuch.evt",
                "an existing file under the data root"));
        assertEquals(Status.Code.INVALID_ARGUMENT, s.getStatus().getCode());
        assertEquals("inputs[0] = nosuch.evt: expected an existing file under the data root", s.getStatus().getDescription());
        com.google.rpc.Status details = io.grpc.protobuf.StatusProto.fromThrowable(s);
        assertEquals(1, details.getDetailsCount(), details.toString());
        com.google.rpc.BadRequest.FieldViolation v = details.getDetails(0).unpack(com.google.rpc.BadRequest.class)
                .getFieldViolations(0);
        assertEquals("inputs[0]", v.getField());
        assertEquals("expected an existing file under the data root", v.getDescription());
        assertEquals(0, io.grpc.protobuf.StatusProto.fromThrowable(GrpcErrors.toStatus(new JobNotFoundException("42")))
                .getDetailsCount(), "other refusals: no details");
    }

    @Test
    void statusesPassThrough() {
        StatusRuntimeException s = Status.UNAVAILABLE.asRuntimeException();
        assertSame(s, GrpcErrors.toStatus(s));
    }

    private static void assertCode(Status.Code code, Throwable e, String fragment) {
        StatusRuntimeException s = GrpcErrors.toStatus(e);
        assertEquals(code, s.getStatus().getCode());
        assertTrue(s.getStatus().getDescription().contains(fragment), s.getStatus().getDescription());
    }
}
