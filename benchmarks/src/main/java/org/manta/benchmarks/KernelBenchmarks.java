package org.manta.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.manta.core.events.Mjdref;
import org.manta.core.fourier.FourierKernels;
import org.manta.core.fourier.RealFft;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.EventFileWriter;
import org.manta.core.segment.BinEdges;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot kernels of one benchmark-setting segment (dt = 1/4096 s, 64 s: N = 262144 bins, about 87k
 * events, as 1e8 events over 1150 segments): event histogram, real FFT, power and cross accumulation,
 * and FITS row decoding. Run: {@code java -jar benchmarks/target/benchmarks.jar} (add {@code -f 1 -wi 3 -i 5}
 * for a quick look, {@code -rf json -rff jmh.json} to keep the numbers).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmarks {
    @Param({"262144"})
    public int nbin;

    @Param({"87000"})
    public int eventsPerSegment;

    private SegmentSpec spec;
    private double[] times;
    private double[] counts;
    private double[] counts2;
    private RealFft fft;
    private double[] packed1;
    private double[] packed2;
    private double[] sumP;
    private double[] sumPw;
    private double[] sumPw2;
    private BinEdges edges;
    private double[] sumRe;
    private double[] sumIm;
    private double[] sumP1;
    private double[] sumP2;
    private Path file;
    private EventFileReader reader;
    private EventChunk chunk;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        spec = SegmentSpec.of(1.0 / 4096, nbin / 4096.0);
        edges = BinEdges.of(spec);
        SplittableRandom random = new SplittableRandom(42);
        times = new double[eventsPerSegment];
        for (int i = 0; i < times.length; i++) {
            times[i] = 1000 + random.nextDouble() * spec.segmentSize();
        }
        Arrays.sort(times);
        counts = new double[nbin];
        counts2 = new double[nbin];
        Histogram.countSegment(times, 0, times.length, 1000, spec, counts);
        fft = new RealFft(nbin);
        packed1 = fft.forward(counts).clone();
        packed2 = fft.forward(counts).clone();
        int nf = spec.nFreq();
        sumP = new double[nf];
        sumPw = new double[nf];
        sumPw2 = new double[nf];
        sumRe = new double[nf];
        sumIm = new double[nf];
        sumP1 = new double[nf];
        sumP2 = new double[nf];

        file = Files.createTempFile("manta-jmh", ".evt");
        try (EventFileWriter w = EventFileWriter.create(file, EventFileWriter.Options.of("NICER", "XTI",
                new Mjdref(56658, 0), "TT", 0, false))) {
            int[] pi = new int[times.length];
            w.write(times, pi, null, 0, times.length);
            w.finish(GtiList.of(new double[] {1000}, new double[] {1000 + spec.segmentSize()}));
        }
        chunk = new EventChunk(EventChunk.DEFAULT_CAPACITY);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (reader != null) {
            reader.close();
        }
        Files.deleteIfExists(file);
    }

    /** Events of one segment → counts (numpy bin rule), including zeroing the N bins: the kernels' form. */
    @Benchmark
    public int histogram() {
        return Histogram.countSegment(times, 0, times.length, 1000, edges, counts2);
    }

    /** One real FFT of N points (JTransforms, one thread), in place. */
    @Benchmark
    public double realFft() {
        System.arraycopy(counts, 0, counts2, 0, nbin);
        fft.forward(counts2, counts2);
        return counts2[2];
    }

    /** |X|² of the positive frequencies into the three running sums of a power accumulator. */
    @Benchmark
    public double powerAccumulation() {
        FourierKernels.accumulatePower(packed1, nbin, 1.0 / 87000, sumP, sumPw, sumPw2);
        return sumP[0];
    }

    /** X1*·X2 and both powers into the sums of a cross accumulator. */
    @Benchmark
    public double crossAccumulation() {
        FourierKernels.accumulateCross(packed1, packed2, nbin, sumRe, sumIm, sumP1, sumP2);
        return sumRe[0];
    }

    /** Decoding all rows (TIME, PI) of a plain event file in 65536-row blocks (page cache warm). */
    @Benchmark
    public long fitsRowDecoding() {
        long n = 0;
        try (EventFileReader r = EventFileReader.open(file)) {
            while (r.next(chunk, null)) {
                n += chunk.size;
            }
        }
        return n;
    }
}
