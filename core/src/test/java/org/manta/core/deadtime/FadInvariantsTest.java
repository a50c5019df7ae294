package org.manta.core.deadtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manta.core.fourier.RealFft;
import org.manta.core.io.Refs;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;

/**
 * What the FAD correction must do, checked on the simulated detectors (incident 300 ct/s each with a 5 Hz
 * sinusoid of 20 %, 2.5 ms non-paralyzable dead time, 64 segments of 8 s): the corrected power spectra are
 * white at the Poisson level, the uncorrected one is not (it follows the Zhang et al. model), and the
 * normalisations are the per-segment ones.
 */
class FadInvariantsTest {
    /** Standard deviations allowed for a mean of averaged Leahy powers (each has σ = 2/√M). */
    static final double SIGMAS = 5;
    /** Frequency bins averaged per block when judging flatness. */
    static final int BLOCK = 128;
    /** The simulated sinusoid, Hz, and its first harmonic (dead time is non-linear): excluded from noise checks. */
    static final double[] SIGNAL_HZ = {5.0, 10.0};
    static final double DEAD_TIME = 2.5e-3;

    static FadSpectrum leahy;

    @BeforeAll
    static void compute() {
        List<Path> files = List.of(Refs.data("sim_fad_det1.evt"), Refs.data("sim_fad_det2.evt"));
        JobRequest request = new JobRequest(SpectrumKind.CPDS, 1.0 / 512, 8.0, Normalization.LEAHY, true,
                Optional.empty(), Optional.empty(), 2);
        JobPlan plan = EmbeddedPipeline.plan(request, files);
        leahy = new EmbeddedPipeline(PoolSettings.ofThreads(2)).fad(plan, files, FadSmoothing.GAUSS,
                FadAccumulator.defaultSmoothingLength(plan.segment()), FadAccumulator.DEFAULT_TOLERANCE,
                ProgressListener.NONE);
    }

    private static boolean isSignal(double f, double df) {
        for (double s : SIGNAL_HZ) {
            if (Math.abs(f - s) <= 1.5 * df) {
                return true;
            }
        }
        return false;
    }

    /** Mean of {@code power} over noise bins {@code [from, to)}, and how many bins it used. */
    private static double[] blockMean(double[] power, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int j = from; j < to; j++) {
            if (!isSignal(leahy.freq()[j], leahy.df())) {
                sum += power[j];
                count++;
            }
        }
        return new double[] {sum / count, count};
    }

    /**
     * The Poisson level the FAD gives: 2 divided by an estimated W, and {@code E[1/Ŵ] ≈ (1 + 2/N_eff)/W}
     * for a Gaussian-weighted mean of χ²₁ values ({@code Re(D)²}) over {@code N_eff = 1/Σw_k²} bins: the
     * known small upward bias of the correction (2.4 % for σ = 24 bins).
     */
    static double expectedCorrectedLevel(double smoothingLength) {
        double[] half = GaussianFilter.halfKernel(smoothingLength);
        double sumSquares = half[0] * half[0];
        for (int k = 1; k < half.length; k++) {
            sumSquares += 2 * half[k] * half[k];
        }
        return 2 * (1 + 2 * sumSquares);
    }

    @Test
    void correctedSpectraAreWhiteAtThePoissonLevel() {
        double perBin = 2 / Math.sqrt(leahy.segments());
        int nFreq = leahy.freq().length;
        double level = expectedCorrectedLevel(leahy.smoothingLength());
        for (String name : List.of("pds1", "pds2", "ptot")) {
            double[] p = switch (name) {
                case "pds1" -> leahy.pds1();
                case "pds2" -> leahy.pds2();
                default -> leahy.ptot();
            };
            double[] all = blockMean(p, 0, nFreq);
            System.out.printf(Locale.ROOT, "FAD %s mean %.4f, expected %.4f (sigma %.4f)%n", name, all[0], level,
                    perBin / Math.sqrt(all[1]));
            assertEquals(level, all[0], SIGMAS * perBin / Math.sqrt(all[1]), name + ": the Poisson level");
            for (int from = 0; from < nFreq; from += BLOCK) {
                double[] m = blockMean(p, from, Math.min(nFreq, from + BLOCK));
                double sigma = perBin / Math.sqrt(m[1]);
                System.out.printf(Locale.ROOT, "FAD %s block at %.1f Hz: %.4f (sigma %.4f)%n", name,
                        leahy.freq()[from], m[0], sigma);
                assertEquals(all[0], m[0], SIGMAS * sigma, name + " is flat: block from " + leahy.freq()[from] + " Hz");
            }
        }
    }

    @Test
    void uncorrectedSpectrumIsNotWhiteAndFollowsTheZhangModel() {
        double perBin = 2 / Math.sqrt(leahy.segments());
        int nFreq = leahy.freq().length;
        double detectedRate = leahy.nphots() / 2 / leahy.segmentSize();
        double[] model = DeadTimeModel.nonParalyzable(leahy.freq(), DEAD_TIME, detectedRate, leahy.dt(),
                DeadTimeModel.MODEL_LIMIT_K, 0, 0);
        double[] lowest = blockMean(leahy.ptotUncorrected(), 0, BLOCK);
        double sigma = perBin / Math.sqrt(lowest[1]);
        assertTrue(2.0 - lowest[0] > 20 * sigma, "dead time suppresses the uncorrected low-frequency power: " + lowest[0]);
        for (int from = 0; from < nFreq; from += BLOCK) {
            int to = Math.min(nFreq, from + BLOCK);
            double[] data = blockMean(leahy.ptotUncorrected(), from, to);
            double[] expected = blockMean(model, from, to);
            double s = perBin * expected[0] / 2 / Math.sqrt(data[1]);
            System.out.printf(Locale.ROOT, "UNCORRECTED block at %.1f Hz: %.4f, Zhang %.4f (sigma %.4f)%n",
                    leahy.freq()[from], data[0], expected[0], s);
            assertEquals(expected[0], data[0], SIGMAS * s, "uncorrected from " + leahy.freq()[from] + " Hz");
        }
    }

    @Test
    void crossSpectrumHasNoNoiseButTheCommonSignal() {
        double perBin = 2 / Math.sqrt(leahy.segments());
        double[] re = leahy.cs().re();
        double[] m = blockMean(re, 0, re.length);
        // Re C of independent noise: mean 0, σ of one bin about √(P1·P2/2M) ≈ 2/√(2M)
        assertEquals(0.0, m[0], SIGMAS * perBin / Math.sqrt(2 * m[1]), "mean co-spectrum of the noise");
        int at5Hz = (int) Math.round(5.0 / leahy.df()) - 1;
        assertTrue(re[at5Hz] > 100 * perBin, "the 5 Hz signal common to both detectors: " + re[at5Hz]);
    }

    @Test
    void normalisationsArePerSegment() {
        SegmentSpec spec = new SegmentSpec(0.01, 128, 1.28);
        FadAccumulator acc = new FadAccumulator(spec, FadSmoothing.GAUSS, 4.0);
        RealFft fft = new RealFft(spec.nbin());
        SplittableRandom r = new SplittableRandom(5);
        double[][] nph = new double[2][2];
        for (int s = 0; s < 2; s++) {
            double[] c1 = new double[spec.nbin()];
            double[] c2 = new double[spec.nbin()];
            for (int i = 0; i < spec.nbin(); i++) {
                c1[i] = r.nextInt(3 + 10 * s);
                c2[i] = r.nextInt(5);
                nph[s][0] += c1[i];
                nph[s][1] += c2[i];
            }
            acc.add(s, c1, c2, fft);
        }
        // a one-segment accumulator per segment gives each segment's own normalised values
        FadSpectrum both = acc.result(Normalization.LEAHY);
        FadSpectrum frac = acc.result(Normalization.FRAC);
        FadSpectrum abs = acc.result(Normalization.ABS);
        FadSpectrum none = acc.result(Normalization.NONE);
        int n = spec.nbin();
        double dt = spec.dt();
        for (int j = 0; j < both.freq().length; j++) {
            assertEquals(none.pds1Unnorm()[j], none.pds1()[j], 0.0, "none is the unnormalised power");
            assertEquals(abs.ptotUnnorm()[j] * 2 / n / dt, abs.ptot()[j], 1e-12 * abs.ptot()[j], "abs");
        }
        // with two segments of different counts, the leahy average weighs each by its own 2/N_ph: check
        // against a direct recomputation from one-segment accumulators
        FadSpectrum[] single = new FadSpectrum[2];
        SplittableRandom again = new SplittableRandom(5);
        for (int s = 0; s < 2; s++) {
            FadAccumulator one = new FadAccumulator(spec, FadSmoothing.GAUSS, 4.0);
            double[] c1 = new double[spec.nbin()];
            double[] c2 = new double[spec.nbin()];
            for (int i = 0; i < spec.nbin(); i++) {
                c1[i] = again.nextInt(3 + 10 * s);
                c2[i] = again.nextInt(5);
            }
            one.add(s, c1, c2, fft);
            single[s] = one.result(Normalization.NONE);
        }
        for (int j = 0; j < both.freq().length; j++) {
            double leahy1 = (single[0].pds1()[j] * 2 / nph[0][0] + single[1].pds1()[j] * 2 / nph[1][0]) / 2;
            assertEquals(leahy1, both.pds1()[j], 1e-12 * leahy1, "leahy pds1 at " + j);
            double fracTot = (single[0].ptot()[j] * 2 * dt * n / Math.pow(nph[0][0] + nph[0][1], 2)
                    + single[1].ptot()[j] * 2 * dt * n / Math.pow(nph[1][0] + nph[1][1], 2)) / 2;
            assertEquals(fracTot, frac.ptot()[j], 1e-12 * fracTot, "frac ptot at " + j);
            double leahyCs = (single[0].cs().re()[j] * 2 / Math.sqrt(nph[0][0] * nph[0][1])
                    + single[1].cs().re()[j] * 2 / Math.sqrt(nph[1][0] * nph[1][1])) / 2;
            assertEquals(leahyCs, both.cs().re()[j], 1e-12 * Math.abs(both.pds1()[j] + both.pds2()[j]), "leahy cs at " + j);
        }
    }
}
