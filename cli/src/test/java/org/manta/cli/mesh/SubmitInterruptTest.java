package org.manta.cli.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.mesh.client.MeshCallException;
import org.manta.mesh.client.MeshClient;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.UploadRequest;

/**
 * {@code manta submit} against a fake edge on loopback: what an interrupt cancels (the job once accepted, else the
 * upload's stream on the wire), and "uploaded N events" said only for an upload the mesh accepted.
 */
class SubmitInterruptTest {
    private static final JobSpec SPEC = JobSpec.newBuilder().setKind(ProductKind.PDS).setDt(1.0 / 16).setSegmentSize(64)
            .build();

    private final FakeJobs jobs = new FakeJobs();
    private Server server;
    private MeshClient mesh;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** Accepts an upload as job "up-1", or refuses it at batch {@link #refuseAtBatch}; records cancels. */
    static final class FakeJobs extends JobServiceGrpc.JobServiceImplBase {
        volatile int refuseAtBatch = Integer.MAX_VALUE;
        final AtomicInteger batches = new AtomicInteger();
        /** How the last upload stream ended on the server: OK, or the client's cancel. */
        final CompletableFuture<Status> uploadEnd = new CompletableFuture<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        /** The state a cancel answers: CANCELLED, or the final state of a job that ended before it. */
        volatile JobState afterCancel = JobState.CANCELLED;

        @Override
        public StreamObserver<UploadRequest> upload(StreamObserver<JobRef> reply) {
            return new StreamObserver<>() {
                private boolean refused;

                @Override
                public void onNext(UploadRequest r) {
                    if (r.hasEvents() && batches.incrementAndGet() == refuseAtBatch) {
                        refused = true;
                        reply.onError(Status.RESOURCE_EXHAUSTED.withDescription("the upload exceeds the limit")
                                .asRuntimeException());
                    }
                }

                @Override
                public void onError(Throwable t) {
                    uploadEnd.complete(Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                    if (!refused) {
                        reply.onNext(JobRef.newBuilder().setJobId("up-1").build());
                        reply.onCompleted();
                    }
                    uploadEnd.complete(Status.OK);
                }
            };
        }

        @Override
        public void cancel(JobRef ref, StreamObserver<JobStatus> reply) {
            cancelled.add(ref.getJobId());
            reply.onNext(JobStatus.newBuilder().setJobId(ref.getJobId()).setState(afterCancel).build());
            reply.onCompleted();
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(jobs).build().start();
        mesh = MeshClient.connect(InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort());
    }

    @AfterEach
    void stop() throws Exception {
        mesh.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private String err() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAcceptedUploadSaysUploadedAndARefusedOneOnlyTheRefusal(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path events = dir.resolve("monol_testA.evt");
        try (java.io.InputStream in = SubmitInterruptTest.class.getResourceAsStream("/data/monol_testA.evt")) {
            java.nio.file.Files.copy(in, events);
        }
        assertEquals("up-1", SubmitCommand.upload(mesh, SPEC, List.of(events), err, false));
        assertTrue(err().matches("manta: uploaded [0-9,]+ events\\R"), err());

        bytes.reset();
        jobs.batches.set(0);
        jobs.refuseAtBatch = 1;
        MeshCallException e = assertThrows(MeshCallException.class,
                () -> SubmitCommand.upload(mesh, SPEC, List.of(events), err, false));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.code());
        assertEquals("", err(), "nothing said before the caller says the refusal");
    }

    @Test
    void anInterruptCancelsTheAcceptedJob() {
        try (SubmitInterrupt interrupt = new SubmitInterrupt(err, false)) {
            interrupt.calling(mesh, false);
            interrupt.accepted("job-7");
            assertFalse(interrupt.fired());
            interrupt.interrupted();
            assertTrue(interrupt.fired());
        }
        assertEquals(List.of("job-7"), jobs.cancelled);
        assertEquals("manta: interrupted: cancelling job job-7", err().strip());
    }

    @Test
    void anInterruptAfterTheJobSucceededSendsNoCancelAndSaysHowToFetchOrDeleteItsProduct() {
        try (SubmitInterrupt interrupt = new SubmitInterrupt(err, false)) {
            interrupt.calling(mesh, false);
            interrupt.accepted("job-8");
            interrupt.finished(JobState.SUCCEEDED);      // the command is fetching the product
            interrupt.interrupted();
            assertTrue(interrupt.fired());
        }
        assertEquals(List.of(), jobs.cancelled, "no cancel for a final job");
        assertEquals("manta: interrupted: job job-8 already SUCCEEDED: its product is kept on the mesh (fetch it with "
                + "'manta submit get job-8 -o FILE', delete it with 'manta submit delete job-8')", err().strip());
    }

    @Test
    void aCancelThatCameAfterTheJobSucceededSaysItsProductIsKept() {
        jobs.afterCancel = JobState.SUCCEEDED;
        try (SubmitInterrupt interrupt = new SubmitInterrupt(err, false)) {
            interrupt.calling(mesh, false);
            interrupt.accepted("job-9");
            interrupt.interrupted();
        }
        assertEquals(List.of("job-9"), jobs.cancelled);
        assertEquals(List.of("manta: interrupted: cancelling job job-9", "manta: job job-9 already SUCCEEDED: its "
                + "product is kept on the mesh (fetch it with 'manta submit get job-9 -o FILE', delete it with "
                + "'manta submit delete job-9')"), err().strip().lines().toList());
    }

    @Test
    void anInterruptDuringAnUploadCancelsItsStreamOnTheWire() throws Exception {
        jobs.refuseAtBatch = 0;     // never
        CompletableFuture<Throwable> uploading = new CompletableFuture<>();
        try (SubmitInterrupt interrupt = new SubmitInterrupt(err, false)) {
            interrupt.calling(mesh, true);
            java.util.Iterator<org.manta.proto.v1.EventBatch> endless = new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public org.manta.proto.v1.EventBatch next() {
                    return org.manta.proto.v1.EventBatch.newBuilder().addTime(1).build();
                }
            };
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    mesh.upload(SPEC, endless, n -> { });
                    uploading.complete(null);
                } catch (RuntimeException e) {
                    uploading.complete(e);
                }
            });
            while (jobs.batches.get() < 3) {
                Thread.sleep(5);
            }
            interrupt.interrupted();
            sender.join(10_000);
        }
        assertEquals(Status.Code.CANCELLED, jobs.uploadEnd.get(10, TimeUnit.SECONDS).getCode(),
                "the server's stream ends with the client's cancel");
        assertTrue(uploading.get(10, TimeUnit.SECONDS) != null, "the sender's call ends with an exception too");
        assertTrue(jobs.cancelled.isEmpty(), "no job id to cancel yet");
        assertEquals("manta: interrupted: cancelling the upload (the mesh fails its job)", err().strip());
    }
}
