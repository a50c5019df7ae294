package org.manta.mesh.e2e;

import static org.manta.mesh.e2e.MeshMetrics.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.JobPlan;
import org.manta.core.simulate.BenchmarkObservation;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.ProductMapper;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.client.EdgeCredentials;
import org.manta.mesh.client.MeshClient;
import org.manta.mesh.harness.LocalMesh;
import org.manta.mesh.harness.MeshService;
import org.manta.mesh.harness.ServiceProcess;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * The mesh against the embedded pipeline on this machine (issue 9 "Measure"), on event files of the
 * Stingray peers' benchmark setting ({@link BenchmarkObservation}: 50 GTIs of 1500 s, Poisson events plus
 * 10 % pulsed at 3.3 Hz). Not a timed test: it asserts only that mesh and embedded products are the same,
 * and writes the numbers to stdout and {@code target/mesh-benchmark.md}.
 * <ol>
 *   <li><b>Ratio</b>: one 1e7-event file ({@code -Dmanta.bench.events}), two workloads: FFT-heavy
 *       ({@code --dt 1/4096 --segment 64}, 262144 bins) and event-heavy ({@code --dt 1/64 --segment 16}).
 *       Embedded runs (the core's {@code EmbeddedPipeline}: plan, stream, all processors; what
 *       {@code manta pds} runs) and mesh runs (Submit → SUCCEEDED) alternate, after warm-up rounds; the
 *       medians are compared, with the CPU seconds of every process per run.</li>
 *   <li><b>Scale-out</b> ({@code -Dmanta.bench.scale-events}, default 1e8): one FFT-heavy job with 1, 2 and
 *       4 fft-service instances (one worker thread per processor each): every instance's share of the work units (from
 *       its {@code manta_fft_units_total}) against 1/N, and the CPU seconds of the per-job serial steps
 *       (planning: {@code manta_segment_plan_time_seconds}; the finalising merge, normalisation and product
 *       pieces: {@code manta_reduce_product_seconds}) as a fraction of the CPU seconds the job cost all
 *       processes together.</li>
 *   <li><b>Latency</b> (not by default: {@code -Dmanta.bench.parts=latency}): the stage timeline of the
 *       event-heavy job (each stage's records' timestamps after Submit, {@link StageTimeline}) on fresh meshes
 *       with settings to compare ({@code -Dmanta.bench.latency.meshes}; default: with and without the
 *       combiners' idle flush).</li>
 * </ol>
 * Options: {@code -Dmanta.bench.parts=ratio,scale,latency}, {@code -Dmanta.bench.repeats=N} (3),
 * {@code -Dmanta.bench.warmups=N} (2), {@code -Dmanta.bench.jfr=DIR}. Run with
 * {@code ./mvnw -B -pl mesh-e2e -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=MeshBenchmarkIT -Dmanta.bench=true}.
 */
@EnabledIfSystemProperty(named = "manta.bench", matches = "true")
class MeshBenchmarkIT {
    private static final int REPEATS = Integer.getInteger("manta.bench.repeats", 3);
    private static final int WARMUPS = Integer.getInteger("manta.bench.warmups", 2);
    private static final long SETTLE_MILLIS = 2000;
    private static final Duration READY = Duration.ofSeconds(120);

    /** A workload of the ratio part: {@code dt} and segment length on the same file. */
    record Workload(String name, double dt, double segment) {
    }

    @Test
    void embeddedVersusLocalMesh() throws Exception {
        Path root = Path.of(System.getProperty("manta.repo.root", "..")).toAbsolutePath().normalize();
        Path target = root.resolve("mesh-e2e").resolve("target");
        Path data = Files.createDirectories(target.resolve("bench-data"));
        List<String> parts = List.of(System.getProperty("manta.bench.parts", "ratio,scale").split(","));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Mesh benchmark: %d processors, Java %s; medians of %d runs after %d warm-up round(s), embedded and mesh alternating%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), REPEATS, WARMUPS));
        if (parts.contains("ratio") || parts.contains("scale")) {
            try (LocalMesh mesh = meshBuilder(root, target, data).start();
                 MeshClient client = MeshClient.connect(mesh.grpcTarget(),
                         EdgeCredentials.tls(mesh.caCertificate(), mesh.token()))) {
                if (parts.contains("ratio")) {
                    report.append(ratio(mesh, client, data));
                }
                if (parts.contains("scale")) {
                    report.append(scaleOut(mesh, client, data));
                }
            }
        }
        if (parts.contains("latency")) {
            report.append(latency(root, target, data));
        }
        System.out.println(report);
        Files.writeString(target.resolve("mesh-benchmark.md"), report);
    }

    /** A local mesh as {@code manta up} starts it (broker and four service JVMs), not started yet. */
    private static LocalMesh.Builder meshBuilder(Path root, Path target, Path data) {
        return LocalMesh.builder(root).dataRoot(data).workDir(target.resolve("bench-mesh-" + System.currentTimeMillis()))
                .jvmOptions(jvmOptions("-Xmx1g", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"))
                .brokerJvmOptions(jvmOptions("-Xmx512m", "-XX:+UseSerialGC"))
                .readyTimeout(READY);
    }

    /**
     * Part 3 ({@code latency}): the stage timeline of the event-heavy job (where a short job's fixed latency
     * goes), on a fresh mesh for each setting in {@code -Dmanta.bench.latency.meshes}: settings separated by
     * {@code ;}, each {@code service:property=value} pairs separated by {@code ,} (default: the combiners'
     * idle flush, {@code combine-idle-ms} 10, and their interval only, 0), so they are compared within one run;
     * {@code -Dmanta.bench.latency.jobs} (9) jobs each.
     */
    private String latency(Path root, Path target, Path data) throws Exception {
        long wanted = (long) Double.parseDouble(System.getProperty("manta.bench.events", "1e7"));
        String file = "bench-" + wanted + ".evt";
        write(data.resolve(file), wanted);
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(file).setDt(1.0 / 64).setSegmentSize(16)
                .setNorm(Norm.LEAHY).build();
        int jobs = Integer.getInteger("manta.bench.latency.jobs", 9);
        StringBuilder sb = new StringBuilder();
        for (String setting : System.getProperty("manta.bench.latency.meshes",
                "reduce:manta.reduce.combine-idle-ms=10;reduce:manta.reduce.combine-idle-ms=0").split(";")) {
            Map<String, List<Double>> stages = new LinkedHashMap<>();
            LocalMesh.Builder builder = meshBuilder(root, target, data);
            for (String pair : setting.split(",")) {
                String[] f = pair.split("[:=]", 3);
                builder.property(MeshService.valueOf(f[0].trim().toUpperCase(Locale.ROOT)), f[1].trim(), f[2].trim());
            }
            try (LocalMesh mesh = builder.start();
                 MeshClient client = MeshClient.connect(mesh.grpcTarget(),
                         EdgeCredentials.tls(mesh.caCertificate(), mesh.token()))) {
                for (int r = 1 - WARMUPS; r <= jobs; r++) {
                    Thread.sleep(SETTLE_MILLIS / 4);
                    long submitMillis = System.currentTimeMillis();
                    long t0 = System.nanoTime();
                    String job = client.submit(spec);
                    List<JobProgress> progress = client.watch(job, Duration.ofMinutes(5));
                    double watched = (System.nanoTime() - t0) / 1e6;
                    client.product(job);
                    double fetched = (System.nanoTime() - t0) / 1e6;
                    assertEquals(JobState.SUCCEEDED, progress.get(progress.size() - 1).getState());
                    if (r > 0) {
                        Map<String, Double> timeline = new LinkedHashMap<>(StageTimeline.of(mesh.broker().clientConfig(), job,
                                submitMillis));
                        timeline.put("client: Watch says SUCCEEDED", watched);
                        timeline.put("client: has the product", fetched);
                        StageTimeline.add(stages, timeline);
                    }
                }
            }
            sb.append(StageTimeline.table(String.format(Locale.ROOT, "### Latency: events (--dt 1/64 --segment 16), "
                    + "%s, medians of %d jobs on a fresh mesh:", setting, jobs), stages));
        }
        return sb.toString();
    }

    /** Part 1: mesh ÷ embedded for the two workloads on one file. */
    private String ratio(LocalMesh mesh, MeshClient client, Path data) throws Exception {
        long wanted = (long) Double.parseDouble(System.getProperty("manta.bench.events", "1e7"));
        String file = "bench-" + wanted + ".evt";
        long events = write(data.resolve(file), wanted);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n## mesh / embedded, one file of %,d events%n%n", events));
        sb.append("| workload | segments | bins/segment | embedded s | mesh s | embedded seg/s | mesh seg/s | mesh/embedded |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        StringBuilder cpuLines = new StringBuilder("\nCPU seconds per run (mean of the measured runs):\n\n");
        StringBuilder timelines = new StringBuilder();
        StringBuilder submitPhases = new StringBuilder("\n");
        StringBuilder commands = new StringBuilder(String.format(Locale.ROOT, "%n### As a user runs them: `manta pds FILE` against "
                + "`manta submit --server-path pds FILE` (each a fresh JVM through the launcher, writing its JSON product)%n%n"
                + "| workload | manta pds s | manta submit s | pds / submit |%n|---|---|---|---|%n"));
        for (Workload w : List.of(new Workload("fft (--dt 1/4096 --segment 64)", 1.0 / 4096, 64),
                new Workload("events (--dt 1/64 --segment 16)", 1.0 / 64, 16))) {
            JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(file).setDt(w.dt())
                    .setSegmentSize(w.segment()).setNorm(Norm.LEAHY).build();
            JobPlan plan = EmbeddedPipeline.plan(JobSpecs.request(spec, false), List.of(data.resolve(file)));
            List<Double> embeddedTimes = new ArrayList<>();
            List<Double> meshTimes = new ArrayList<>();
            double embeddedCpu = 0;
            Map<String, Double> meshCpu = new LinkedHashMap<>();
            Map<String, List<Double>> stages = new LinkedHashMap<>();
            List<Double> refetch = new ArrayList<>();
            AveragedPowerSpectrum embedded = null;
            Product product = null;
            for (int r = 1 - WARMUPS; r <= REPEATS; r++) {
                Thread.sleep(SETTLE_MILLIS);          // the mesh's commits and GC after the last job end first
                double c0 = cpu(ProcessHandle.current().pid());
                long t0 = System.nanoTime();
                JobPlan p = EmbeddedPipeline.plan(JobSpecs.request(spec, false), List.of(data.resolve(file)));
                embedded = new EmbeddedPipeline(PoolSettings.defaults()).powerSpectrum(p, List.of(data.resolve(file)),
                        ProgressListener.NONE);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) {
                    embeddedTimes.add(s);
                    embeddedCpu += (cpu(ProcessHandle.current().pid()) - c0) / REPEATS;
                }
                Map<String, Double> before = cpuSeconds(mesh);
                long submitMillis = System.currentTimeMillis();
                t0 = System.nanoTime();
                String job = client.submit(spec);
                List<JobProgress> progress = client.watch(job, Duration.ofMinutes(20));
                s = (System.nanoTime() - t0) / 1e9;
                product = client.product(job);
                double productMs = (System.nanoTime() - t0) / 1e6;
                long t1 = System.nanoTime();
                client.product(job);
                double againMs = (System.nanoTime() - t1) / 1e6;
                assertEquals(JobState.SUCCEEDED, progress.get(progress.size() - 1).getState(),
                        progress.get(progress.size() - 1).getMessage());
                if (r > 0) {
                    meshTimes.add(s);
                    addCpuSince(before, mesh, meshCpu);
                    Map<String, Double> timeline = new LinkedHashMap<>(StageTimeline.of(mesh.broker().clientConfig(), job,
                            submitMillis));
                    timeline.put("client: Watch says SUCCEEDED", s * 1e3);
                    timeline.put("client: has the product", productMs);
                    StageTimeline.add(stages, timeline);
                    refetch.add(againMs);
                }
            }
            Products.assertSameProduct(w.name(), ProductMapper.pds(embedded, "").addAllGti(Protos.gtis(plan.gti())).build(),
                    product);
            double e = median(embeddedTimes);
            double m = median(meshTimes);
            int segments = plan.segmentCount();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.1f | %.1f | **%.2f** |%n", w.name(), segments,
                    plan.segment().nbin(), e, m, segments / e, segments / m, e / m));
            commands.append(commands(mesh, data, file, w, submitPhases));
            cpuLines.append(String.format(Locale.ROOT, "- %s: embedded %.2f s; mesh: %s%n", w.name(), embeddedCpu,
                    perRun(meshCpu, REPEATS)));
            timelines.append(StageTimeline.table("Where a mesh job's time goes, " + w.name()
                    + " (record timestamps of each stage's outputs; the product fetched after the Watch):", stages));
            timelines.append(String.format(Locale.ROOT, "%nThe same product fetched a second time (ProductService.Get alone): "
                    + "%.0f ms (median)%n", median(refetch)));
        }
        return sb.append(cpuLines).append(timelines).append(commands).append(submitPhases).toString();
    }

    /** Medians of alternating {@code manta pds} and {@code manta submit --server-path pds} runs on the file. */
    private static String commands(LocalMesh mesh, Path data, String file, Workload w, StringBuilder notes)
            throws Exception {
        Path root = Path.of(System.getProperty("manta.repo.root", "..")).toAbsolutePath().normalize();
        String dt = Double.toString(w.dt());
        String segment = Double.toString(w.segment());
        List<Double> embedded = new ArrayList<>();
        List<Double> submitted = new ArrayList<>();
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        for (int r = 1 - WARMUPS; r <= REPEATS; r++) {
            Thread.sleep(SETTLE_MILLIS);
            double e = run(root, "pds", data.resolve(file).toString(), "--dt", dt, "--segment", segment, "--quiet",
                    "-o", data.resolve("cmd-pds.json").toString(), "--overwrite");
            double m = run(root, r > 0 ? phases : null, "submit", "--server", mesh.grpcTarget(), "--ca",
                    mesh.caCertificate().toString(), "--token", mesh.token(), "--server-path", "pds", file, "--dt", dt,
                    "--segment", segment, "--quiet", "-o", data.resolve("cmd-submit.json").toString(), "--overwrite");
            if (r > 0) {
                embedded.add(e);
                submitted.add(m);
            }
        }
        StringBuilder times = new StringBuilder();
        phases.forEach((k, v) -> times.append(String.format(Locale.ROOT, " %s %.0f", k, median(v))));
        notes.append(String.format(Locale.ROOT, "- %s, `manta submit` phases in ms since its process started (medians; "
                + "MANTA_TIMING=1):%s%n", w.name(), times));
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | **%.2f** |%n", w.name(), median(embedded), median(submitted),
                median(embedded) / median(submitted));
    }

    /** Runs {@code manta ARGS} and returns its wall time, s; fails on a non-zero exit. */
    private static double run(Path root, String... args) throws Exception {
        return run(root, null, args);
    }

    /**
     * Runs {@code manta ARGS} and returns its wall time, s; fails on a non-zero exit. With {@code phases}, runs it
     * with {@code MANTA_TIMING=1} and adds the phases it reports (ms since its start) and its wall time ("exit").
     */
    private static double run(Path root, Map<String, List<Double>> phases, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("manta").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("manta-bench", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (phases != null) {
            pb.environment().put("MANTA_TIMING", "1");
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        String output = Files.readString(log);
        Files.delete(log);
        assertEquals(0, code, String.join(" ", command) + "\n" + output);
        if (phases != null) {
            output.lines().filter(l -> l.startsWith("manta: timing ms:")).findFirst().ifPresent(l -> {
                for (String kv : l.substring("manta: timing ms:".length()).trim().split(" ")) {
                    String[] f = kv.split("=");
                    phases.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[1]));
                }
            });
            phases.computeIfAbsent("exit", k -> new ArrayList<>()).add(s * 1e3);
        }
        return s;
    }

    /** Part 2: one job over 1, 2, 4 fft instances: shares of the units and the serial steps' CPU. */
    private String scaleOut(LocalMesh mesh, MeshClient client, Path data) throws Exception {
        long wanted = (long) Double.parseDouble(System.getProperty("manta.bench.scale-events", "1e8"));
        String file = "bench-" + wanted + ".evt";
        long events = write(data.resolve(file), wanted);
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(file).setDt(1.0 / 4096).setSegmentSize(64)
                .setNorm(Norm.LEAHY).build();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%n## Scale-out: one job of %,d events (--dt 1/4096 --segment 64), fft-service instances (each with one worker thread per processor)%n%n", events));
        sb.append("| fft instances | units | units per instance | largest share − 1/N | wall s | seg/s | job CPU s | planning CPU s | final merge + product CPU s | serial / job CPU |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (int n : List.of(1, 2, 4)) {
            while (mesh.instances(MeshService.FFT).size() < n) {
                mesh.addInstance(MeshService.FFT, READY);
            }
            if (n == 1) {
                for (int k = 0; k < WARMUPS + 1; k++) {                             // warm-up (the JIT of the serial steps)
                    client.watch(client.submit(spec), Duration.ofMinutes(20));
                }
            }
            Thread.sleep(SETTLE_MILLIS);
            List<ServiceProcess> ffts = mesh.instances(MeshService.FFT);
            double[] units0 = new double[n];
            for (int i = 0; i < n; i++) {
                units0[i] = counter(ffts.get(i).metrics(), "manta_fft_units_total");
            }
            double plan0 = counter(mesh.service(MeshService.SEGMENT).metrics(), "manta_segment_plan_time_seconds_sum");
            double product0 = counter(mesh.service(MeshService.REDUCE).metrics(), "manta_reduce_product_seconds_sum");
            Map<String, Double> before = cpuSeconds(mesh);
            long t0 = System.nanoTime();
            String job = client.submit(spec);
            List<JobProgress> progress = client.watch(job, Duration.ofMinutes(20));
            double wall = (System.nanoTime() - t0) / 1e9;
            assertEquals(JobState.SUCCEEDED, progress.get(progress.size() - 1).getState());
            Map<String, Double> cpu = new LinkedHashMap<>();
            addCpuSince(before, mesh, cpu);
            double jobCpu = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
            double[] units = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                units[i] = counter(ffts.get(i).metrics(), "manta_fft_units_total") - units0[i];
                total += units[i];
            }
            double worst = 0;
            StringBuilder shares = new StringBuilder();
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(units[i] / total - 1.0 / n));
                shares.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.0f", units[i]));
            }
            double planning = counter(mesh.service(MeshService.SEGMENT).metrics(), "manta_segment_plan_time_seconds_sum") - plan0;
            double finalMerge = counter(mesh.service(MeshService.REDUCE).metrics(), "manta_reduce_product_seconds_sum") - product0;
            long segments = progress.get(progress.size() - 1).getSegmentsDone();
            sb.append(String.format(Locale.ROOT, "| %d | %.0f | %s | %.3f | %.2f | %.1f | %.2f | %.4f | %.4f | %.3f %% |%n", n, total,
                    shares, worst, wall, segments / wall, jobCpu, planning, finalMerge, 100 * (planning + finalMerge) / jobCpu));
        }
        mesh.removeAddedInstances(MeshService.FFT, Duration.ofSeconds(20));
        return sb.toString();
    }

    /** Writes the benchmark observation once (kept between runs); returns its event count. */
    private static long write(Path file, long events) throws IOException {
        Path count = file.resolveSibling(file.getFileName() + ".count");
        if (!Files.exists(file) || !Files.exists(count)) {
            long n = BenchmarkObservation.write(file, events, 7);
            Files.writeString(count, Long.toString(n));
        }
        return Long.parseLong(Files.readString(count).trim());
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

    /** CPU seconds used so far by the broker and each service process (every instance), by name. */
    private static Map<String, Double> cpuSeconds(LocalMesh mesh) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("kafka", cpu(mesh.broker().pid()));
        for (MeshService s : MeshService.values()) {
            List<ServiceProcess> all = mesh.instances(s);
            for (int i = 0; i < all.size(); i++) {
                cpu.put(s.module() + (i == 0 ? "" : "-" + i), cpu(all.get(i).pid()));
            }
        }
        return cpu;
    }

    /** Adds each process's CPU seconds since the snapshot {@code before} to {@code into}. */
    private static void addCpuSince(Map<String, Double> before, LocalMesh mesh, Map<String, Double> into) {
        cpuSeconds(mesh).forEach((k, v) -> into.merge(k, v - before.getOrDefault(k, 0.0), Double::sum));
    }

    private static double cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** A Prometheus sample's value (summed over its labels). */
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

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
