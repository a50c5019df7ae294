package org.manta.mesh.client;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
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

/**
 * A client of the mesh's gRPC edge (jobs.proto, products.proto), as {@code manta submit} or a mission data
 * centre uses it: one channel to {@code host:port}, TLS with a bearer token ({@link EdgeCredentials}; plaintext
 * without a token only for an unsecured edge). Every call that ends with a status other than
 * OK throws a {@link MeshCallException} naming the call and the status; nothing returns {@code null}.
 * Thread-safe (calls may run concurrently on the one channel); close it when done.
 */
public final class MeshClient implements AutoCloseable {
    /**
     * Largest message accepted from the mesh: 16 MiB, for a {@code Watch} message with a running product
     * (a finished product comes in pieces of at most 512 KiB).
     */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 16 << 20;

    /**
     * Events per upload message: at most ~170 KiB with energy and PI, under the 256 KiB that a Quarkus
     * gRPC server on the shared HTTP port accepts by default (quarkusio/quarkus#43573).
     */
    public static final int UPLOAD_BATCH_EVENTS = 8192;

    /** How long an upload waits for the reply once every batch is sent (the edge stages and publishes first). */
    public static final Duration UPLOAD_REPLY_TIMEOUT = Duration.ofMinutes(10);

    /** While the transport is not ready for another upload message, it is asked again after this pause. */
    private static final long READY_POLL_NANOS = 200_000;

    private final String target;
    private final ManagedChannel channel;

    private MeshClient(String target, EdgeCredentials credentials) {
        this.target = target;
        channel = Grpc.newChannelBuilder(target, credentials.channel()).intercept(credentials.interceptors())
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES).build();
    }

    /**
     * A client of the mesh at {@code target}; connects on the first call (an unreachable mesh shows as
     * {@code UNAVAILABLE} there).
     *
     * @param target {@code host:port}, e.g. {@code 127.0.0.1:9000}
     */
    public static MeshClient connect(String target, EdgeCredentials credentials) {
        return new MeshClient(target, credentials);
    }

    /** A plaintext client without a token ({@link EdgeCredentials#none()}): a fake or unsecured edge only. */
    public static MeshClient connect(String target) {
        return new MeshClient(target, EdgeCredentials.none());
    }

    public static MeshClient connect(String host, int port, EdgeCredentials credentials) {
        return new MeshClient(host + ":" + port, credentials);
    }

    /** The {@code host:port} this client talks to. */
    public String target() {
        return target;
    }

    /** Starts a job on files under the server's data root ({@code JobService.Submit}); returns its id. */
    public String submit(JobSpec spec) {
        try {
            return JobServiceGrpc.newBlockingStub(channel).submit(spec).getJobId();
        } catch (StatusRuntimeException e) {
            throw new MeshCallException("JobService.Submit", e);
        }
    }

    /**
     * Uploads local event files ({@code JobService.Upload}) in {@link UploadBatches} of
     * {@value #UPLOAD_BATCH_EVENTS} events; {@code upload_inputs} is set to the number of files.
     *
     * @param eventsSent told the events sent so far after each batch (a progress line), or a no-op
     * @return the job's id
     */
    public String uploadFiles(JobSpec spec, List<Path> files, LongConsumer eventsSent) {
        try (UploadBatches batches = new UploadBatches(files, UPLOAD_BATCH_EVENTS)) {
            return upload(spec.toBuilder().setUploadInputs(batches.inputs()).build(), batches, eventsSent);
        }
    }

    /** {@link #upload(JobSpec, Iterator, LongConsumer)} of a list of batches, without progress. */
    public String upload(JobSpec spec, Iterable<EventBatch> batches) {
        return upload(spec, batches.iterator(), n -> { });
    }

    /**
     * Streams an upload ({@code JobService.Upload}): the spec as given (its {@code upload_inputs} says how many
     * event lists follow), then the batches as fast as the transport takes them: gRPC flow control, so a
     * large upload is never buffered here. Stops sending once the server has answered (a refusal).
     *
     * @param batches    taken lazily, one at a time; if it throws, the call is cancelled and the exception
     *                   passed on
     * @param eventsSent told the events sent so far after each batch, or a no-op
     * @return the job's id, once the server has the whole upload
     */
    public String upload(JobSpec spec, Iterator<EventBatch> batches, LongConsumer eventsSent) {
        CompletableFuture<JobRef> reply = new CompletableFuture<>();
        ClientCallStreamObserver<UploadRequest> out = (ClientCallStreamObserver<UploadRequest>) JobServiceGrpc
                .newStub(channel).upload(new StreamObserver<>() {
                    @Override
                    public void onNext(JobRef value) {
                        reply.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        reply.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        try {
            out.onNext(UploadRequest.newBuilder().setSpec(spec).build());
            long events = 0;
            while (!reply.isDone() && batches.hasNext()) {
                EventBatch b = batches.next();
                while (!out.isReady() && !reply.isDone()) {
                    LockSupport.parkNanos(READY_POLL_NANOS);
                }
                out.onNext(UploadRequest.newBuilder().setEvents(b).build());
                events += b.getTimeCount();
                eventsSent.accept(events);
            }
            out.onCompleted();
        } catch (RuntimeException e) {
            out.cancel("client failed: " + e.getMessage(), e);
            throw e;
        }
        try {
            return reply.get(UPLOAD_REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getJobId();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusRuntimeException s ? new MeshCallException("JobService.Upload", s)
                    : new IllegalStateException("JobService.Upload: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new MeshCallException("JobService.Upload", Status.DEADLINE_EXCEEDED.withDescription(
                    "no reply within " + UPLOAD_REPLY_TIMEOUT + " of the upload's end").asRuntimeException());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.cancel("interrupted", e);
            throw new MeshCallException("JobService.Upload", Status.CANCELLED.withDescription("interrupted")
                    .withCause(e).asRuntimeException());
        }
    }

    /**
     * Follows a job ({@code JobService.Watch}) until its final state, handing each progress message (with
     * its running product, if the job asked for them) to {@code each}; no deadline.
     *
     * @return the last message: the job's final state
     */
    public JobProgress watch(String jobId, Consumer<? super JobProgress> each) {
        return watch(jobId, null, each);
    }

    /**
     * Every progress message of a job until its final state ({@code JobService.Watch}).
     *
     * @throws MeshCallException with {@code DEADLINE_EXCEEDED} if the job is not final within {@code timeout}
     */
    public List<JobProgress> watch(String jobId, Duration timeout) {
        List<JobProgress> all = new ArrayList<>();
        watch(jobId, timeout, all::add);
        return all;
    }

    private JobProgress watch(String jobId, Duration timeout, Consumer<? super JobProgress> each) {
        JobServiceGrpc.JobServiceBlockingStub stub = JobServiceGrpc.newBlockingStub(channel);
        if (timeout != null) {
            stub = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        JobProgress last = null;
        try {
            Iterator<JobProgress> it = stub.watch(ref(jobId));
            while (it.hasNext()) {
                last = it.next();
                each.accept(last);
            }
        } catch (StatusRuntimeException e) {
            throw new MeshCallException("JobService.Watch", e);
        }
        if (last == null) {
            throw new IllegalStateException("JobService.Watch of job " + jobId + " ended without a message");
        }
        return last;
    }

    /** The job's state now ({@code JobService.Get}). */
    public JobStatus status(String jobId) {
        try {
            return JobServiceGrpc.newBlockingStub(channel).get(ref(jobId));
        } catch (StatusRuntimeException e) {
            throw new MeshCallException("JobService.Get", e);
        }
    }

    /** Cancels a job ({@code JobService.Cancel}); returns its state after that (a final job stays as it was). */
    public JobStatus cancel(String jobId) {
        return cancel(JobServiceGrpc.newBlockingStub(channel), jobId);
    }

    /**
     * {@link #cancel(String)} within {@code timeout} (e.g. while the process exits).
     *
     * @throws MeshCallException with {@code DEADLINE_EXCEEDED} if the mesh has not answered by then
     */
    public JobStatus cancel(String jobId, Duration timeout) {
        return cancel(JobServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS),
                jobId);
    }

    private static JobStatus cancel(JobServiceGrpc.JobServiceBlockingStub stub, String jobId) {
        try {
            return stub.cancel(ref(jobId));
        } catch (StatusRuntimeException e) {
            throw new MeshCallException("JobService.Cancel", e);
        }
    }

    /**
     * The final product of a succeeded job ({@code ProductService.Get}), reassembled from its pieces.
     *
     * @throws MeshCallException with {@code NOT_FOUND} for an unknown job, {@code FAILED_PRECONDITION} for
     *                           one without a product (yet)
     * @throws IllegalArgumentException if the pieces do not fit together (one lost, repeated or reordered)
     */
    public Product product(String jobId) {
        List<ProductPiece> pieces = new ArrayList<>();
        try {
            ProductServiceGrpc.newBlockingStub(channel).get(ProductRequest.newBuilder().setJobId(jobId).build())
                    .forEachRemaining(pieces::add);
        } catch (StatusRuntimeException e) {
            throw new MeshCallException("ProductService.Get", e);
        }
        return ProductPieces.assemble(pieces);
    }

    /**
     * Deletes the product of a final job ({@code ProductService.Delete}); returns the pieces deleted (0: none left).
     *
     * @throws MeshCallException with {@code NOT_FOUND} for an unknown job (or another principal's),
     *                           {@code FAILED_PRECONDITION} for a job still running
     */
    public int deleteProduct(String jobId) {
        try {
            return ProductServiceGrpc.newBlockingStub(channel).delete(ProductRequest.newBuilder().setJobId(jobId).build())
                    .getPiecesDeleted();
        } catch (StatusRuntimeException e) {
            throw new MeshCallException("ProductService.Delete", e);
        }
    }

    private static JobRef ref(String jobId) {
        return JobRef.newBuilder().setJobId(jobId).build();
    }

    /**
     * Closes the channel, ending calls still running (they end with {@code CANCELLED} or {@code UNAVAILABLE}): each is
     * cancelled on the wire (an upload in progress ends on the server, which fails its job), then the connection
     * closes.
     */
    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
