package org.manta.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.ProductServiceGrpc;

/** The gRPC services have the names and streaming shapes of design.md §4. */
class ServiceContractTest {

    @Test
    void jobService() {
        assertEquals("manta.v1.JobService", JobServiceGrpc.SERVICE_NAME);
        assertEquals("manta.v1.JobService/Submit", JobServiceGrpc.getSubmitMethod().getFullMethodName());
        assertEquals(MethodType.UNARY, JobServiceGrpc.getSubmitMethod().getType());
        assertEquals(MethodType.CLIENT_STREAMING, JobServiceGrpc.getUploadMethod().getType());
        assertEquals(MethodType.SERVER_STREAMING, JobServiceGrpc.getWatchMethod().getType());
        assertEquals(MethodType.UNARY, JobServiceGrpc.getGetMethod().getType());
        assertEquals(MethodType.UNARY, JobServiceGrpc.getCancelMethod().getType());
        assertEquals(5, JobServiceGrpc.getServiceDescriptor().getMethods().size());
    }

    @Test
    void productService() {
        assertEquals("manta.v1.ProductService/Get", ProductServiceGrpc.getGetMethod().getFullMethodName());
        assertEquals(MethodType.SERVER_STREAMING, ProductServiceGrpc.getGetMethod().getType());
    }
}
