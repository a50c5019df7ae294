package org.manta.mesh.e2e;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.manta.proto.ProductPieces;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRequest;
import org.manta.proto.v1.ProductServiceGrpc;
import org.manta.proto.v1.UploadRequest;

/** A gRPC client of the mesh's edge, as a mission data centre would use it. */
final class MeshClient implements AutoCloseable {
    private final ManagedChannel channel;

    MeshClient(String target) {
        channel = ManagedChannelBuilder.forTarget(target).usePlaintext().maxInboundMessageSize(16 << 20).build();
    }

    String submit(JobSpec spec) {
        return JobServiceGrpc.newBlockingStub(channel).submit(spec).getJobId();
    }

    /**
     * Uploads event lists: the spec (its {@code upload_inputs}, unless set, the number of lists the batches
     * carry), then the batches.
     */
    String upload(JobSpec spec, List<EventBatch> batches) throws Exception {
        if (spec.getUploadInputs() == 0) {
            spec = spec.toBuilder().setUploadInputs(1 + batches.stream().mapToInt(EventBatch::getInput).max().orElse(0))
                    .build();
        }
        CompletableFuture<JobRef> done = new CompletableFuture<>();
        StreamObserver<UploadRequest> out = JobServiceGrpc.newStub(channel).upload(new StreamObserver<>() {
            @Override
            public void onNext(JobRef value) {
                done.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        out.onNext(UploadRequest.newBuilder().setSpec(spec).build());
        for (EventBatch b : batches) {
            out.onNext(UploadRequest.newBuilder().setEvents(b).build());
        }
        out.onCompleted();
        return done.get(60, TimeUnit.SECONDS).getJobId();
    }

    JobStatus cancel(String jobId) {
        return JobServiceGrpc.newBlockingStub(channel).cancel(JobRef.newBuilder().setJobId(jobId).build());
    }

    JobStatus status(String jobId) {
        return JobServiceGrpc.newBlockingStub(channel).get(JobRef.newBuilder().setJobId(jobId).build());
    }

    /** Watches a job until its final state; returns every progress message. */
    List<JobProgress> watch(String jobId, Duration timeout) {
        List<JobProgress> out = new ArrayList<>();
        Iterator<JobProgress> it = JobServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).watch(JobRef.newBuilder().setJobId(jobId).build());
        it.forEachRemaining(out::add);
        return out;
    }

    Product product(String jobId) {
        List<ProductPiece> pieces = new ArrayList<>();
        ProductServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .get(ProductRequest.newBuilder().setJobId(jobId).build()).forEachRemaining(pieces::add);
        return ProductPieces.assemble(pieces);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
