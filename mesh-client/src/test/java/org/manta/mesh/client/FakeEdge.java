package org.manta.mesh.client;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.manta.proto.ProductPieces;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRequest;
import org.manta.proto.v1.ProductServiceGrpc;
import org.manta.proto.v1.UploadRequest;

/**
 * A fake edge on a free loopback port (plain gRPC over Netty, as the client's transport): records what
 * uploads bring, answers known jobs with fixed values and everything else with the statuses the real edge
 * uses. Job {@value #JOB} has three progress messages and {@link #product} in pieces of at most
 * {@value #VALUES_PER_PIECE} values; job {@value #STUCK} never finishes.
 */
final class FakeEdge implements AutoCloseable {
    static final String JOB = "job-1";
    static final String STUCK = "job-stuck";
    static final String UPLOADED = "job-uploaded";
    static final int VALUES_PER_PIECE = 7;

    /** Every message of every upload, in arrival order. */
    final List<UploadRequest> uploads = new CopyOnWriteArrayList<>();
    /** The pieces the last product call sent. */
    final List<ProductPiece> sentPieces = new CopyOnWriteArrayList<>();
    /** Uploads with more batches than this are refused (RESOURCE_EXHAUSTED) when the next arrives. */
    volatile int maxUploadBatches = Integer.MAX_VALUE;
    volatile Product product = Product.getDefaultInstance();

    private final Server server;

    FakeEdge() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .flowControlWindow(64 * 1024)      // small: an upload of many batches meets flow control
                .addService(new Jobs()).addService(new Products()).build().start();
    }

    String target() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    static JobProgress progress(JobState state, long done) {
        return JobProgress.newBuilder().setJobId(JOB).setState(state).setSegmentsDone(done).setSegmentsExpected(4).build();
    }

    private final class Jobs extends JobServiceGrpc.JobServiceImplBase {
        @Override
        public void submit(JobSpec spec, StreamObserver<JobRef> reply) {
            if (spec.getDt() <= 0) {
                reply.onError(Status.INVALID_ARGUMENT.withDescription("dt = " + spec.getDt() + ": expected > 0")
                        .asRuntimeException());
                return;
            }
            reply.onNext(JobRef.newBuilder().setJobId(JOB).build());
            reply.onCompleted();
        }

        @Override
        public StreamObserver<UploadRequest> upload(StreamObserver<JobRef> reply) {
            return new StreamObserver<>() {
                private int batches;
                private boolean refused;

                @Override
                public void onNext(UploadRequest value) {
                    if (refused) {
                        return;
                    }
                    if (value.hasEvents() && ++batches > maxUploadBatches) {
                        refused = true;
                        reply.onError(Status.RESOURCE_EXHAUSTED.withDescription("the upload exceeds the limit of "
                                + maxUploadBatches + " batches").asRuntimeException());
                        return;
                    }
                    uploads.add(value);
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    if (!refused) {
                        reply.onNext(JobRef.newBuilder().setJobId(UPLOADED).build());
                        reply.onCompleted();
                    }
                }
            };
        }

        @Override
        public void watch(JobRef ref, StreamObserver<JobProgress> reply) {
            switch (ref.getJobId()) {
                case JOB -> {
                    reply.onNext(progress(JobState.QUEUED, 0));
                    reply.onNext(progress(JobState.RUNNING, 2));
                    reply.onNext(progress(JobState.SUCCEEDED, 4));
                    reply.onCompleted();
                }
                case STUCK -> reply.onNext(progress(JobState.RUNNING, 1));     // and nothing more
                default -> reply.onError(notFound(ref.getJobId()));
            }
        }

        @Override
        public void get(JobRef ref, StreamObserver<JobStatus> reply) {
            answer(ref, JobState.RUNNING, reply);
        }

        @Override
        public void cancel(JobRef ref, StreamObserver<JobStatus> reply) {
            answer(ref, JobState.CANCELLED, reply);
        }

        private void answer(JobRef ref, JobState state, StreamObserver<JobStatus> reply) {
            if (!ref.getJobId().equals(JOB)) {
                reply.onError(notFound(ref.getJobId()));
                return;
            }
            reply.onNext(JobStatus.newBuilder().setJobId(JOB).setState(state).setSegmentsDone(2).build());
            reply.onCompleted();
        }
    }

    private final class Products extends ProductServiceGrpc.ProductServiceImplBase {
        @Override
        public void get(ProductRequest request, StreamObserver<ProductPiece> reply) {
            if (!request.getJobId().equals(JOB)) {
                reply.onError(notFound(request.getJobId()));
                return;
            }
            sentPieces.clear();
            for (ProductPiece p : ProductPieces.split(product, VALUES_PER_PIECE)) {
                sentPieces.add(p);
                reply.onNext(p);
            }
            reply.onCompleted();
        }
    }

    private static RuntimeException notFound(String jobId) {
        return Status.NOT_FOUND.withDescription("no job " + jobId).asRuntimeException();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
