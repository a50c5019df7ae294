package org.manta.mesh.e2e;

import static org.manta.mesh.e2e.MeshMetrics.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.mesh.Topics;
import org.manta.cli.mesh.MeshConfig;
import org.manta.mesh.client.EdgeCredentials;
import org.manta.mesh.client.MeshCallException;
import org.manta.mesh.client.MeshClient;
import org.manta.mesh.client.ToWire;
import org.manta.mesh.client.UploadBatches;
import org.manta.mesh.harness.LocalMesh;
import org.manta.mesh.harness.MeshService;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ProductRequest;
import org.manta.proto.v1.ProductServiceGrpc;

/**
 * The mesh end to end: a real Kafka broker and the four services, each its own JVM (LocalMesh), a
 * gRPC client at the edge. Asserts design.md §3 and issue 4 §4:
 * <ol>
 *   <li>products equal the embedded ones (core {@code Spectra}) for the reference data cases, with all
 *       jobs running at once (isolation), over Submit and Upload; Watch streams running products of the
 *       segments merged so far to the jobs that want them;</li>
 *   <li>kill -9 of fft-service mid-job (while its workers read work units), then restart: the product equals
 *       the uninterrupted run;</li>
 *   <li>kill -9 of reduce-service mid-job, with a redelivered partial injected meanwhile, then
 *       restart: same product, the duplicate dropped; a restarted reducer still serves finished jobs;</li>
 *   <li>kill -9 of segment-service while jobs wait to be planned, then restart: each planned once, the
 *       uninterrupted product;</li>
 *   <li>kill -9 (and a clean stop) of ingest-service while it prepares a job's input, then restart: it resumes
 *       the job (prepares it again; segment-service plans a job once) and the product equals the embedded
 *       one;</li>
 *   <li>bad input fails its job with a clear message, the mesh goes on; cancellation;</li>
 *   <li>{@code manta submit} writes the product (and, with {@code --running-output}, a running one).</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshEndToEndIT {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration READY = Duration.ofSeconds(120);
    /** The simulated observation: 4000 s at 200 ct/s; 1 s segments of 64 bins make 4000 segments. */
    private static final JobSpec SIM_PDS = SimulatedObservation.SIM_PDS;

    /**
     * Prepared while ingest-service is killed: the same observation at 1000 ct/s (~4e6 events, 48 MB), gzipped,
     * so that hashing and staging it take long enough for a kill to land before its input is published.
     */
    private static final JobSpec LONG_SIM_PDS = SIM_PDS.toBuilder().setInputs(0, "sim-long.evt.gz").build();

    /** Two users' tokens besides the mesh's admin token (docs/security.md). */
    private static final String ALICE = "alice-e2e-token";
    private static final String BOB = "bob-e2e-token";

    private Path dataRoot;
    private Path config;
    private String previousConfig;
    private LocalMesh mesh;
    private MeshClient client;
    private final Map<String, Product> finished = new LinkedHashMap<>();
    private Product uninterrupted;
    private long simSegments;

    @BeforeAll
    void startMesh() throws IOException {
        Path root = Path.of(System.getProperty("manta.repo.root", "..")).toAbsolutePath().normalize();
        Path target = root.resolve("mesh-e2e").resolve("target");
        dataRoot = Files.createDirectories(target.resolve("e2e-data"));
        try (Stream<Path> files = Files.list(target.resolve("test-classes").resolve("data"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dataRoot.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        SimulatedObservation.writeSimUnlessPresent(dataRoot);
        simSegments = SimulatedObservation.simSegments();
        mesh = LocalMesh.builder(root).dataRoot(dataRoot)
                .workDir(target.resolve("e2e-mesh-" + System.currentTimeMillis()))
                .property(MeshService.FFT, "manta.fft.workers", "2")
                // small transactions: many partials, so that a kill lands mid-job and the reducer merges a deep tree
                .property(MeshService.FFT, "manta.fft.max-units-per-batch", "1")
                // every job through the combiners (depth 3); MeshFaultsIT runs its jobs on the direct path (depth 2)
                .property(MeshService.FFT, "manta.fft.direct-max-units", "0")
                // small work units (the simulation: 250 of 16 segments), so that a kill lands while units are read
                .property(MeshService.SEGMENT, "manta.segment.unit-max-segments", "16")
                .token(ALICE, "alice", "user")
                .token(BOB, "bob", "user")
                .readyTimeout(READY)
                .start();
        client = MeshClient.connect(mesh.grpcTarget(), EdgeCredentials.tls(mesh.caCertificate(), mesh.token()));
        // what 'manta up' records for 'manta submit', in this test's own config file (not ~/.manta/config)
        config = mesh.workDir().resolve("manta-config");
        MeshConfig.of(mesh, dataRoot).write(config);
        previousConfig = System.setProperty("manta.config", config.toString());
    }

    @AfterAll
    void stopMesh() throws InterruptedException {
        if (previousConfig == null) {
            System.clearProperty("manta.config");
        } else {
            System.setProperty("manta.config", previousConfig);
        }
        if (client != null) {
            client.close();
        }
        if (mesh != null) {
            mesh.close();
            deleteRecursively(mesh.workDir().resolve("kafka"));   // keep the service logs, drop the broker's data
        }
    }

    private static JobSpec.Builder spec(ProductKind kind, String input, double dt, double segment, Norm norm) {
        return JobSpec.newBuilder().setKind(kind).addInputs(input).setDt(dt).setSegmentSize(segment).setNorm(norm);
    }

    private static Band band(double lo, double hi, boolean pi) {
        return Band.newBuilder().setLo(lo).setHi(hi).setOnPi(pi).build();
    }

    /** The reference data cases (core/src/test/resources/reference), the simulated observation, and an upload. */
    @Test
    @Order(1)
    void meshProductsEqualEmbeddedWithAllJobsAtOnce() throws Exception {
        Map<String, JobSpec> cases = new LinkedHashMap<>();
        for (Norm norm : List.of(Norm.LEAHY, Norm.FRAC, Norm.ABS, Norm.NONE)) {
            cases.put("aps monolA " + norm, spec(ProductKind.PDS, "monol_testA.evt", 1.0 / 128, 64, norm).build());
        }
        cases.put("aps monolA frac localmean", spec(ProductKind.PDS, "monol_testA.evt", 1.0 / 128, 64, Norm.FRAC)
                .setUseCommonMean(false).build());
        for (Norm norm : List.of(Norm.LEAHY, Norm.FRAC)) {
            cases.put("acs monolA E0-10 vs E10-100 " + norm, spec(ProductKind.CPDS, "monol_testA.evt", 1.0 / 128, 64, norm)
                    .setBand1(band(0, 10, false)).setBand2(band(10, 100, false)).build());
            cases.put("dynps monolA " + norm, spec(ProductKind.DYNPS, "monol_testA.evt", 1.0 / 16, 64, norm)
                    .setWantRunningProduct(norm == Norm.LEAHY).build());
        }
        cases.put("acs xtegx PI", spec(ProductKind.CPDS, "xte_gx_test.evt.gz", 1.0 / 64, 8, Norm.FRAC)
                .setBand1(band(Double.NEGATIVE_INFINITY, 8, true)).setBand2(band(8, Double.POSITIVE_INFINITY, true)).build());
        cases.put("acs monolA vs monolA_calib", spec(ProductKind.CPDS, "monol_testA.evt", 1.0 / 16, 32, Norm.LEAHY)
                .addInputs("monol_testA_calib.evt").build());
        cases.put("simulated 4000 segments", SIM_PDS.toBuilder().setWantRunningProduct(true).build());

        Map<String, String> jobs = new LinkedHashMap<>();
        for (Map.Entry<String, JobSpec> c : cases.entrySet()) {
            jobs.put(c.getKey(), client.submit(c.getValue()));
        }
        String uploaded = upload("monol_testA.evt", spec(ProductKind.PDS, "monol_testA.evt", 1.0 / 128, 64, Norm.FRAC)
                .clearInputs().build());

        // one watcher per job, each attached at once: a job that wants running products must be watched while it runs
        // (a Watch begun after the job finished sees only its final state; with fewer watchers than jobs the last
        // jobs' Watches began only when earlier ones ended, and on a fast machine the simulation was done by then)
        ExecutorService watchers = Executors.newFixedThreadPool(jobs.size() + 1);
        Map<String, Future<List<JobProgress>>> progress = new LinkedHashMap<>();
        jobs.forEach((name, id) -> progress.put(name, watchers.submit(() -> client.watch(id, JOB_TIMEOUT))));
        Future<List<JobProgress>> uploadProgress = watchers.submit(() -> client.watch(uploaded, JOB_TIMEOUT));
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            List<JobProgress> seen = progress.get(job.getKey()).get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertSucceeded(job.getKey(), seen);
            Product mesh = client.product(job.getValue());
            assertEquals(job.getValue(), mesh.getJobId());
            Products.assertSameProduct(job.getKey(), Embedded.product(cases.get(job.getKey()), dataRoot), mesh);
            if (cases.get(job.getKey()).getWantRunningProduct()) {
                assertRunningProducts(job.getKey(), seen, mesh, job.getKey().startsWith("simulated"));
            }
            finished.put(job.getValue(), mesh);
        }
        assertSucceeded("upload", uploadProgress.get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        Products.assertSameProduct("upload of monolA", Embedded.product(spec(ProductKind.PDS, "monol_testA.evt", 1.0 / 128, 64,
                Norm.FRAC).build(), dataRoot), client.product(uploaded));
        watchers.shutdown();
        uninterrupted = finished.get(jobs.get("simulated 4000 segments"));
        assertEquals(simSegments, client.status(jobs.get("simulated 4000 segments")).getSegmentsExpected());

        // TLS only: plaintext HTTP/2 to the edge gets no gRPC answer; gRPC health and reflection are off
        ManagedChannel plain = ManagedChannelBuilder.forTarget(mesh.grpcTarget()).usePlaintext().build();
        ManagedChannel tls = tlsChannel(mesh.grpcTarget(), mesh.token());
        try {
            io.grpc.StatusRuntimeException refused = assertThrows(io.grpc.StatusRuntimeException.class, () ->
                    JobServiceGrpc.newBlockingStub(plain).withDeadlineAfter(20, TimeUnit.SECONDS)
                            .get(JobRef.newBuilder().setJobId(jobs.get("simulated 4000 segments")).build()));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), "plaintext to the TLS port: " + refused);
            assertEquals(Status.Code.UNIMPLEMENTED, assertThrows(io.grpc.StatusRuntimeException.class, () ->
                    HealthGrpc.newBlockingStub(tls).check(HealthCheckRequest.getDefaultInstance())).getStatus().getCode(),
                    "no gRPC health service on the public port");
            java.util.concurrent.ExecutionException noReflection = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> reflectedServices(tls));
            assertEquals(Status.Code.UNIMPLEMENTED, Status.fromThrowable(noReflection.getCause()).getCode(), "reflection is off");
        } finally {
            plain.shutdownNow();
            tls.shutdownNow();
        }
        // health and metrics on the management port only
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        int management = mesh.service(MeshService.INGEST).managementPort();
        assertEquals(200, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + management
                + "/q/health/ready")).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        assertThrows(IOException.class, () -> http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://" + mesh.grpcTarget() + "/q/metrics")).timeout(Duration.ofSeconds(20)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()), "no plaintext HTTP on the edge's port");
    }

    /** A TLS channel to a service of the mesh, trusting its CA, with a bearer token on every call. */
    private ManagedChannel tlsChannel(String target, String token) throws IOException {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return io.grpc.Grpc.newChannelBuilder(target, io.grpc.TlsChannelCredentials.newBuilder()
                .trustManager(mesh.caCertificate().toFile()).build())
                .intercept(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers)).build();
    }

    /**
     * Every call needs a valid token (UNAUTHENTICATED), at the edge and at reduce-service; a user sees, watches,
     * fetches and cancels only its own jobs (another's reads as NOT_FOUND, through ingest and at reduce-service
     * too); an admin sees all.
     */
    @Test
    @Order(8)
    void tokensAuthenticateAndUsersSeeOnlyTheirOwnJobs() throws Exception {
        for (EdgeCredentials c : List.of(EdgeCredentials.tls(mesh.caCertificate(), null),
                EdgeCredentials.tls(mesh.caCertificate(), "wrong"))) {
            try (MeshClient stranger = MeshClient.connect(mesh.grpcTarget(), c)) {
                MeshCallException e = assertThrows(MeshCallException.class, () -> stranger.submit(SIM_PDS));
                assertEquals(Status.Code.UNAUTHENTICATED, e.code(), e.getMessage());
            }
        }
        try (MeshClient alice = MeshClient.connect(mesh.grpcTarget(), EdgeCredentials.tls(mesh.caCertificate(), ALICE));
             MeshClient bob = MeshClient.connect(mesh.grpcTarget(), EdgeCredentials.tls(mesh.caCertificate(), BOB))) {
            JobSpec small = spec(ProductKind.PDS, "monol_testA.evt", 1.0 / 128, 64, Norm.LEAHY).build();
            String job = alice.submit(small);
            assertSucceeded("alice's job", alice.watch(job, JOB_TIMEOUT));
            Product product = alice.product(job);
            Products.assertSameProduct("alice's job", Embedded.product(small, dataRoot), product);
            for (Runnable call : List.<Runnable>of(() -> bob.status(job), () -> bob.watch(job, JOB_TIMEOUT),
                    () -> bob.product(job), () -> bob.cancel(job))) {
                MeshCallException e = assertThrows(MeshCallException.class, call::run);
                assertEquals(Status.Code.NOT_FOUND, e.code(), "bob and alice's job: " + e.getMessage());
            }
            assertEquals("alice", client.status(job).getOwner(), "the admin sees alice's job");
            assertEquals(product, client.product(job), "... and fetches it");
            String bobs = bob.submit(small);
            assertEquals(Status.Code.NOT_FOUND, assertThrows(MeshCallException.class, () -> alice.cancel(bobs)).code());
            assertTrue(client.status(bobs).getOwner().equals("bob"));
        }
        // reduce-service authenticates and checks ownership itself (a client that bypasses the edge)
        String reduce = "127.0.0.1:" + mesh.service(MeshService.REDUCE).port();
        String alicesDone = finished.keySet().iterator().next();
        ManagedChannel anonymous = tlsChannel(reduce, "wrong");
        ManagedChannel asBob = tlsChannel(reduce, BOB);
        try {
            ProductRequest get = ProductRequest.newBuilder().setJobId(alicesDone).build();
            assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(io.grpc.StatusRuntimeException.class, () ->
                    ProductServiceGrpc.newBlockingStub(anonymous).get(get).hasNext()).getStatus().getCode());
            assertEquals(Status.Code.NOT_FOUND, assertThrows(io.grpc.StatusRuntimeException.class, () ->
                    ProductServiceGrpc.newBlockingStub(asBob).get(get).hasNext()).getStatus().getCode(),
                    "the admin's job, asked for by bob at reduce-service");
        } finally {
            anonymous.shutdownNow();
            asBob.shutdownNow();
        }

        // manta submit with a bad token: exit 2, 'unauthenticated', no product written
        Path out = dataRoot.resolveSibling("submit-unauthenticated.json");
        Files.deleteIfExists(out);
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        int code = org.manta.cli.Main.run(new String[] {"submit", "--token", "wrong", "pds",
            dataRoot.resolve("monol_testA.evt").toString(), "--dt", "1/128", "--segment", "64", "-o", out.toString()},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), new java.io.PrintStream(stderr, true), Map.of());
        String err = stderr.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, code, err);
        assertTrue(err.contains("unauthenticated"), err);
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    @Order(2)
    void killMinus9OfFftMidJobThenRestartGivesTheUninterruptedProduct() throws Exception {
        mesh.service(MeshService.FFT).stop(Duration.ofSeconds(10));
        String job = client.submit(SIM_PDS);
        awaitStatus(job, s -> s.hasSegmentsExpected(), "the expected count (all segments cut, none folded)");
        mesh.restart(MeshService.FFT, READY);
        JobStatus atKill = awaitStatus(job, s -> s.getSegmentsDone() >= simSegments / 20, "5 % of the segments merged");
        mesh.service(MeshService.FFT).kill();
        System.out.printf("kill -9 fft-service at %d of %d segments merged%n", atKill.getSegmentsDone(), simSegments);
        assertTrue(atKill.getSegmentsDone() < simSegments, "killed mid-job: " + atKill.getSegmentsDone() + " of " + simSegments);
        mesh.restart(MeshService.FFT, READY);
        assertSucceeded("after kill -9 of fft-service", client.watch(job, JOB_TIMEOUT));
        Product product = client.product(job);
        Products.assertSameProduct("fft killed at " + atKill.getSegmentsDone() + "/" + simSegments, uninterrupted, product);
        finished.put(job, product);
    }

    @Test
    @Order(3)
    void killMinus9OfReduceMidJobWithARedeliveredPartialThenRestart() throws Exception {
        String job = client.submit(SIM_PDS);
        JobStatus atKill = awaitStatus(job, s -> s.getSegmentsDone() >= simSegments / 20, "5 % of the segments merged");
        mesh.service(MeshService.REDUCE).kill();
        System.out.printf("kill -9 reduce-service at %d of %d segments merged%n", atKill.getSegmentsDone(), simSegments);
        assertTrue(atKill.getSegmentsDone() < simSegments, "killed mid-job: " + atKill.getSegmentsDone() + " of " + simSegments);
        redeliverFirstPartialOf(job);
        mesh.restart(MeshService.REDUCE, READY);
        assertSucceeded("after kill -9 of reduce-service", client.watch(job, JOB_TIMEOUT));
        Product product = client.product(job);
        Products.assertSameProduct("reduce killed at " + atKill.getSegmentsDone() + "/" + simSegments, uninterrupted, product);
        finished.put(job, product);
        String metrics = mesh.service(MeshService.REDUCE).metrics();
        assertTrue(counter(metrics, "manta_reduce_duplicates_total") >= 1, "the redelivered partial was dropped:\n"
                + metrics.lines().filter(l -> l.startsWith("manta_reduce")).toList());

        mesh.service(MeshService.REDUCE).kill();
        mesh.restart(MeshService.REDUCE, READY);
        for (Map.Entry<String, Product> f : finished.entrySet()) {
            Products.assertSameProduct("served again after a restart: " + f.getKey(), f.getValue(), client.product(f.getKey()));
        }
    }

    /**
     * kill -9 of segment-service while jobs wait to be planned or are being planned, then restart: each
     * job is planned exactly once (a plan is published whole or not at all, in one transaction with the
     * "planned" mark) and its product is the uninterrupted one.
     */
    @Test
    @Order(4)
    void killMinus9OfSegmentWhilePlanningThenRestart() throws Exception {
        mesh.service(MeshService.SEGMENT).stop(Duration.ofSeconds(10));
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(client.submit(SIM_PDS));
        }
        mesh.restart(MeshService.SEGMENT, READY);
        awaitStatus(jobs.get(0), s -> s.hasSegmentsExpected(), "the first job planned");
        mesh.service(MeshService.SEGMENT).kill();
        System.out.printf("kill -9 segment-service after the first of %d queued jobs was planned%n", jobs.size());
        mesh.restart(MeshService.SEGMENT, READY);
        for (String job : jobs) {
            assertSucceeded("after kill -9 of segment-service", client.watch(job, JOB_TIMEOUT));
            Product product = client.product(job);
            Products.assertSameProduct("segment-service killed while planning: " + job, uninterrupted, product);
            finished.put(job, product);
        }
    }

    /**
     * kill -9 of ingest-service while it prepares a job's input (hashing and decompressing a 4·10⁶-event
     * {@code .gz} file to the staging store, before the job's input is on manta.inputs), then restart: it
     * resumes the job (prepares it again from the file) and the product is the embedded one. The same
     * after a clean stop (SIGTERM), which must leave the job to be resumed rather than fail it.
     */
    @Test
    @Order(5)
    void killMinus9OrStopOfIngestMidInputThenRestartResumesTheJob() throws Exception {
        Path gz = dataRoot.resolve("sim-long.evt.gz");
        if (!Files.exists(gz)) {
            Path plain = dataRoot.resolve("sim-long.evt");
            SimulatedObservation.write(plain, 7, SimulatedObservation.SIM_DURATION, 1000);
            try (var in = Files.newInputStream(plain);
                 var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
                in.transferTo(out);
            }
        }
        Product embedded = Embedded.product(LONG_SIM_PDS, dataRoot);
        for (boolean kill : List.of(true, false)) {
            String how = kill ? "kill -9" : "a clean stop";
            String job = interruptIngestion(kill);
            assertSucceeded("after " + how + " of ingest-service", client.watch(job, JOB_TIMEOUT));
            Product product = client.product(job);
            Products.assertSameProduct("ingest-service interrupted mid-input by " + how, embedded, product);
            finished.put(job, product);
            assertTrue(counter(mesh.service(MeshService.INGEST).metrics(), "manta_ingest_jobs_resumed_total") >= 1,
                    how + ": the restarted ingest-service resumed the job");
            assertTrue(Files.readString(mesh.service(MeshService.INGEST).logFile()).contains("resuming job " + job),
                    how + ": the log says it resumed " + job);
        }
    }

    /**
     * Submits the long job and kills or stops ingest-service as soon as Submit returned (the job is QUEUED
     * and its input is being prepared), checks that the job's input did not reach manta.inputs (else the
     * kill came too late: a much faster machine), restarts ingest-service. Tries again with a new job, at
     * most 3 times.
     *
     * @return the job interrupted mid-input
     */
    private String interruptIngestion(boolean kill) throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            String job = client.submit(LONG_SIM_PDS);
            if (kill) {
                mesh.service(MeshService.INGEST).kill();
            } else {
                mesh.service(MeshService.INGEST).stop(Duration.ofSeconds(20));
            }
            boolean sent = inputPublished(job);
            System.out.printf("%s ingest-service with job %s %s%n", kill ? "kill -9" : "stop", job,
                    sent ? "already on manta.inputs: trying again" : "still being prepared");
            mesh.restart(MeshService.INGEST, READY);
            if (!sent) {
                return job;
            }
        }
        throw new AssertionError("3 times the input was prepared before ingest-service stopped: make sim-long.evt longer");
    }

    @Test
    @Order(6)
    void badInputFailsItsJobAndTheMeshGoesOn() throws Exception {
        Files.writeString(dataRoot.resolve("garbage.evt"), "this is not a FITS file\n");
        String garbage = client.submit(spec(ProductKind.PDS, "garbage.evt", 1, 16, Norm.LEAHY).build());
        String noEnergy = client.submit(SIM_PDS.toBuilder().setBand1(band(3, 10, false)).build());
        String tooLong = client.submit(spec(ProductKind.PDS, "monol_testA.evt", 1, 5000, Norm.LEAHY).build());
        assertFailed(garbage, "garbage.evt");
        assertFailed(noEnergy, "no ENERGY column");
        assertFailed(tooLong, "no GTI is at least one segment long");

        MeshCallException refused = assertThrows(MeshCallException.class, () -> client.submit(
                spec(ProductKind.PDS, "../pom.xml", 1, 16, Norm.LEAHY).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.code());
        MeshCallException unknown = assertThrows(MeshCallException.class, () -> client.product("no-such-job"));
        assertEquals(Status.Code.NOT_FOUND, unknown.code());
        MeshCallException unsorted = assertThrows(MeshCallException.class, () -> client.upload(spec(ProductKind.PDS, "x", 1, 16, Norm.LEAHY)
                .clearInputs().build(), List.of(EventBatch.newBuilder().addGti(ToWire.gtis(org.manta.core.gti.GtiList.of(
                new org.manta.core.gti.Gti(0, 100))).get(0)).addTime(5).addTime(3).build())));
        assertTrue(unsorted.getMessage().contains("times ascending"), unsorted.getMessage());

        String fine = client.submit(spec(ProductKind.PDS, "monol_testA.evt", 1.0 / 16, 64, Norm.LEAHY).build());
        assertSucceeded("a good job after the bad ones", client.watch(fine, JOB_TIMEOUT));
        String cancelled = client.submit(SIM_PDS);
        assertEquals(JobState.CANCELLED, client.cancel(cancelled).getState());
    }

    /**
     * {@code manta submit} (uploads, one of millions of events, and server paths) against the mesh writes the
     * embedded product's numbers.
     */
    @Test
    @Order(7)
    void mantaSubmitWritesTheProduct() throws Exception {
        Path out = dataRoot.resolveSibling("submit-pds.json");
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        // no flags: the address, CA and token come from the config that 'manta up' writes
        int code = org.manta.cli.Main.run(new String[] {"submit", "pds",
            dataRoot.resolve("monol_testA.evt").toString(), "--dt", "1/128", "--segment", "64", "--norm", "frac",
            "-o", out.toString(), "--overwrite"}, new java.io.PrintStream(stdout, true), new java.io.PrintStream(stderr, true), Map.of());
        String err = stderr.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, code, err);
        assertTrue(err.contains("100% 16/16 segments"), err);
        Product expected = Embedded.product(spec(ProductKind.PDS, "monol_testA.evt", 1.0 / 128, 64, Norm.FRAC).build(), dataRoot);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
        List<Double> power = new ArrayList<>();
        json.get("power").forEach(v -> power.add(v.asDouble()));
        Products.relative("manta submit pds", expected.getPower().getReList(), power);
        assertEquals(expected.getM(), json.get("m").asLong());

        // the finished job by its id: its status, its product fetched again, a cancel that leaves it as it is
        java.util.regex.Matcher accepted = java.util.regex.Pattern.compile("manta: job (\\S+) accepted").matcher(err);
        assertTrue(accepted.find(), err);
        String jobId = accepted.group(1);
        stdout.reset();
        assertEquals(0, org.manta.cli.Main.run(new String[] {"submit", "status", jobId},
                new java.io.PrintStream(stdout, true), new java.io.PrintStream(stderr, true), Map.of()));
        String status = stdout.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(status.startsWith("job " + jobId + ": pds SUCCEEDED, 16/16 segments"), status);
        Path fetched = dataRoot.resolveSibling("submit-get.json");
        stderr.reset();
        assertEquals(0, org.manta.cli.Main.run(new String[] {"submit", "get", jobId, "-o", fetched.toString(),
            "--overwrite"}, new java.io.PrintStream(stdout, true), new java.io.PrintStream(stderr, true), Map.of()),
                stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode again = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(fetched.toFile());
        for (String field : new String[] {"freq", "power", "power_err", "m", "n", "norm", "telescope"}) {
            assertEquals(json.get(field), again.get(field), "manta submit get: " + field + " as the -o file's");
        }
        stderr.reset();
        assertEquals(0, org.manta.cli.Main.run(new String[] {"submit", "cancel", jobId},
                new java.io.PrintStream(stdout, true), new java.io.PrintStream(stderr, true), Map.of()));
        assertEquals("manta: nothing to cancel: job " + jobId + " already SUCCEEDED: its product is kept on the mesh "
                + "(fetch it with 'manta submit get " + jobId + " -o FILE', delete it with 'manta submit delete " + jobId
                + "')", stderr.toString(java.nio.charset.StandardCharsets.UTF_8).strip());

        Path running = dataRoot.resolveSibling("submit-running.json");
        Path sim = dataRoot.resolveSibling("submit-sim.json");
        Files.deleteIfExists(running);
        stderr.reset();
        // uploaded: millions of events streamed at the server's pace (gRPC flow control)
        code = org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(),
            "--running-output", running.toString(), "pds", dataRoot.resolve("sim.evt").toString(), "--dt", "1/64",
            "--segment", "4", "-o", sim.toString(), "--overwrite"},
                new java.io.PrintStream(stdout, true), new java.io.PrintStream(stderr, true), Map.of());
        assertEquals(0, code, stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode whole = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sim.toFile());
        com.fasterxml.jackson.databind.JsonNode atEnd = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                running.toFile());
        long segments = Segments.starts(SimulatedObservation.gti(SimulatedObservation.SIM_DURATION), SegmentSpec.of(1.0 / 64, 4)).length;
        assertEquals(segments, whole.get("m").asLong());
        assertEquals(segments, atEnd.get("m").asLong(), "--running-output holds the final product once the job "
                + "succeeded (found: a stale running one)");
        assertFalse(atEnd.has("segments_done"), "the final product, not a running one");
        assertEquals(whole.get("freq"), atEnd.get("freq"));
        for (String field : new String[] {"telescope", "instrument", "object", "timesys", "mjdref"}) {
            assertTrue(atEnd.has(field), "the running file carries the observation's " + field);
            assertEquals(whole.get(field), atEnd.get(field), field);
        }

        stderr.reset();
        int refused = org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "--server-path", "pds",
            "../outside.evt", "--dt", "1", "--segment", "8"}, new java.io.PrintStream(stdout, true),
                new java.io.PrintStream(stderr, true), Map.of());
        assertEquals(2, refused);
        String refusal = stderr.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("manta: ../outside.evt: expected a path inside the mesh's data root (no '..')", refusal.strip(),
                "the file as typed, not the JobSpec's inputs[0]");
        assertFalse(refusal.contains("INVALID_ARGUMENT"), "a refused argument in the command's words, no gRPC status: "
                + refusal);

        // a job above the edge's limits (a CPDS partial of 4 sums × 2^21 frequencies: above manta.partials' records)
        stderr.reset();
        int tooLarge = org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "--server-path", "cpds",
            "monol_testA.evt", "--energy1", "0.5:2", "--energy2", "2:10", "--dt", "1/4194304", "--segment", "1"},
                new java.io.PrintStream(stdout, true), new java.io.PrintStream(stderr, true), Map.of());
        String said = stderr.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, tooLarge, said);
        assertTrue(said.contains("RESOURCE_EXHAUSTED") && said.contains("max.message.bytes of manta.partials"), said);

        // delete of a job id the mesh never gave: said with the id as typed, not the proto's job_id
        stderr.reset();
        assertEquals(2, org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "delete",
            "notajob"}, new java.io.PrintStream(stdout, true), new java.io.PrintStream(stderr, true), Map.of()));
        assertEquals("manta: job notajob: no such job on the mesh at " + mesh.grpcTarget() + " (expected a job id that "
                + "'manta submit' printed)", stderr.toString(java.nio.charset.StandardCharsets.UTF_8).strip());

        // the CA of another mesh: the handshake fails, said in a line (no Netty pipeline), exit 1
        Path otherCa = org.manta.mesh.harness.MeshCredentials.create(dataRoot.resolveSibling("other-tls"), "other",
                List.of()).caCertificate();
        stderr.reset();
        assertEquals(1, org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "--ca",
            otherCa.toString(), "delete", "notajob"}, new java.io.PrintStream(stdout, true),
                new java.io.PrintStream(stderr, true), Map.of()));
        String untrusted = stderr.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(untrusted.startsWith("manta: the mesh at " + mesh.grpcTarget() + " is not trusted: its certificate "
                + "is not signed by the CA in " + otherCa + " (give the mesh's CA, --ca FILE; "), untrusted);
        assertEquals(1, untrusted.strip().lines().count(), untrusted);
    }

    /**
     * {@code manta submit varenergy} (an upload, and server paths with a second list) writes the JSON product of
     * {@code manta varenergy} on the same file: the same fields, the same numbers to summation order.
     */
    @Test
    @Order(8)
    void mantaSubmitVarEnergyWritesTheEmbeddedProduct() throws Exception {
        String file = dataRoot.resolve("monol_testA.evt").toString();
        String[][] cases = {
            {"lag", "--freq", "0.1:3", "--bands", "3,5,8,12", "--ref", "3:30", "--dt", "1/128", "--segment", "64"},
            {"rms", "--freq", "0.05:2", "--bands", "3,6,10,20", "--dt", "1/64", "--segment", "32", "--events2", file}};
        for (String[] c : cases) {
            String kind = c[0];
            List<String> options = new ArrayList<>(List.of("--kind"));
            options.addAll(List.of(c));
            Path embedded = dataRoot.resolveSibling("varenergy-" + kind + "-embedded.json");
            Path meshed = dataRoot.resolveSibling("varenergy-" + kind + "-mesh.json");
            Files.deleteIfExists(embedded);    // a product of an earlier run
            Files.deleteIfExists(meshed);
            java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
            List<String> local = new ArrayList<>(List.of("varenergy", file));
            local.addAll(options);
            local.addAll(List.of("-o", embedded.toString(), "--quiet", "--overwrite"));
            assertEquals(0, org.manta.cli.Main.run(local.toArray(String[]::new), new java.io.PrintStream(stdout, true),
                    new java.io.PrintStream(stderr, true), Map.of()), stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
            List<String> remote = new ArrayList<>(List.of("submit", "--server", mesh.grpcTarget()));
            if (kind.equals("rms")) {
                remote.add("--server-path");
            }
            remote.addAll(List.of("varenergy", kind.equals("rms") ? "monol_testA.evt" : file));
            List<String> remoteOptions = new ArrayList<>(options);
            if (kind.equals("rms")) {
                remoteOptions.set(remoteOptions.size() - 1, "monol_testA.evt");
            }
            remote.addAll(remoteOptions);
            remote.addAll(List.of("-o", meshed.toString(), "--overwrite"));
            stderr.reset();
            assertEquals(0, org.manta.cli.Main.run(remote.toArray(String[]::new), new java.io.PrintStream(stdout, true),
                    new java.io.PrintStream(stderr, true), Map.of()), stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertSameJson("manta submit varenergy " + kind, embedded, meshed);
        }
        // bands without an event: refused as `manta varenergy` refuses them (found: the mesh wrote NaN spectra)
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        assertEquals(2, org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "--server-path",
            "varenergy", "monol_testA.evt", "--kind", "rms", "--freq", "0.1:3", "--bands", "200,300,400", "--dt", "1/64",
            "--segment", "32", "-o", dataRoot.resolveSibling("varenergy-none.json").toString(), "--overwrite"},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), new java.io.PrintStream(stderr, true),
                Map.of()));
        String said = stderr.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(said.contains("FAILED: monol_testA.evt: no events in bands [200.0, 300.0, 400.0] keV"), said);
    }

    /**
     * {@code manta submit pds --rms --subtract-noise --significance} writes the fields of {@code manta pds} with the
     * same options (its statistics computed from the mesh's averaged spectrum by the same calls).
     */
    @Test
    @Order(9)
    void mantaSubmitPdsWithStatisticsWritesTheEmbeddedFields() throws Exception {
        String file = dataRoot.resolve("monol_testA.evt").toString();
        String[] options = {"--dt", "1/128", "--segment", "64", "--norm", "frac", "--rms", "0.1:10", "--subtract-noise",
            "--significance", "--false-alarm", "0.05"};
        Path embedded = dataRoot.resolveSibling("pds-stats-embedded.json");
        Path meshed = dataRoot.resolveSibling("pds-stats-mesh.json");
        Files.deleteIfExists(embedded);
        Files.deleteIfExists(meshed);
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        List<String> local = new ArrayList<>(List.of("pds", file));
        local.addAll(List.of(options));
        local.addAll(List.of("-o", embedded.toString(), "--quiet", "--overwrite"));
        assertEquals(0, org.manta.cli.Main.run(local.toArray(String[]::new), new java.io.PrintStream(stdout, true),
                new java.io.PrintStream(stderr, true), Map.of()), stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
        List<String> remote = new ArrayList<>(List.of("submit", "--server", mesh.grpcTarget(), "pds", file));
        remote.addAll(List.of(options));
        remote.addAll(List.of("-o", meshed.toString(), "--overwrite"));
        stdout.reset();
        assertEquals(0, org.manta.cli.Main.run(remote.toArray(String[]::new), new java.io.PrintStream(stdout, true),
                new java.io.PrintStream(stderr, true), Map.of()), stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(stdout.toString(java.nio.charset.StandardCharsets.UTF_8).contains("rms 0.1-10 Hz: fractional "),
                stdout.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertSameJson("manta submit pds with statistics", embedded, meshed);
    }

    /**
     * {@code manta submit fad} (two uploaded detectors), {@code manta submit colors} (a server path: the mesh's
     * fractional-rms DYNPS, coloured by the client), {@code cpds} of two bands of an uploaded list, {@code pds} of a band
     * of a server path and {@code manta submit varenergy --kind excvar} (one work unit of the whole list) write the JSON
     * of the embedded commands with the same options, the observation's context included.
     */
    @Test
    @Order(10)
    void mantaSubmitFadColorsAndExcvarWriteTheEmbeddedProducts() throws Exception {
        String det1 = dataRoot.resolve("sim_fad_det1.evt").toString();
        String det2 = dataRoot.resolve("sim_fad_det2.evt").toString();
        String monol = dataRoot.resolve("monol_testA.evt").toString();
        assertSubmitWritesTheEmbeddedProduct("fad", List.of(det1, det2, "--dt", "1/512", "--segment", "8", "--norm",
                "leahy", "--deadtime", "2.5e-3"), List.of());
        assertSubmitWritesTheEmbeddedProduct("colors", List.of(monol, "--dt", "1/64", "--segment", "16", "--freq-edges",
                "0.125,0.5,1,4,16"), List.of("monol_testA.evt"));
        // the observation's context with bands: two bands of one uploaded list (e_min1 .. e_max2, the OBJECT the upload
        // carried), one band of a server path (e_min, e_max)
        assertSubmitWritesTheEmbeddedProduct("cpds", List.of(monol, "--energy1", "3:6", "--energy2", "6:20", "--dt",
                "1/64", "--segment", "16"), List.of());
        assertSubmitWritesTheEmbeddedProduct("pds", List.of(monol, "--energy", "3:10", "--dt", "1/64", "--segment", "16"),
                List.of("monol_testA.evt"));
        // the user's restriction of the good time (--gti FILE --tstart --tstop --min-gti) is planned on the mesh as in the
        // command: the same GTIs, segments and product (the client reads the GTI file and sends its intervals)
        Path userGti = dataRoot.resolveSibling("user-gti.txt");
        Files.writeString(userGti, "80000100 80000400\n80000500 80000540\n80000600 80001000\n");
        assertSubmitWritesTheEmbeddedProduct("pds", List.of(monol, "--dt", "1/64", "--segment", "16", "--gti",
                userGti.toString(), "--tstart", "80000150", "--min-gti", "64"), List.of());
        assertSubmitWritesTheEmbeddedProduct("cpds", List.of(monol, "--energy1", "3:6", "--energy2", "6:20", "--dt",
                "1/64", "--segment", "16", "--tstop", "80000700"), List.of("monol_testA.evt"));
        assertSubmitWritesTheEmbeddedProduct("dynps", List.of(monol, "--dt", "1/64", "--segment", "16", "--tstart",
                "80000300", "--min-gti", "100"), List.of("monol_testA.evt"));
        // a variable source (monol_testA's excess variance is negative: NaN in every band)
        assertSubmitWritesTheEmbeddedProduct("varenergy", List.of(dataRoot.resolve("sim_varenergy.evt.gz").toString(),
                "--kind", "excvar", "--bands", "0.5,1,2,4,8,12", "--dt", "1", "--segment", "128"), List.of());
    }

    /**
     * {@code manta submit lomb}, {@code multitaper}, {@code bispectrum}, {@code bicoherence}, {@code pds} without
     * {@code --segment} and {@code lc} write the JSON of the embedded commands: the Lomb–Scargle periodogram of an
     * uploaded list (fast method, frac) and the cross spectrum of two uploaded lists (slow sums, a grid of its own), a
     * multitaper spectrum (adaptive, a server path; the Lomb–Scargle one of an upload), a bispectrum (a window,
     * unbiased), a bicoherence (16 s segments, a window), one periodogram of the whole span and a light curve (each of
     * an upload and of a server path with {@code --tstart}), each one work unit of the whole input.
     */
    @Test
    @Order(11)
    void mantaSubmitWholeSeriesProductsWriteTheEmbeddedProducts() throws Exception {
        assertSubmitWritesTheEmbeddedProduct("lomb", List.of(dataRoot.resolve("monol_testA.evt").toString(), "--dt", "1",
                "--norm", "frac"), List.of());
        assertSubmitWritesTheEmbeddedProduct("lomb", List.of(dataRoot.resolve("sim_fad_det1.evt").toString(), "--events2",
                dataRoot.resolve("sim_fad_det2.evt").toString(), "--dt", "0.5", "--method", "slow", "--max-freq", "0.25"),
                List.of());
        assertSubmitWritesTheEmbeddedProduct("multitaper", List.of(dataRoot.resolve("monol_testA.evt").toString(), "--dt",
                "1", "--nw", "3", "--adaptive", "--norm", "frac"), List.of("monol_testA.evt"));
        assertSubmitWritesTheEmbeddedProduct("multitaper", List.of(dataRoot.resolve("monol_testA.evt").toString(), "--dt",
                "4", "--nw", "2", "--lombscargle"), List.of());
        assertSubmitWritesTheEmbeddedProduct("bispectrum", List.of(dataRoot.resolve("monol_testA.evt").toString(), "--dt",
                "8", "--maxlag", "16", "--window", "hanning", "--scale", "unbiased"), List.of());
        assertSubmitWritesTheEmbeddedProduct("bicoherence", List.of(dataRoot.resolve("monol_testA.evt").toString(), "--dt",
                "1/4", "--segment", "16", "--window", "hanning"), List.of());
        // pds without --segment: one periodogram of the whole span (an upload; a server path, its GTIs cut by --tstart)
        assertSubmitWritesTheEmbeddedProduct("pds", List.of(dataRoot.resolve("monol_testA.evt").toString(), "--dt",
                "1/16", "--norm", "frac"), List.of());
        assertSubmitWritesTheEmbeddedProduct("pds", List.of(dataRoot.resolve("sim_varenergy.evt.gz").toString(), "--dt",
                "1/2", "--tstart", "300"), List.of("sim_varenergy.evt.gz"));
        // lc: the light curve itself (an upload in a band; a server path, its GTIs cut by --tstart)
        assertSubmitWritesTheEmbeddedProduct("lc", List.of(dataRoot.resolve("monol_testA.evt").toString(), "--dt", "1",
                "--energy", "3:10"), List.of());
        assertSubmitWritesTheEmbeddedProduct("lc", List.of(dataRoot.resolve("sim_varenergy.evt.gz").toString(), "--dt",
                "2", "--tstart", "300"), List.of("sim_varenergy.evt.gz"));
    }

    /**
     * {@code manta submit} says the warnings {@code manta} says for the same command, in the same words: dt moved to
     * Chandra's TIMEDEL and the segment fixed (an upload: named by its local path), GTIs taken from the events of a list
     * without a GTI extension (checked before the upload), a bispectrum and a periodogram over two GTIs with the gaps as
     * zeros; with
     * {@code --strict} the mesh fails the job on the first of them (exit 2, no product), as {@code manta} refuses.
     */
    @Test
    @Order(12)
    void mantaSubmitSaysTheWarningsOfTheEmbeddedCommand() throws Exception {
        String chandra = dataRoot.resolve("chandra_test.fits").toString();
        assertSameWarnings("pds", List.of(chandra, "--dt", "0.1", "--segment", "100"), 2);
        assertSameWarnings("pds", List.of(dataRoot.resolve("monol_testA_calib.evt").toString(), "--dt", "1/64",
                "--segment", "16"), 1);
        assertSameWarnings("bispectrum", List.of(dataRoot.resolve("sim_varenergy.evt.gz").toString(), "--dt", "1",
                "--maxlag", "20"), 1);
        assertSameWarnings("pds", List.of(dataRoot.resolve("sim_varenergy.evt.gz").toString(), "--dt", "1"), 1);

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Path strict = dataRoot.resolveSibling("submit-strict.json");
        Files.deleteIfExists(strict);
        int code = org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "--server-path", "pds",
            "chandra_test.fits", "--dt", "0.1", "--segment", "100", "--strict", "--quiet", "-o", strict.toString()},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true), Map.of());
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(org.manta.cli.Main.EXIT_USAGE, code, said);
        assertTrue(said.contains("FAILED: chandra_test.fits: the input event list has a time resolution of 0.44104 s "
                + "(TIMEDEL)") && said.strip().endsWith("(an error under --strict)"), said);
        assertFalse(Files.exists(strict), "no product under --strict");

        // a band without events: the job fails with the embedded command's words (the reducer sees no event in it)
        String monol = dataRoot.resolve("monol_testA.evt").toString();
        List<String> said2 = new ArrayList<>();
        for (boolean remote : new boolean[] {false, true}) {
            List<String> line = new ArrayList<>(remote ? List.of("submit", "--server", mesh.grpcTarget()) : List.of());
            line.addAll(List.of("pds", monol, "--dt", "1/8", "--segment", "64", "--energy", "100:200", "--quiet", "-o",
                    dataRoot.resolveSibling("empty-band.json").toString()));
            err.reset();
            code = org.manta.cli.Main.run(line.toArray(String[]::new), new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true), Map.of());
            assertEquals(org.manta.cli.Main.EXIT_USAGE, code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
            said2.add(err.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        }
        String refusal = monol + ": no events in band 100.0:200.0 keV";
        assertTrue(said2.get(0).startsWith("manta: " + refusal), said2.get(0));
        assertTrue(said2.get(1).contains("FAILED: " + said2.get(0).substring("manta: ".length())), said2.get(1));
    }

    /**
     * A FITS light curve under the data root ({@code manta lc -o X.fits} of a list with two GTIs) given by
     * {@code --server-path} to {@code manta submit lomb} and {@code bispectrum} (the gaps as zeros) gives the JSON of
     * {@code manta lomb X.fits} and {@code manta bispectrum X.fits}, context fields included: the mesh reads the light
     * curve's own bins, as the commands do. Uploading it is refused before connecting.
     */
    @Test
    @Order(13)
    void mantaSubmitOfAFitsLightCurveByServerPathWritesTheEmbeddedProducts() throws Exception {
        Path lc = mantaLc("sim_varenergy.evt.gz", "sim_varenergy-lc.fits");
        assertSubmitWritesTheEmbeddedProduct("lomb", List.of(lc.toString(), "--dt", "1", "--norm", "frac"),
                List.of(lc.getFileName().toString()));
        // the cross spectrum of a light curve and an event list binned at the light curve's dt
        assertSubmitWritesTheEmbeddedProduct("lomb", List.of("--events2", dataRoot.resolve("sim_varenergy.evt.gz")
                .toString(), lc.toString(), "--dt", "1", "--max-freq", "0.1"), List.of("--events2", "sim_varenergy.evt.gz",
                lc.getFileName().toString()));
        // without --dt, the light curve's own: the mesh reads it from the file, as the command does
        assertSubmitWritesTheEmbeddedProduct("bispectrum", List.of(lc.toString(), "--maxlag", "20"),
                List.of(lc.getFileName().toString()));
        assertSubmitWritesTheEmbeddedProduct("bicoherence", List.of(lc.toString(), "--segment", "16.4"),
                List.of(lc.getFileName().toString()));

        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "lomb", lc.toString(),
            "--dt", "1", "--quiet"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                new java.io.PrintStream(err, true), Map.of());
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(org.manta.cli.Main.EXIT_USAGE, code, said);
        assertTrue(said.contains("a light curve is not uploaded: put it under the mesh's data root and give "
                + "--server-path"), said);

        err.reset();
        code = org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "--server-path", "lomb",
            "sim_varenergy.evt.gz", "--quiet"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                new java.io.PrintStream(err, true), Map.of());
        said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(org.manta.cli.Main.EXIT_USAGE, code, said);
        assertTrue(said.contains("option '--dt' (not given): expected a bin time in seconds to bin the event file "
                + "sim_varenergy.evt.gz (only a light curve brings its own)"), said);
    }

    /**
     * JSON light curves under the data root given by {@code --server-path}: the uneven one of
     * {@code reference/lombscargle_sim.json} (600 times in 1000 s) to {@code manta submit lomb} (its own dt, no
     * {@code --dt}) and {@code multitaper --lombscargle}, and one of {@code manta lc -o X.json} to {@code bispectrum},
     * give the JSON of {@code manta lomb|multitaper|bispectrum X.json}, context fields included: the mesh reads them with
     * the commands' reader. Uploading one is refused before connecting.
     */
    @Test
    @Order(14)
    void mantaSubmitOfAJsonLightCurveByServerPathWritesTheEmbeddedProducts() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path repo = Path.of(System.getProperty("manta.repo.root", "..")).toAbsolutePath().normalize();
        com.fasterxml.jackson.databind.JsonNode ref = json.readTree(repo.resolve(
                "core/src/test/resources/reference/lombscargle_sim.json").toFile());
        Path uneven = dataRoot.resolve("lombscargle_sim-lc.json");
        json.writeValue(uneven.toFile(), Map.of("time", ref.get("time"), "counts", ref.get("counts"), "dt", 1.0,
                "telescope", "SIM", "object", "uneven", "mjdref", 58000.5));
        List<String> name = List.of(uneven.getFileName().toString());
        assertSubmitWritesTheEmbeddedProduct("lomb", List.of(uneven.toString(), "--method", "slow", "--norm", "frac"),
                name);
        assertSubmitWritesTheEmbeddedProduct("multitaper", List.of(uneven.toString(), "--lombscargle", "--nw", "2.5",
                "--no-low-bias", "--norm", "frac"), name);

        Path lc = mantaLc("monol_testA.evt", "monol_testA-lc.json");
        assertSubmitWritesTheEmbeddedProduct("bispectrum", List.of(lc.toString(), "--maxlag", "16"),
                List.of(lc.getFileName().toString()));

        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "multitaper",
            uneven.toString(), "--lombscargle", "--quiet"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream(),
                true), new java.io.PrintStream(err, true), Map.of());
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(org.manta.cli.Main.EXIT_USAGE, code, said);
        assertTrue(said.contains("a light curve is not uploaded: put it under the mesh's data root and give "
                + "--server-path"), said);
    }

    /**
     * A light curve with Gaussian errors (core's {@code lightcurve_gauss.lc}: background-subtracted counts with an ERROR
     * column) by {@code --server-path}: {@code manta submit lomb|multitaper --err-dist gauss} writes the JSON of
     * {@code manta lomb|multitaper --err-dist gauss}, {@code err_dist} included. Without {@code --err-dist} both say
     * the same warning (the file named as each was given it), and {@code --strict} fails the job with it; gauss of an
     * event file is refused, uploaded before connecting, by its server path by the mesh, in the command's words.
     */
    @Test
    @Order(16)
    void mantaSubmitErrDistGaussOfALightCurveWithErrorsWritesTheEmbeddedProducts() throws Exception {
        Path lc = dataRoot.resolve("lightcurve_gauss.lc");
        String name = lc.getFileName().toString();
        assertSubmitWritesTheEmbeddedProduct("lomb", List.of(lc.toString(), "--err-dist", "gauss"), List.of(name));
        assertSubmitWritesTheEmbeddedProduct("multitaper", List.of(lc.toString(), "--err-dist", "gauss", "--norm",
                "frac"), List.of(name));

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        List<String> warned = new ArrayList<>();
        for (List<String> line : List.of(List.of("lomb", lc.toString()), List.of("submit", "--server", mesh.grpcTarget(),
                "--server-path", "lomb", name))) {
            List<String> args = new ArrayList<>(line);
            args.addAll(List.of("-o", dataRoot.resolveSibling("warned-gauss.json").toString(), "--overwrite"));
            err.reset();
            int code = org.manta.cli.Main.run(args.toArray(String[]::new), new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true), Map.of());
            String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, code, text);
            warned.addAll(java.util.Arrays.stream(text.split("[\r\n]+")).map(String::strip)
                    .filter(l -> l.startsWith("manta: warning: ")).toList());
        }
        assertEquals(2, warned.size(), warned.toString());
        assertTrue(warned.get(0).contains(": its errors are not Poisson ((mean error)^2 = "), warned.get(0));
        assertEquals(warned.get(0).replace(lc.toString(), name), warned.get(1), "the command's warning");

        Path strict = dataRoot.resolveSibling("submit-gauss-strict.json");
        Files.deleteIfExists(strict);
        err.reset();
        int code = org.manta.cli.Main.run(new String[] {"submit", "--server", mesh.grpcTarget(), "--server-path",
            "multitaper", name, "--strict", "--quiet", "-o", strict.toString()}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true), Map.of());
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(org.manta.cli.Main.EXIT_USAGE, code, said);
        assertTrue(said.contains("FAILED: " + name + ": its errors are not Poisson")
                && said.strip().endsWith("(an error under --strict)"), said);
        assertFalse(Files.exists(strict), "no product under --strict");

        String refusal = "err-dist = gauss: expected a light curve with errors for ";
        for (boolean serverPath : new boolean[] {false, true}) {
            String events = serverPath ? "monol_testA.evt" : dataRoot.resolve("monol_testA.evt").toString();
            List<String> line = new ArrayList<>(List.of("submit", "--server", mesh.grpcTarget()));
            if (serverPath) {
                line.add("--server-path");
            }
            line.addAll(List.of("lomb", events, "--dt", "1", "--err-dist", "gauss", "--quiet"));
            err.reset();
            code = org.manta.cli.Main.run(line.toArray(String[]::new), new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true), Map.of());
            said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(org.manta.cli.Main.EXIT_USAGE, code, said);
            assertTrue(said.contains(refusal + events + " (a FITS ERROR column"), said);
        }
    }

    /** {@code manta lc EVENTS --dt 1 -o NAME}, both under the data root: the light curve written (FITS or JSON). */
    private Path mantaLc(String events, String name) {
        Path lc = dataRoot.resolve(name);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(0, org.manta.cli.Main.run(new String[] {"lc", dataRoot.resolve(events).toString(), "--dt", "1",
            "-o", lc.toString(), "--overwrite", "--quiet"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream(),
                true), new java.io.PrintStream(err, true), Map.of()), err.toString(java.nio.charset.StandardCharsets.UTF_8));
        return lc;
    }

    /**
     * Several observations averaged as one set of segments (HENDRICS {@code HENfspec}): {@code manta submit pds A B}
     * (uploaded, and by server path) and {@code manta submit cpds A A A B} (two bands of A, then A against B; uploaded,
     * and with a time filter by server path) write the JSON of {@code manta pds/cpds} with the same files: each
     * observation planned on its own GTIs with the first one's dt, m the sum, the GTIs the union, the same context.
     */
    @Test
    @Order(15)
    void mantaSubmitOfSeveralObservationsWritesTheEmbeddedProducts() throws Exception {
        String a = dataRoot.resolve("monol_testA.evt").toString();
        String b = dataRoot.resolve("monol_testA_calib.evt").toString();
        assertSubmitWritesTheEmbeddedProduct("pds", List.of(a, b, "--dt", "1/64", "--segment", "16"), List.of());
        assertSubmitWritesTheEmbeddedProduct("pds", List.of(a, b, "--dt", "1/64", "--segment", "16", "--norm", "frac",
                "--energy", "3:20"), List.of("monol_testA.evt", "monol_testA_calib.evt"));
        assertSubmitWritesTheEmbeddedProduct("cpds", List.of(a, a, a, b, "--energy1", "3:6", "--energy2", "6:20", "--dt",
                "1/64", "--segment", "16"), List.of());
        assertSubmitWritesTheEmbeddedProduct("cpds", List.of(a, a, a, b, "--energy1", "3:6", "--energy2", "6:20", "--dt",
                "1/64", "--segment", "16", "--tstart", "80000200"), List.of("monol_testA.evt", "monol_testA.evt",
                "monol_testA.evt", "monol_testA_calib.evt"));
        // two missions: the product's context is both averaged (telescopes joined, the first one's MJDREF and
        // TIMESYS), and both paths warn that the time references differ
        String xte = dataRoot.resolve("xte_test.evt.gz").toString();
        assertSubmitWritesTheEmbeddedProduct("pds", List.of(a, xte, "--dt", "1/8", "--segment", "64"), List.of());
        assertSameWarnings("pds", List.of(a, xte, "--dt", "1/8", "--segment", "64"), 1);
    }

    /**
     * The {@code manta: warning:} lines of {@code manta COMMAND ARGS} and of {@code manta submit COMMAND ARGS} (the files
     * uploaded): {@code count} of them, the same in both.
     */
    private void assertSameWarnings(String command, List<String> args, int count) {
        List<List<String>> said = new ArrayList<>();
        for (boolean remote : new boolean[] {false, true}) {
            List<String> line = new ArrayList<>(remote ? List.of("submit", "--server", mesh.grpcTarget(), command)
                    : List.of(command));
            line.addAll(args);
            line.addAll(List.of("-o", dataRoot.resolveSibling("warned-" + remote + ".json").toString(), "--overwrite"));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int code = org.manta.cli.Main.run(line.toArray(String[]::new), new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true), Map.of());
            String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, code, text);
            // a warning may follow a progress line on the same terminal line ("\r"): each starts at "manta: warning: "
            said.add(java.util.Arrays.stream(text.split("[\r\n]+")).map(String::strip)
                    .filter(l -> l.startsWith("manta: warning: ")).toList());
        }
        assertEquals(count, said.get(0).size(), "manta " + command + ": " + said.get(0));
        assertEquals(said.get(0), said.get(1), "manta submit " + command + " says what manta " + command + " says");
    }

    /**
     * Runs {@code manta COMMAND ARGS} and {@code manta submit COMMAND ARGS} (the files uploaded, or with
     * {@code serverPaths} the first arguments replaced by these paths under the data root) and compares their JSON.
     */
    private void assertSubmitWritesTheEmbeddedProduct(String command, List<String> args, List<String> serverPaths)
            throws IOException {
        Path embedded = dataRoot.resolveSibling("submit-" + command + "-embedded.json");
        Path meshed = dataRoot.resolveSibling("submit-" + command + "-mesh.json");
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        List<String> local = new ArrayList<>(List.of(command));
        local.addAll(args);
        local.addAll(List.of("-o", embedded.toString(), "--quiet", "--overwrite"));
        assertEquals(0, org.manta.cli.Main.run(local.toArray(String[]::new), new java.io.PrintStream(stdout, true),
                new java.io.PrintStream(stderr, true), Map.of()), stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
        List<String> remote = new ArrayList<>(List.of("submit", "--server", mesh.grpcTarget()));
        if (!serverPaths.isEmpty()) {
            remote.add("--server-path");
        }
        remote.add(command);
        remote.addAll(serverPaths);
        remote.addAll(args.subList(serverPaths.size(), args.size()));
        remote.addAll(List.of("-o", meshed.toString(), "--overwrite"));
        stderr.reset();
        assertEquals(0, org.manta.cli.Main.run(remote.toArray(String[]::new), new java.io.PrintStream(stdout, true),
                new java.io.PrintStream(stderr, true), Map.of()), stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertSameJson("manta submit " + command, embedded, meshed);
    }

    /**
     * Fields that differ between an embedded product and its {@code manta submit} by design: the provenance (command
     * line, paths, times). The observation's context (telescope, instrument, object, timesys, mjdref, the bands) is
     * compared: the mesh plans it as the embedded command does.
     */
    private static final java.util.Set<String> OBSERVATION_FIELDS = java.util.Set.of("provenance");

    /**
     * The JSON products of an embedded command and of its {@code manta submit}: the same fields (less the provenance),
     * numbers within {@link Products#POWER_TOL} of the largest |value| of their field (summation order),
     * everything else equal.
     */
    private static void assertSameJson(String what, Path embedded, Path meshed) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode e = json.readTree(embedded.toFile());
        com.fasterxml.jackson.databind.JsonNode m = json.readTree(meshed.toFile());
        List<String> fields = new ArrayList<>();
        e.fieldNames().forEachRemaining(f -> {
            if (!OBSERVATION_FIELDS.contains(f)) {
                fields.add(f);
            }
        });
        List<String> meshFields = new ArrayList<>();
        m.fieldNames().forEachRemaining(f -> {
            if (!OBSERVATION_FIELDS.contains(f)) {
                meshFields.add(f);
            }
        });
        assertEquals(fields, meshFields, what + ": the JSON fields of the embedded command");
        for (String f : fields) {
            List<Double> expected = numbers(e.get(f));
            List<Double> actual = numbers(m.get(f));
            if (expected.isEmpty()) {
                assertEquals(e.get(f), m.get(f), what + ": " + f);
                continue;
            }
            double scale = expected.stream().filter(Double::isFinite).mapToDouble(Math::abs).max().orElse(0);
            assertEquals(expected.size(), actual.size(), what + ": " + f + " length");
            for (int i = 0; i < expected.size(); i++) {
                double x = expected.get(i);
                double y = actual.get(i);
                assertTrue(!Double.isFinite(x) ? Double.compare(x, y) == 0 : Math.abs(x - y) <= Products.POWER_TOL * scale,
                        what + ": " + f + "[" + i + "]: embedded " + x + ", mesh " + y);
            }
        }
    }

    /** The numbers of a JSON value (a number, an array of numbers, or {re, im}), in order; empty for anything else. */
    private static List<Double> numbers(com.fasterxml.jackson.databind.JsonNode node) {
        List<Double> out = new ArrayList<>();
        if (node.isNumber()) {
            out.add(node.asDouble());
        } else if (node.isArray() && node.size() > 0 && !node.get(0).isArray()) {
            node.forEach(v -> out.add(v.isNumber() ? v.asDouble() : v.isNull() ? Double.NaN : Double.parseDouble(v.asText())));
        } else if (node.isObject() && node.has("re")) {
            out.addAll(numbers(node.get("re")));
            out.addAll(numbers(node.get("im")));
        }
        return out;
    }

    /** Uploads one event file of the data root in batches of 400 events (many messages for a small file). */
    private String upload(String file, JobSpec spec) {
        try (UploadBatches batches = new UploadBatches(List.of(dataRoot.resolve(file)), 400)) {
            return client.upload(spec.toBuilder().setUploadInputs(1).build(), batches, events -> { });
        }
    }

    private static void assertSucceeded(String what, List<JobProgress> progress) {
        JobProgress last = progress.get(progress.size() - 1);
        assertEquals(JobState.SUCCEEDED, last.getState(), what + ": " + last.getMessage());
        long done = -1;
        for (JobProgress p : progress) {
            assertTrue(p.getSegmentsDone() >= done, what + ": segments done never decrease");
            done = p.getSegmentsDone();
        }
        assertEquals(last.getSegmentsExpected(), last.getSegmentsDone(), what + ": every segment merged");
    }

    /**
     * The running products a Watch brought (design.md §3): at least one while data flowed where
     * {@code required} (a job of thousands of segments), each of fewer segments than the final product,
     * more as the job goes on, on the final product's frequencies and GTIs, and normalised like it.
     */
    private static void assertRunningProducts(String what, List<JobProgress> progress, Product last, boolean required) {
        List<Product> running = progress.stream().filter(JobProgress::hasRunningProduct).map(JobProgress::getRunningProduct)
                .toList();
        System.out.printf("%s: %d running products of %s segments (final %d)%n", what, running.size(),
                running.stream().map(MeshEndToEndIT::segments).toList(), segments(last));
        assertTrue(!required || !running.isEmpty(), what + ": no running product while data flowed");
        long before = 0;
        for (Product r : running) {
            long m = segments(r);
            assertTrue(m > 0 && m < segments(last), what + ": running product of " + m + " of " + segments(last) + " segments");
            assertTrue(m >= before, what + ": running products grow");
            before = m;
            assertEquals(last.getFreqList(), r.getFreqList(), what + ": freq");
            assertEquals(last.getGtiList(), r.getGtiList(), what + ": gti");
            assertEquals(last.getN(), r.getN(), what + ": n");
            assertEquals(last.getNorm(), r.getNorm(), what + ": norm");
            if (r.getKind() == ProductKind.DYNPS) {
                assertTrue(last.getTimeList().containsAll(r.getTimeList()), what + ": columns are columns of the final product");
                assertEquals(List.of(last.getDynPsShape(0), m), r.getDynPsShapeList(), what + ": dyn_ps shape");
                continue;
            }
            assertEquals(Norm.LEAHY, r.getNorm(), "the checks below are for Leahy powers");
            List<Double> leahy = r.getUnnormPower().getReList().stream().map(u -> 2 * u / r.getNphots()).toList();
            Products.relative(what + ": running power = 2 unnorm_power / nphots", leahy, r.getPower().getReList());
            double mean = r.getPower().getReList().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double finalMean = last.getPower().getReList().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            // Poisson noise: each Leahy power scatters by ~2/sqrt(m) around the final one; 5 sigma for the mean
            double tolerance = 5 * 2 / Math.sqrt((double) m * r.getFreqCount());
            assertEquals(finalMean, mean, tolerance, what + ": mean running power of " + m + " segments");
        }
    }

    /** Segments a product averages: m, or the columns of a dynamical power spectrum. */
    private static long segments(Product p) {
        return p.getKind() == ProductKind.DYNPS ? p.getTimeCount() : p.getM();
    }

    private void assertFailed(String jobId, String fragment) {
        List<JobProgress> progress = client.watch(jobId, JOB_TIMEOUT);
        JobProgress last = progress.get(progress.size() - 1);
        assertEquals(JobState.FAILED, last.getState(), last.getMessage());
        assertTrue(last.getMessage().contains(fragment), "message '" + last.getMessage() + "' should say " + fragment);
    }

    private JobStatus awaitStatus(String jobId, java.util.function.Predicate<JobStatus> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus s = client.status(jobId);
            if (condition.test(s)) {
                return s;
            }
            assertTrue(s.getState() == JobState.QUEUED || s.getState() == JobState.RUNNING, s.getState() + ": " + s.getMessage());
            Thread.sleep(10);
        }
        throw new AssertionError("job " + jobId + " never reached " + what);
    }

    /** Whether the job's input is on manta.inputs (committed), read from the start of every partition. */
    private boolean inputPublished(String jobId) {
        Map<String, Object> c = new java.util.HashMap<>(mesh.broker().clientConfig());
        c.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INPUTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            boolean found = false;
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    found |= jobId.equals(r.key());
                }
            }
            return found;
        }
    }

    /**
     * Copies the job's first committed worker partial back onto manta.partials: a redelivery that the
     * combiners pass on (it is alone in its batch) and the final merge must drop.
     */
    private void redeliverFirstPartialOf(String jobId) throws Exception {
        Map<String, Object> c = new java.util.HashMap<>(mesh.broker().clientConfig());
        c.put("isolation.level", "read_committed");
        c.put("auto.offset.reset", "earliest");
        c.put("group.id", "e2e-redelivery-" + jobId);
        c.put("max.partition.fetch.bytes", Topics.PARTIALS_TOPIC.maxMessageBytes());
        byte[] first = null;
        String key = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PARTIALS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (first == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().startsWith(jobId + "/") && first == null) {
                        first = r.value();
                        key = r.key();
                    }
                }
            }
        }
        assertTrue(first != null, "a committed partial of job " + jobId);
        Map<String, Object> p = new java.util.HashMap<>(mesh.broker().clientConfig());
        p.put("max.request.size", Topics.PARTIALS_TOPIC.maxMessageBytes());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PARTIALS, key, first)).get();     // the same record again
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static List<String> reflectedServices(ManagedChannel channel) throws Exception {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse r) {
                        names.complete(r.getListServicesResponse().getServiceList().stream().map(s -> s.getName()).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        names.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return names.get(30, TimeUnit.SECONDS);
    }
}
