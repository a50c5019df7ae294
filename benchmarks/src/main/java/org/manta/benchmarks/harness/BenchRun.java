package org.manta.benchmarks.harness;

import org.manta.core.simulate.BenchmarkObservation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.manta.cli.Main;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.core.fourier.RealFft;
import org.manta.core.io.EventFileReader;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.JobPlan;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.VarEnergyAccumulator;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergyPipeline;
import org.manta.core.varenergy.VarEnergyRequest;

/**
 * One measured run in a fresh JVM (started by {@link BenchCommand}, so JVM start, peak RSS and heap belong
 * to this run alone): the command a user runs, {@code manta pds FILE} or {@code manta cpds FILE1 FILE2} in the
 * benchmark setting on {@code threads} workers, with its output file and provenance (the inputs' SHA-256),
 * through the cli's {@link Main#run}; then the FFT-only time of the same number of segments on the same
 * threads. Prints one JSON line.
 *
 * <p>Usage: {@code BenchRun pds|cpds THREADS OUTPUT.json FILE [FILE2]}; {@code BenchRun analysis-pds|analysis-cpds
 * THREADS FILE [FILE2]} (the analysis alone: the embedded pipeline, no product, no provenance, no output);
 * {@code BenchRun fft THREADS COUNT};
 * {@code BenchRun varenergy THREADS OUTPUT.json FILE} (lag and rms of ten bands from one pass, {@link #varEnergy}).
 */
public final class BenchRun {
    private BenchRun() {
    }

    public static void main(String[] args) throws Exception {
        String product = args[0];
        int threads = Integer.parseInt(args[1]);
        if (product.equals("fft")) {           // BenchRun fft THREADS COUNT: the FFT-only floor in a cold JVM
            int count = Integer.parseInt(args[2]);
            double s = fftOnly(SegmentSpec.of(BenchmarkObservation.DT, BenchmarkObservation.SEGMENT).nbin(), count,
                    threads);
            System.out.printf(Locale.ROOT, "{\"fft_only_cold_s\": %.4f, \"ffts\": %d, \"threads\": %d}%n", s, count,
                    threads);
            return;
        }
        if (product.startsWith("analysis-")) {  // BenchRun analysis-pds|analysis-cpds THREADS FILE [FILE2]
            List<Path> files = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                files.add(Path.of(args[i]));
            }
            analysisAlone(product.substring("analysis-".length()), threads, files);
            return;
        }
        if (product.equals("varenergy")) {     // BenchRun varenergy THREADS OUTPUT.json FILE
            varEnergy(threads, Path.of(args[2]), Path.of(args[3]));
            return;
        }
        Path output = Path.of(args[2]);
        List<Path> files = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        List<String> command = commandLine(product, threads, output, files);

        long t0 = System.nanoTime();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(command.toArray(String[]::new), System.err,
                new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
        double wall = (System.nanoTime() - t0) * 1e-9;
        double uptimeAtDone = ManagementFactory.getRuntimeMXBean().getUptime() * 1e-3;
        double cpuAtDone = processCpuSeconds();
        if (code != 0) {
            System.err.print(err.toString(StandardCharsets.UTF_8));
            System.exit(code);
        }
        int segments = new ObjectMapper().readTree(output.toFile()).get("m").asInt();
        long events = 0;
        for (Path f : files) {
            events += rows(f);
        }
        int ffts = product.equals("pds") ? segments : 2 * segments;
        double fftOnly = fftOnly(SegmentSpec.of(BenchmarkObservation.DT, BenchmarkObservation.SEGMENT).nbin(), ffts,
                threads);
        System.out.printf(Locale.ROOT, "{\"segments\": %d, \"events\": %d, \"inner_wall_s\": %.4f, \"fft_only_s\": %.4f, "
                        + "\"ffts\": %d, \"threads\": %d, \"peak_heap_mb\": %.1f, \"peak_rss_mb\": %.1f, "
                        + "\"uptime_at_done_s\": %.4f, \"uptime_at_exit_s\": %.4f, \"cpu_at_done_s\": %.4f}%n",
                segments, events, wall, fftOnly, ffts, threads, peakHeapMb(), peakRssMb(), uptimeAtDone,
                ManagementFactory.getRuntimeMXBean().getUptime() * 1e-3, cpuAtDone);
    }

    /**
     * The analysis of a {@code pds} or {@code cpds} benchmark run alone: the cli's embedded pipeline on the same
     * files with the same settings, without the command around it (no options parsing, no provenance hash, no
     * product, no output). One JSON line: wall time, the JVM's uptime and CPU time when done.
     */
    private static void analysisAlone(String product, int threads, List<Path> files) {
        long t0 = System.nanoTime();
        EmbeddedPipeline pipeline = new EmbeddedPipeline(PoolSettings.ofThreads(threads), true);
        double dt = BenchmarkObservation.DT;
        double segment = BenchmarkObservation.SEGMENT;
        int segments = product.equals("pds")
                ? pipeline.powerSpectrum(files, Optional.empty(), dt, segment, Normalization.LEAHY, true).segments()
                : pipeline.crossSpectrum(files.get(0), Optional.empty(), files.get(1), Optional.empty(), dt, segment,
                        Normalization.LEAHY).segments();
        double wall = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(Locale.ROOT, "{\"segments\": %d, \"inner_wall_s\": %.4f, \"threads\": %d, "
                        + "\"uptime_at_done_s\": %.4f, \"cpu_at_done_s\": %.4f}%n", segments, wall, threads,
                ManagementFactory.getRuntimeMXBean().getUptime() * 1e-3, processCpuSeconds());
    }

    /** CPU time (user + system) of this JVM so far, s; NaN where the platform does not say. */
    static double processCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() * 1e-9 : Double.NaN;
    }

    /**
     * The lag and rms spectra of {@link VarEnergyBench}'s ten bands from one pass over {@code file} (the core's
     * {@link VarEnergyPipeline}: every band and the reference transformed once per segment), written to
     * {@code output} as {@code {"lag": …, "rms": …}}; then the FFT-only time of the same transforms. One JSON line.
     */
    private static void varEnergy(int threads, Path output, Path file) throws Exception {
        long t0 = System.nanoTime();
        VarEnergyRequest request = VarEnergyBench.request(VarEnergyKind.LAG, 1);
        List<Path> files = List.of(file);
        JobPlan plan = VarEnergyPipeline.plan(request, files);
        VarEnergyAccumulator acc = new VarEnergyPipeline(PoolSettings.ofThreads(threads))
                .accumulate(VarEnergyPipeline.layout(request, plan), plan, files, ProgressListener.NONE);
        VarEnergyBench.write(output, acc.result(VarEnergyKind.LAG, Normalization.NONE),
                acc.result(VarEnergyKind.RMS, Normalization.FRAC));
        double wall = (System.nanoTime() - t0) * 1e-9;
        double uptimeAtDone = ManagementFactory.getRuntimeMXBean().getUptime() * 1e-3;
        int segments = (int) acc.segmentsSeen();
        int ffts = segments * VarEnergyBench.EDGES.length;     // ten bands and the reference per segment
        double fftOnly = fftOnly(plan.segment().nbin(), ffts, threads);
        System.out.printf(Locale.ROOT, "{\"segments\": %d, \"events\": %d, \"inner_wall_s\": %.4f, \"fft_only_s\": %.4f, "
                        + "\"ffts\": %d, \"threads\": %d, \"peak_heap_mb\": %.1f, \"peak_rss_mb\": %.1f, "
                        + "\"uptime_at_done_s\": %.4f, \"uptime_at_exit_s\": %.4f}%n",
                segments, rows(file), wall, fftOnly, ffts, threads, peakHeapMb(), peakRssMb(), uptimeAtDone,
                ManagementFactory.getRuntimeMXBean().getUptime() * 1e-3);
    }

    /**
     * The {@code manta} arguments of a benchmark run: {@code pds FILE} or {@code cpds FILE1 FILE2} with the
     * benchmark's dt, segment and Leahy normalisation, {@code --threads}, {@code -o OUTPUT --overwrite --quiet}.
     */
    static List<String> commandLine(String product, int threads, Path output, List<Path> files) {
        List<String> args = new ArrayList<>(List.of(product));
        files.forEach(f -> args.add(f.toString()));
        args.addAll(List.of("--dt", new BigDecimal(BenchmarkObservation.DT).toPlainString(),
                "--segment", new BigDecimal(BenchmarkObservation.SEGMENT).toPlainString(), "--norm", "leahy",
                "--threads", Integer.toString(threads), "-o", output.toString(), "--overwrite", "--quiet"));
        return args;
    }

    private static long rows(Path file) {
        try (EventFileReader r = EventFileReader.open(file)) {
            return r.rowCount();
        }
    }

    /** Wall time of {@code count} real FFTs of {@code n} points spread over {@code threads} threads. */
    static double fftOnly(int n, int count, int threads) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int share = count / threads + (t < count % threads ? 1 : 0);
            int seed = t;
            Thread thread = new Thread(() -> {
                RealFft fft = new RealFft(n);
                double[] x = new double[n];
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < n; i++) {
                    x[i] = random.nextInt(3);
                }
                double sink = 0;
                for (int k = 0; k < share; k++) {
                    sink += fft.forward(x)[2];
                }
                if (sink == 42.4242) {
                    System.out.print("");
                }
            });
            workers.add(thread);
            thread.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return (System.nanoTime() - t0) * 1e-9;
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }

    /** VmHWM of this process (Linux), MB; NaN elsewhere. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
