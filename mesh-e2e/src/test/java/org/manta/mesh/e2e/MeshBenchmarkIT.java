package org.manta.mesh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.pipeline.SpectralJobs;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.mapping.ProductMapper;
import org.manta.mesh.harness.LocalMesh;
import org.manta.mesh.harness.MeshService;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * Throughput of the same simulated observation embedded (core {@link SpectralJobs} on all processors,
 * streaming the file) and through the local mesh (broker + 4 service JVMs on this machine; from
 * Submit to SUCCEEDED), in segments per second, for two workloads: many events per FFT bin and
 * large FFTs (and, on request, a tiny job that shows the mesh's fixed latency). Embedded and mesh runs
 * alternate, after warm-up runs that let the JIT of every long-lived process settle; the medians are
 * compared. Also reports the CPU seconds of each process per run and of an idle mesh. Not a timed
 * test: it asserts only that both give the same product, and writes the numbers to stdout and
 * {@code target/mesh-benchmark.md}. Options: {@code -Dmanta.bench.workloads=events,fft,latency},
 * {@code -Dmanta.bench.warmups=N}, {@code -Dmanta.bench.jfr=DIR}. Run with
 * {@code ./mvnw -B -pl mesh-e2e -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=MeshBenchmarkIT -Dmanta.bench=true}.
 */
@EnabledIfSystemProperty(named = "manta.bench", matches = "true")
class MeshBenchmarkIT {
    private static final int REPEATS = 5;
    private static final int IDLE_SECONDS = 5;
    private static final long SETTLE_MILLIS = 2000;
    /** Unmeasured runs first, for the JIT compilers of every process ({@code -Dmanta.bench.warmups}). */
    private static final int WARMUPS = Integer.getInteger("manta.bench.warmups", 4);

    /** A workload: an observation of {@code duration} s at {@code rate} ct/s, cut with {@code dt} and {@code segment}. */
    record Workload(String name, double duration, double rate, double dt, double segment) {
        SegmentSpec spec() {
            return SegmentSpec.of(dt, segment);
        }

        String file() {
            return "bench-" + name + ".evt";
        }
    }

    record Result(Workload w, long events, int segments, double embeddedSegPerS, double meshSegPerS,
                  double embeddedCpu, String meshCpu) {
    }

    @Test
    void embeddedVersusLocalMesh() throws Exception {
        Path root = Path.of(System.getProperty("manta.repo.root", "..")).toAbsolutePath().normalize();
        Path target = root.resolve("mesh-e2e").resolve("target");
        Path data = Files.createDirectories(target.resolve("bench-data"));
        List<String> only = List.of(System.getProperty("manta.bench.workloads", "events,fft").split(","));
        List<Workload> workloads = Stream.of(
                new Workload("events", 4000, 2000, 1.0 / 128, 8),        // 8e6 events, 1024-bin FFTs
                new Workload("fft", 32000, 100, 1.0 / 8192, 16),         // 3.2e6 events, 131072-bin FFTs
                new Workload("latency", 64, 100, 1.0 / 8192, 16))        // 4 segments: the mesh's fixed latency
                .filter(w -> only.contains(w.name())).toList();
        List<Long> events = new ArrayList<>();
        for (Workload w : workloads) {
            events.add(SimulatedObservation.write(data.resolve(w.file()), 7, w.duration(), w.rate()));
        }
        List<Result> results = new ArrayList<>();
        String idle;
        int threads = Runtime.getRuntime().availableProcessors();
        try (LocalMesh mesh = LocalMesh.builder(root).dataRoot(data).workDir(target.resolve("bench-mesh-" + System.currentTimeMillis()))
                .jvmOptions(jvmOptions("-Xmx1g", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"))
                .brokerJvmOptions(jvmOptions("-Xmx512m", "-XX:+UseSerialGC")).start();
             MeshClient client = new MeshClient(mesh.grpcTarget())) {
            for (int i = 0; i < workloads.size(); i++) {
                Workload w = workloads.get(i);
                int segments = Segments.starts(SimulatedObservation.gti(w.duration()), w.spec()).length;
                JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(w.file()).setDt(w.dt())
                        .setSegmentSize(w.segment()).setNorm(Norm.LEAHY).build();
                AveragedPowerSpectrum embedded = null;
                Product product = null;
                List<Double> embeddedTimes = new ArrayList<>();
                List<Double> meshTimes = new ArrayList<>();
                double embeddedCpu = 0;
                Map<String, Double> meshCpu = new LinkedHashMap<>();
                // embedded and mesh runs alternate, so that a busy moment of the machine hits both alike
                for (int r = 1 - WARMUPS; r <= REPEATS; r++) {
                    Thread.sleep(SETTLE_MILLIS);          // the mesh's commits and GC after the last job end first
                    double c0 = cpu(ProcessHandle.current().pid());
                    long t0 = System.nanoTime();
                    embedded = embedded(data.resolve(w.file()), w.spec(), threads);
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (r > 0) {
                        embeddedTimes.add(s);
                        embeddedCpu += (cpu(ProcessHandle.current().pid()) - c0) / REPEATS;
                    }
                    Map<String, Double> before = cpuSeconds(mesh);
                    t0 = System.nanoTime();
                    String job = client.submit(spec);
                    List<JobProgress> progress = client.watch(job, Duration.ofMinutes(10));
                    s = (System.nanoTime() - t0) / 1e9;
                    assertEquals(JobState.SUCCEEDED, progress.get(progress.size() - 1).getState());
                    if (r > 0) {
                        meshTimes.add(s);
                        addCpuSince(before, mesh, meshCpu);
                    }
                    product = client.product(job);
                }
                String cpu = perRun(meshCpu, REPEATS);
                Products.assertSameProduct(w.name(), ProductMapper.pds(embedded, "")
                        .addAllGti(org.manta.mesh.common.mapping.Protos.gtis(SimulatedObservation.gti(w.duration()))).build(),
                        product);
                results.add(new Result(w, events.get(i), segments, segments / median(embeddedTimes), segments / median(meshTimes), embeddedCpu, cpu));
            }
            Map<String, Double> before = cpuSeconds(mesh);
            Thread.sleep(IDLE_SECONDS * 1000L);
            Map<String, Double> idleCpu = new LinkedHashMap<>();
            addCpuSince(before, mesh, idleCpu);
            idle = "\nCPU seconds per second of an idle mesh: " + perRun(idleCpu, IDLE_SECONDS) + "\n";
        }
        String report = report(results, threads) + idle;
        System.out.println(report);
        Files.writeString(target.resolve("mesh-benchmark.md"), report);
    }

    /**
     * The broker's or the services' JVM options; {@code -Dmanta.bench.jfr=DIR} adds a Java Flight Recording per process
     * (inspect with {@code jfr view hot-methods DIR/<pid>.jfr}).
     */
    private static List<String> jvmOptions(String... base) {
        List<String> options = new ArrayList<>(List.of(base));
        String jfr = System.getProperty("manta.bench.jfr", "");
        if (!jfr.isBlank()) {
            options.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath() + "/%p.jfr");
        }
        return options;
    }

    /** CPU seconds used so far by the broker and each service process, by name. */
    private static Map<String, Double> cpuSeconds(LocalMesh mesh) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("kafka", cpu(mesh.broker().pid()));
        for (MeshService s : MeshService.values()) {
            cpu.put(s.module(), cpu(mesh.service(s).pid()));
        }
        return cpu;
    }

    /** Adds each process's CPU seconds since the snapshot {@code before} to {@code into}. */
    private static void addCpuSince(Map<String, Double> before, LocalMesh mesh, Map<String, Double> into) {
        cpuSeconds(mesh).forEach((k, v) -> into.merge(k, v - before.get(k), Double::sum));
    }

    private static double cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** "name seconds, ..., total" of CPU seconds divided by {@code runs}. */
    private static String perRun(Map<String, Double> cpu, int runs) {
        StringBuilder sb = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : cpu.entrySet()) {
            total += e.getValue() / runs;
            sb.append(String.format(Locale.ROOT, "%s %.2f s, ", e.getKey(), e.getValue() / runs));
        }
        return sb.append(String.format(Locale.ROOT, "total %.2f s", total)).toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static AveragedPowerSpectrum embedded(Path file, SegmentSpec spec, int threads) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            GtiList gti = reader.gti();
            SegmentEventStream stream = new SegmentEventStream(chunk -> reader.next(chunk, null), reader.newChunk(),
                    Segments.starts(gti, spec), spec.segmentSize());
            return SpectralJobs.power(stream, spec, false, PoolSettings.ofThreads(threads), ProgressListener.NONE)
                    .result(Normalization.LEAHY, true).withGti(gti);
        }
    }

    private static String report(List<Result> results, int threads) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Mesh benchmark: %d processors, Java %s, median of %d runs after %d warm-up run(s), embedded and mesh runs alternating%n%n",
                threads, System.getProperty("java.version"), REPEATS, WARMUPS));
        sb.append("| workload | events | segments | bins/segment | embedded seg/s | mesh seg/s | mesh/embedded |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s (%.0f s at %.0f ct/s, dt %.3g s, T %.0f s) | %,d | %d | %d | %.1f | %.1f | %.2f |%n",
                    r.w().name(), r.w().duration(), r.w().rate(), r.w().dt(), r.w().segment(), r.events(), r.segments(),
                    r.w().spec().nbin(), r.embeddedSegPerS(), r.meshSegPerS(), r.meshSegPerS() / r.embeddedSegPerS()));
        }
        sb.append("\nCPU seconds per run (mean of the measured runs; the embedded run's process, the mesh's processes):\n\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "- %s: embedded %.2f s; mesh: %s%n", r.w().name(), r.embeddedCpu(), r.meshCpu()));
        }
        return sb.toString();
    }
}
