package org.manta.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.Gti;
import org.manta.core.simulate.DemoConfig;
import org.manta.core.simulate.DemoSimulation;
import org.manta.core.simulate.DemoTruth;

class SpectralFeaturesTest {
    private static final double DF = 1.0 / 16;
    /**
     * The centroid of a QPO spread over ~5 bins with 25 % scatter each (m = 16) scatters by 0.025 Hz (measured
     * over 1000 seeds of this spectrum); 3σ, a quarter of the 0.3 Hz FWHM.
     */
    private static final double FREQ_TOLERANCE = 0.3 / 4;
    /** The QPO (FWHM 0.3 Hz) centroid from 16 averaged segments: well within a third of the FWHM. */
    private static final double QPO_TOLERANCE = 0.1;
    /** Lag from Poisson events, ~10 frequency bins × 16 segments around the QPO: error of order 0.5-1 ms. */
    private static final double LAG_TOLERANCE = 2e-3;

    /**
     * An averaged Leahy spectrum: Poisson level 2 + red noise + a Lorentzian QPO at {@code f0} (Q = 10), each
     * bin scattered as the mean of {@code m} exponentials (χ²₂ₘ/2m), as an average of m periodograms would be.
     */
    private static double[][] spectrum(double f0, double amplitude, int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2047;
        double[] f = new double[n];
        double[] p = new double[n];
        double hw = f0 / 10 / 2;
        for (int i = 0; i < n; i++) {
            f[i] = (i + 1) * DF;
            double model = 2 + 20 / (1 + (f[i] / 0.5) * (f[i] / 0.5))
                    + amplitude * hw * hw / ((f[i] - f0) * (f[i] - f0) + hw * hw);
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += -Math.log(1 - rng.nextDouble());
            }
            p[i] = model * s / m;
        }
        return new double[][] {f, p};
    }

    @Test
    void findsTheQpoOnRedNoise() {
        for (long seed = 1; seed <= 20; seed++) {
            double[][] s = spectrum(3.0, 8, 16, seed);
            SpectralFeatures.QpoEstimate q = SpectralFeatures.findQpo(s[0], s[1], 0.5, 50);
            assertEquals(3.0, q.frequency(), FREQ_TOLERANCE, "seed " + seed);
            assertTrue(q.fwhm() > 0 && q.fwhm() < 1.5, "fwhm " + q.fwhm());
            assertTrue(q.peakExcess() > 0);
            assertEquals(s[0][q.peakIndex()], q.frequency(), 0.5);
        }
    }

    @Test
    void findsAHighFrequencyQpoToo() {
        double[][] s = spectrum(17.0, 6, 32, 11);
        assertEquals(17.0, SpectralFeatures.findQpo(s[0], s[1], 0.5, 100).frequency(), 17.0 / 10 / 2);
    }

    @Test
    void toleratesNanAndRejectsEmptyBands() {
        double[][] s = spectrum(3.0, 8, 16, 3);
        s[1][40] = Double.NaN;
        assertEquals(3.0, SpectralFeatures.findQpo(s[0], s[1], 0.5, 50).frequency(), FREQ_TOLERANCE);
        assertThrows(NoDataException.class, () -> SpectralFeatures.findQpo(s[0], s[1], 500, 600));
    }

    @Test
    void weightedMeanByHand() {
        double[] f = {1, 2, 3, 4, 5};
        double[] y = {1, 4, 100, Double.NaN, 7};
        double[] e = {1, 2, 1, 1, 0};
        // bins 1 and 2 only (3 is outside the band, 4 is NaN, 5 has no valid error):
        // w = 1, 1/4 -> mean (1 + 4/4)/(1.25) = 1.6, error 1/sqrt(1.25)
        SpectralFeatures.WeightedMean m = SpectralFeatures.weightedMean(f, y, e, 0.5, 2.5);
        assertEquals(1.6, m.value(), 1e-15);
        assertEquals(1 / Math.sqrt(1.25), m.error(), 1e-15);
        assertEquals(2, m.count());
        SpectralFeatures.WeightedMean all = SpectralFeatures.weightedMean(f, y, e, 0, 10);
        assertEquals((1 + 1 + 100) / 2.25, all.value(), 1e-13);
        assertEquals(3, all.count());
        assertThrows(NoDataException.class, () -> SpectralFeatures.weightedMean(f, y, e, 3.5, 5.5));
    }

    @Test
    void weightedMeanOfSyntheticLags() {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 400;
        double[] f = new double[n];
        double[] lag = new double[n];
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i + 1) * DF;
            err[i] = 0.002 * (1 + i % 7);
            lag[i] = 0.005 + err[i] * rng.nextGaussian();
        }
        SpectralFeatures.WeightedMean m = SpectralFeatures.weightedMean(f, lag, err, 1, 20);
        assertEquals(0.005, m.value(), 5 * m.error(), "within 5σ of the truth");
        assertTrue(m.error() < 0.0005, "error " + m.error());
    }

    @Test
    void reportLine() {
        DemoTruth truth = new DemoTruth(3.0, 10, 0.25, 0.2, 0.005, EnergyBand.energy(0.5, 3), EnergyBand.energy(3, 10), 1, 1);
        String line = SpectralFeatures.report(new SpectralFeatures.QpoEstimate(3.0123, 0.3, 10, 48),
                new SpectralFeatures.WeightedMean(0.00481, 0.00062, 20), truth);
        assertEquals("QPO found at 3.01 Hz (simulated 3.00 Hz); hard lag 4.8 ± 0.6 ms (simulated 5.00 ms)", line);
        double[] band = SpectralFeatures.qpoBand(new SpectralFeatures.QpoEstimate(3.0, 0.4, 1, 1));
        assertEquals(2.6, band[0], 1e-12);
        assertEquals(3.4, band[1], 1e-12);
    }

    /**
     * An independent, minimal averaged analysis of the simulated events (16 s segments of 1/256 s inside the
     * GTIs, JTransforms FFT): the Leahy power spectrum of all events and the hard-vs-soft cross spectrum. The
     * demo's estimators must find the simulated QPO and lag in them, with the reference-file sign convention.
     */
    @Test
    void findsTheQpoAndLagOfTheDemoSimulationWithTheRightSign() {
        double dt = 1.0 / 256;
        int nbin = 4096;
        double segment = nbin * dt;
        DemoConfig config = DemoConfig.defaults(1);
        EventList ev = DemoSimulation.simulate(config).events();
        DoubleFFT_1D fft = new DoubleFFT_1D(nbin);
        int nf = nbin / 2 - 1;
        double[] freq = new double[nf];
        double[] leahy = new double[nf];
        double[] cre = new double[nf];
        double[] cim = new double[nf];
        int m = 0;
        for (Gti g : ev.gti().intervals()) {
            for (double t0 = g.start(); t0 + segment <= g.stop(); t0 += segment) {
                double[] hard = new double[nbin];
                double[] soft = new double[nbin];
                double[] all = new double[nbin];
                int nph = 0;
                for (int i = 0; i < ev.size(); i++) {
                    double t = ev.time()[i];
                    if (t >= t0 && t < t0 + segment) {
                        int b = (int) ((t - t0) / dt);
                        (config.hard().contains(ev.energy()[i]) ? hard : soft)[b]++;
                        all[b]++;
                        nph++;
                    }
                }
                fft.realForward(hard);
                fft.realForward(soft);
                fft.realForward(all);
                for (int k = 1; k <= nf; k++) {
                    double hr = hard[2 * k];
                    double hi = hard[2 * k + 1];
                    double sr = soft[2 * k];
                    double si = soft[2 * k + 1];
                    cre[k - 1] += hr * sr + hi * si;     // conj(X_hard) X_soft
                    cim[k - 1] += hr * si - hi * sr;
                    leahy[k - 1] += 2 * (all[2 * k] * all[2 * k] + all[2 * k + 1] * all[2 * k + 1]) / nph;
                }
                m++;
            }
        }
        for (int k = 0; k < nf; k++) {
            freq[k] = (k + 1) / segment;
            leahy[k] /= m;
        }
        SpectralFeatures.QpoEstimate qpo = SpectralFeatures.findQpo(freq, leahy, 0.5, 50);
        assertEquals(config.qpoFrequency(), qpo.frequency(), QPO_TOLERANCE);

        double[] band = SpectralFeatures.qpoBand(qpo);
        double sre = 0;
        double sim = 0;
        for (int k = 0; k < nf; k++) {
            if (freq[k] >= band[0] && freq[k] <= band[1]) {
                sre += cre[k];
                sim += cim[k];
            }
        }
        double lag = Math.atan2(sim, sre) / (2 * Math.PI * qpo.frequency());
        assertEquals(config.hardLag(), lag, LAG_TOLERANCE);
    }
}
