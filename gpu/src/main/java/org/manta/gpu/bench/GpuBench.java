package org.manta.gpu.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.manta.core.io.EventFileReader;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.simulate.BenchmarkObservation;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.gpu.BatchAccumulator;
import org.manta.gpu.GpuSegmentEngine;

/**
 * The GPU measurement (docs/gpu.md, run by gpu/bench/gpu-bench.sh on a lent device): on the peers' benchmark
 * observation ({@link BenchmarkObservation}: 262144-bin segments of 64 s), segment spectra per second on the
 * GPU against one CPU core and all cores, from memory (the segments' events cut beforehand) and from the
 * FITS file (the averaged PDS as {@code manta pds} computes it); writes the histograms of one batch for
 * CuPy's FFT of the same batches (cupy_fft.py). Results go to a Markdown file.
 *
 * <p>Usage: {@code GpuBench WORK_DIR EVENTS RESULT.md}
 */
public final class GpuBench {
    private GpuBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long events = (long) Double.parseDouble(args[1]);
        Path result = Path.of(args[2]);
        Files.createDirectories(work);
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder md = new StringBuilder("# GPU benchmark\n\n");
        Path fits = work.resolve("bench.evt");
        long t0 = System.nanoTime();
        long written = BenchmarkObservation.write(fits, events, 42);
        line(md, "events written to %s: %d (%.1f s)", fits, written, secs(t0));

        JobRequest request = new JobRequest(SpectrumKind.PDS, BenchmarkObservation.DT, BenchmarkObservation.SEGMENT,
                Normalization.LEAHY, true, java.util.Optional.empty(), java.util.Optional.empty(), 1);
        JobPlan plan = EmbeddedPipeline.plan(request, List.of(fits));
        SegmentSpec spec = plan.segment();
        List<SegmentSlice> segments = cut(fits, plan);
        line(md, "segments: %d of %d bins; device: %s", segments.size(), spec.nbin(),
                engineDescription());
        md.append("\n| what | engine | segments | s | segments/s |\n|---|---|---|---|---|\n");

        try (GpuSegmentEngine gpu = GpuSegmentEngine.open()) {
            line(md, "(layout: %s)", gpu.layout(spec, SpectrumKind.PDS));
            for (int round = 0; round < 2; round++) {     // the first round warms up (JIT, PTX JIT, cuFFT plans)
                boolean report = round == 1;
                row(md, report, "from memory", "GPU", segments.size(), time(() -> gpuMemory(gpu, spec, segments)));
                row(md, report, "from memory", "CPU 1 core", segments.size(), time(() -> cpuMemory(spec, segments, 1)));
                row(md, report, "from memory", "CPU " + cores + " cores", segments.size(),
                        time(() -> cpuMemory(spec, segments, cores)));
                row(md, report, "PDS from FITS", "GPU", segments.size(), time(() -> pds(new EmbeddedPipeline(gpu, PoolSettings.defaults()), plan, fits)));
                row(md, report, "PDS from FITS", "CPU 1 core", segments.size(),
                        time(() -> pds(new EmbeddedPipeline(PoolSettings.ofThreads(1)), plan, fits)));
                row(md, report, "PDS from FITS", "CPU " + cores + " cores", segments.size(),
                        time(() -> pds(new EmbeddedPipeline(PoolSettings.ofThreads(cores)), plan, fits)));
            }
            AveragedPowerSpectrum g = pds(new EmbeddedPipeline(gpu, PoolSettings.defaults()), plan, fits);
            AveragedPowerSpectrum c = pds(new EmbeddedPipeline(PoolSettings.ofThreads(cores)), plan, fits);
            double worst = 0;
            double scale = 0;
            for (int j = 0; j < c.power().length; j++) {
                scale = Math.max(scale, Math.abs(c.power()[j]));
            }
            for (int j = 0; j < c.power().length; j++) {
                worst = Math.max(worst, Math.abs(c.power()[j] - g.power()[j]) / scale);
            }
            line(md, "\nGPU vs CPU PDS: m %d / %d, largest difference %.3g of the largest power", g.segments(),
                    c.segments(), worst);
        }
        writeCounts(work.resolve("counts.f64"), spec, segments, 256);
        Files.writeString(result, md.toString());
        System.out.print(md);
    }

    private static String engineDescription() {
        try (GpuSegmentEngine e = GpuSegmentEngine.open()) {
            return e.device().describe();
        }
    }

    private static List<SegmentSlice> cut(Path fits, JobPlan plan) {
        List<SegmentSlice> out = new ArrayList<>();
        try (EventFileReader reader = EventFileReader.open(fits)) {
            SegmentEventStream stream = new SegmentEventStream(c -> reader.nextTimes(c, null), reader.newChunk(),
                    plan.starts(0, plan.segmentCount()), plan.segment().segmentSize());
            while (stream.hasNext()) {
                SegmentSlice s = new SegmentSlice(1024);
                stream.next(s);
                out.add(s);
            }
        }
        return out;
    }

    private static PowerAccumulator gpuMemory(GpuSegmentEngine gpu, SegmentSpec spec, List<SegmentSlice> segments) {
        try (BatchAccumulator acc = new BatchAccumulator(gpu.device(), gpu.layout(spec, SpectrumKind.PDS), false,
                ProgressListener.NONE, segments.size())) {
            SegmentSlice[] one = new SegmentSlice[1];
            for (SegmentSlice s : segments) {
                one[0] = s;
                acc.add(one);
            }
            return acc.power();
        }
    }

    private static PowerAccumulator cpuMemory(SegmentSpec spec, List<SegmentSlice> segments, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<PowerAccumulator>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    SegmentKernel kernel = new SegmentKernel(spec);
                    PowerAccumulator acc = PowerAccumulator.commonMeanOnly(spec);
                    for (int i = first; i < segments.size(); i += threads) {
                        kernel.add(acc, segments.get(i));
                    }
                    return acc;
                }));
            }
            PowerAccumulator acc = parts.get(0).get();
            for (int t = 1; t < threads; t++) {
                acc.combine(parts.get(t).get());
            }
            return acc;
        } finally {
            pool.shutdown();
        }
    }

    private static AveragedPowerSpectrum pds(EmbeddedPipeline pipeline, JobPlan plan, Path fits) {
        return pipeline.powerSpectrum(plan, List.of(fits), ProgressListener.NONE);
    }

    /** The histograms of the first {@code batch} segments, little-endian doubles, row after row, for CuPy. */
    private static void writeCounts(Path file, SegmentSpec spec, List<SegmentSlice> segments, int batch)
            throws IOException {
        double[] counts = new double[spec.nbin()];
        ByteBuffer buf = ByteBuffer.allocate(spec.nbin() * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < Math.min(batch, segments.size()); i++) {
                SegmentSlice s = segments.get(i);
                Histogram.countSegment(s.times, 0, s.count, s.start, spec, counts);
                buf.clear();
                buf.asDoubleBuffer().put(counts);
                out.write(buf.array());
            }
        }
    }

    interface Work {
        Object run() throws Exception;
    }

    private static double time(Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void row(StringBuilder md, boolean report, String what, String engine, int segments, double s) {
        if (report) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.1f |%n", what, engine, segments, s,
                    segments / s));
        }
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
