package org.manta.mesh.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.Provenance;
import org.manta.proto.v1.UploadRequest;

/** {@link MeshClient} against a {@link FakeEdge} on loopback: what arrives, what comes back, how refusals show. */
class MeshClientTest {
    private static final JobSpec PDS = JobSpec.newBuilder().setKind(ProductKind.PDS).setDt(1.0 / 16).setSegmentSize(64)
            .build();

    private FakeEdge edge;
    private MeshClient client;

    @BeforeEach
    void start() throws Exception {
        edge = new FakeEdge();
        client = MeshClient.connect(edge.target());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        edge.close();
    }

    @Test
    void anUploadOfTwoFilesArrivesAsTheSpecThenTheBatchesInOrder(@TempDir Path dir) throws Exception {
        List<Path> files = List.of(UploadBatchesTest.copy(dir, "monol_testA.evt"),
                UploadBatchesTest.copy(dir, "monol_testA_calib.evt"));
        List<Long> progress = new ArrayList<>();
        String job = client.uploadFiles(PDS.toBuilder().setKind(ProductKind.CPDS).build(), files, progress::add);

        assertEquals(FakeEdge.UPLOADED, job);
        List<EventBatch> expected = new ArrayList<>();
        try (UploadBatches b = new UploadBatches(files, MeshClient.UPLOAD_BATCH_EVENTS)) {
            b.forEachRemaining(expected::add);
        }
        assertEquals(PDS.toBuilder().setKind(ProductKind.CPDS).setUploadInputs(2).build(), edge.uploads.get(0).getSpec(),
                "the spec first, upload_inputs = the number of files");
        assertEquals(expected, edge.uploads.subList(1, edge.uploads.size()).stream().map(UploadRequest::getEvents).toList(),
                "then every batch, in order");
        for (int input = 0; input < 2; input++) {
            int i = input;
            EventBatch first = expected.stream().filter(b -> b.getInput() == i).findFirst().orElseThrow();
            assertTrue(first.getGtiCount() > 0 && first.hasInfo(), "input " + i + "'s GTIs and info on its first batch");
        }
        long total = expected.stream().mapToLong(EventBatch::getTimeCount).sum();
        assertEquals(expected.size(), progress.size(), "progress after each batch");
        assertEquals(total, progress.get(progress.size() - 1));
    }

    @Test
    void anUploadOfManySmallBatchesArrivesWholeThroughFlowControl(@TempDir Path dir) throws Exception {
        List<Path> files = List.of(UploadBatchesTest.copy(dir, "monol_testA.evt"));
        List<EventBatch> expected = new ArrayList<>();
        try (UploadBatches b = new UploadBatches(files, 3)) {
            b.forEachRemaining(expected::add);
        }
        String job;
        try (UploadBatches b = new UploadBatches(files, 3)) {
            job = client.upload(PDS.toBuilder().setUploadInputs(1).build(), b, n -> { });
        }
        assertEquals(FakeEdge.UPLOADED, job);
        assertTrue(expected.size() > 100, expected.size() + " batches");
        assertEquals(expected, edge.uploads.subList(1, edge.uploads.size()).stream().map(UploadRequest::getEvents).toList());
    }

    @Test
    void aProductInSeveralPiecesIsReassembledToTheOriginal() {
        Product.Builder p = Product.newBuilder().setKind(ProductKind.CPDS).setJobId(FakeEdge.JOB).setM(12).setN(64)
                .setDf(0.25).setDt(1.0 / 16).setNorm(Norm.FRAC).addGti(Gti.newBuilder().setStart(0).setStop(256))
                .setProvenance(Provenance.newBuilder().setSoftwareVersion("0.1.0"));
        ComplexArray.Builder power = ComplexArray.newBuilder();
        for (int i = 0; i < 31; i++) {
            p.addFreq(0.25 * (i + 1)).addTimeLag(0.01 * i).addPds1Power(2 + i);
            power.addRe(1.5 * i).addIm(-0.5 * i);
        }
        Product original = p.setPower(power).build();
        edge.product = original;

        Product received = client.product(FakeEdge.JOB);

        assertTrue(edge.sentPieces.size() > 5, edge.sentPieces.size() + " pieces");
        assertEquals(original, received);
    }

    @Test
    void watchReturnsEveryProgressMessageUntilTheFinalState() {
        List<JobProgress> all = client.watch(FakeEdge.JOB, Duration.ofSeconds(30));
        assertEquals(List.of(FakeEdge.progress(JobState.QUEUED, 0), FakeEdge.progress(JobState.RUNNING, 2),
                FakeEdge.progress(JobState.SUCCEEDED, 4)), all);

        List<Long> seen = new ArrayList<>();
        JobProgress last = client.watch(FakeEdge.JOB, p -> seen.add(p.getSegmentsDone()));
        assertEquals(JobState.SUCCEEDED, last.getState());
        assertEquals(List.of(0L, 2L, 4L), seen);
        assertEquals(JobState.RUNNING, client.status(FakeEdge.JOB).getState());
        assertEquals(JobState.CANCELLED, client.cancel(FakeEdge.JOB).getState());
    }

    @Test
    void serverErrorsBecomeMeshCallExceptionsWithTheStatus() {
        MeshCallException invalid = assertThrows(MeshCallException.class, () -> client.submit(PDS.toBuilder().setDt(0).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.code());
        assertEquals("dt = 0.0: expected > 0", invalid.description());
        assertEquals("JobService.Submit", invalid.call());
        assertEquals("JobService.Submit: INVALID_ARGUMENT: dt = 0.0: expected > 0", invalid.getMessage());

        MeshCallException unknown = assertThrows(MeshCallException.class, () -> client.product("nope"));
        assertEquals("ProductService.Get: NOT_FOUND: no job nope", unknown.getMessage());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(MeshCallException.class, () -> client.status("nope")).code());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(MeshCallException.class, () -> client.cancel("nope")).code());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(MeshCallException.class,
                () -> client.watch("nope", Duration.ofSeconds(30))).code());

        MeshCallException late = assertThrows(MeshCallException.class, () -> client.watch(FakeEdge.STUCK, Duration.ofMillis(300)));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.code());
        assertEquals("JobService.Watch", late.call());
    }

    @Test
    void aRefusedUploadStopsWithTheRefusal() {
        edge.maxUploadBatches = 2;
        List<EventBatch> batches = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batches.add(EventBatch.newBuilder().addTime(i).build());
        }
        MeshCallException e = assertThrows(MeshCallException.class, () -> client.upload(PDS, batches));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.code());
        assertEquals("JobService.Upload: RESOURCE_EXHAUSTED: the upload exceeds the limit of 2 batches", e.getMessage());
        assertEquals(List.of(PDS, batches.get(0), batches.get(1)), edge.uploads.stream()
                .map(r -> r.hasSpec() ? (Object) r.getSpec() : r.getEvents()).toList());
    }

    @Test
    void anUnreachableMeshIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (MeshClient nowhere = MeshClient.connect(InetAddress.getLoopbackAddress().getHostAddress(), port, EdgeCredentials.none())) {
            MeshCallException e = assertThrows(MeshCallException.class, () -> nowhere.submit(PDS));
            assertEquals(Status.Code.UNAVAILABLE, e.code());
        }
    }
}
