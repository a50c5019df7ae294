package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.stats.Significance;

/**
 * Under pure Poisson noise the p-values of powers and cospectra are uniform on [0, 1] (science.md §16), for
 * single and averaged spectra; and a detection level is exceeded with its false-alarm probability.
 */
class SignificanceInvariantsTest {
    /** A Kolmogorov–Smirnov p-value below this rejects uniformity (fixed seeds: the test is deterministic). */
    static final double KS_REJECT = 1e-3;
    /** Standard deviations allowed for a binomial count. */
    static final double SIGMAS = 5;
    private static final double LENGTH = 1024;
    private static final GtiList GTI = GtiList.of(java.util.List.of(new Gti(0, LENGTH)));

    @Test
    void powerSpectrumPvaluesAreUniformUnderNoise() {
        double[] times = SpectralInvariantsTest.poissonEvents(50, LENGTH, 11);
        for (double segment : new double[] {LENGTH, 32}) {
            AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(times, GTI, SegmentSpec.of(1.0 / 64, segment),
                    Normalization.LEAHY, true);
            assertUniform("pds p-values, M = " + ps.segments(), ps.pValues(1));
        }
    }

    @Test
    void cospectraPvaluesAreUniformUnderNoise() {
        double[] subject = SpectralInvariantsTest.poissonEvents(50, LENGTH, 12);
        double[] reference = SpectralInvariantsTest.poissonEvents(50, LENGTH, 13);
        // M = 1 (Laplace), M = 16 (Huppenkothen & Bachetti sum), M = 128 (Gaussian)
        for (double segment : new double[] {LENGTH, 64, 8}) {
            AveragedCrossSpectrum cs = Spectra.averagedCrossSpectrum(subject, reference, GTI,
                    SegmentSpec.of(1.0 / 64, segment), Normalization.LEAHY);
            assertUniform("cospectra p-values, M = " + cs.segments(), cs.classicalSignificances(2, false).pValue());
        }
    }

    @Test
    void detectionLevelIsExceededWithItsFalseAlarmProbability() {
        double[] times = SpectralInvariantsTest.poissonEvents(50, LENGTH, 14);
        AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(times, GTI, SegmentSpec.of(1.0 / 256, 16),
                Normalization.LEAHY, true);
        double epsilon = 0.01;
        double level = ps.detectionLevel(epsilon, 1)[0];
        assertEquals(epsilon, Significance.pdsProbability(level, 1, ps.segments(), 1), 1e-12, "level is the inverse");
        long above = java.util.Arrays.stream(ps.power()).filter(p -> p > level).count();
        int n = ps.power().length;
        double sigma = Math.sqrt(n * epsilon * (1 - epsilon));
        assertEquals(n * epsilon, above, SIGMAS * sigma, "powers above the 1% level out of " + n);
    }

    @Test
    void cospectralDetectionLevelIsExceededWithItsFalseAlarmProbability() {
        double[] subject = SpectralInvariantsTest.poissonEvents(50, LENGTH, 15);
        double[] reference = SpectralInvariantsTest.poissonEvents(50, LENGTH, 16);
        double epsilon = 0.01;
        // M = 1 (Laplace), M = 4 (Huppenkothen & Bachetti sum), M = 64 (Gaussian)
        for (double segment : new double[] {LENGTH, 256, 16}) {
            AveragedCrossSpectrum cs = Spectra.averagedCrossSpectrum(subject, reference, GTI,
                    SegmentSpec.of(1.0 / 256, segment), Normalization.LEAHY);
            double level = cs.cospectraDetectionLevel(epsilon, 1)[0];
            assertEquals(epsilon, Significance.cospectraPvalue(level, cs.segments()), 1e-12, "level is the inverse");
            long above = java.util.Arrays.stream(cs.power().re()).filter(p -> p > level).count();
            int n = cs.freq().length;
            double sigma = Math.sqrt(n * epsilon * (1 - epsilon));
            assertEquals(n * epsilon, above, SIGMAS * sigma, "cospectra above the 1% level out of " + n + ", M = "
                    + cs.segments());
        }
    }

    @Test
    void cospectraSignificanceDoesNotDependOnTheNormalisation() {
        double[] subject = SpectralInvariantsTest.poissonEvents(50, LENGTH, 17);
        double[] reference = SpectralInvariantsTest.poissonEvents(50, LENGTH, 18);
        SegmentSpec spec = SegmentSpec.of(1.0 / 64, 64);
        AveragedCrossSpectrum leahy = Spectra.averagedCrossSpectrum(subject, reference, GTI, spec, Normalization.LEAHY);
        AveragedCrossSpectrum frac = Spectra.averagedCrossSpectrum(subject, reference, GTI, spec, Normalization.FRAC);
        double[] pLeahy = leahy.cospectraPValues(leahy.freq().length);
        double[] pFrac = frac.cospectraPValues(frac.freq().length);
        for (int j = 0; j < pLeahy.length; j++) {
            assertEquals(pLeahy[j], pFrac[j], 1e-12 * Math.max(pLeahy[j], 1e-300), "p-value of bin " + j);
        }
        double levelLeahy = leahy.cospectraDetectionLevel(0.01, 100)[0];
        double levelFrac = frac.cospectraDetectionLevel(0.01, 100)[0];
        assertEquals(levelLeahy / leahy.power().re()[3] * frac.power().re()[3], levelFrac, 1e-9 * Math.abs(levelFrac),
                "the frac level is the Leahy level scaled as the powers");
    }

    private static void assertUniform(String what, double[] p) {
        double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), p);
        System.out.printf(java.util.Locale.ROOT, "KS %s: %d values, p = %.3g%n", what, p.length, ks);
        assertTrue(ks > KS_REJECT, what + ": Kolmogorov-Smirnov p = " + ks + " rejects uniformity");
    }
}
