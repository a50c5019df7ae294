package org.manta.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EventList;
import org.manta.core.gti.Gti;

class DemoSimulationTest {
    /** Event counts are Poisson (σ ≈ 450 of 2·10⁵) plus the sample mean of the red noise; 2 % is > 5σ of both. */
    private static final double COUNT_TOLERANCE = 0.02;
    /** Phase of the noise-free curves: exact up to FFT rounding. */
    private static final double PHASE_TOLERANCE = 1e-9;
    /** Lag from Poisson events, ~10 frequency bins × 16 segments around the QPO: error of order 0.5-1 ms. */
    private static final double LAG_TOLERANCE = 2e-3;
    /** The QPO (FWHM 0.3 Hz) centroid from 16 averaged segments: well within a third of the FWHM. */
    private static final double QPO_TOLERANCE = 0.1;
    /** rms of one realisation over the observed window scatters around the model value. */
    private static final double RMS_TOLERANCE = 0.15;

    private static DemoConfig config;
    private static SimulatedObservation sim;

    @BeforeAll
    static void simulate() {
        config = DemoConfig.defaults(1);
        sim = DemoSimulation.simulate(config);
    }

    @Test
    void eventCountsMatchRateTimesExposure() {
        double exposure = config.gti().exposure();
        DemoTruth t = sim.truth();
        assertEquals(config.softRate() * exposure, t.softEvents(), COUNT_TOLERANCE * config.softRate() * exposure);
        assertEquals(config.hardRate() * exposure, t.hardEvents(), COUNT_TOLERANCE * config.hardRate() * exposure);
        assertEquals(t.softEvents() + t.hardEvents(), sim.events().size());
    }

    @Test
    void timesSortedAndInsideGtis() {
        EventList ev = sim.events();
        double[] time = ev.time();
        for (int i = 1; i < time.length; i++) {
            assertTrue(time[i] >= time[i - 1], "unsorted at " + i);
        }
        for (double t : time) {
            boolean inside = false;
            for (Gti g : ev.gti().intervals()) {
                inside |= t >= g.start() && t < g.stop();
            }
            assertTrue(inside, "event at " + t + " outside the GTIs " + ev.gti());
        }
        assertEquals(config.gti(), ev.gti());
    }

    @Test
    void energiesInTheirBandsAndPiFromTheNustarCalibration() {
        EventList ev = sim.events();
        assertTrue(ev.hasEnergy() && ev.hasPi());
        int soft = 0;
        int hard = 0;
        for (int i = 0; i < ev.size(); i++) {
            double e = ev.energy()[i];
            if (config.soft().contains(e)) {
                soft++;
            } else if (config.hard().contains(e)) {
                hard++;
            } else {
                throw new AssertionError("energy " + e + " in neither band");
            }
            assertEquals(Math.round((e - 1.62) / 0.04), ev.pi()[i]);
        }
        assertEquals(sim.truth().softEvents(), soft);
        assertEquals(sim.truth().hardEvents(), hard);
    }

    @Test
    void deterministicForASeed() {
        SimulatedObservation again = DemoSimulation.simulate(DemoConfig.defaults(1));
        assertArrayEquals(sim.events().time(), again.events().time());
        assertArrayEquals(sim.events().energy(), again.events().energy());
        SimulatedObservation other = DemoSimulation.simulate(DemoConfig.defaults(2));
        assertFalse(Arrays.equals(sim.events().time(), other.events().time()));
    }

    /** Naive DFT at frequency index k of a real series: {@code Σ x_j e^{-2πijk/n}} as {re, im}. */
    private static double[] dft(double[] x, int k) {
        double re = 0;
        double im = 0;
        for (int j = 0; j < x.length; j++) {
            double a = -2 * Math.PI * ((long) j * k % x.length) / x.length;
            re += x[j] * Math.cos(a);
            im += x[j] * Math.sin(a);
        }
        return new double[] {re, im};
    }

    @Test
    void hardCurveIsTheSoftCurveDelayedByTheLag() {
        int n = 1 << 16;   // a short grid: 32 s of 1/2048 s, one full (uncut) realisation
        double[][] x = DemoSimulation.variability(config, n, new SplittableRandom(5));
        double df = 1.0 / (n * config.fineDt());
        for (int k : new int[] {17, 96, 250, 1000}) {   // 0.53, 3, 7.8, 31 Hz
            double[] s = dft(x[0], k);
            double[] h = dft(x[1], k);
            // C = conj(X_hard) X_soft; its phase is +2π f τ when hard lags soft (reference-file convention)
            double cre = h[0] * s[0] + h[1] * s[1];
            double cim = h[0] * s[1] - h[1] * s[0];
            double expected = 2 * Math.PI * k * df * config.hardLag();
            assertEquals(expected, Math.atan2(cim, cre), PHASE_TOLERANCE, "k = " + k);
        }
    }

    @Test
    void variabilityHasTheRequestedRms() {
        int nBins = (int) Math.round((config.gti().stop() - config.gti().start()) / config.fineDt());
        double[] x = DemoSimulation.variability(config, nBins, new SplittableRandom(9))[0];
        double sum = 0;
        double sum2 = 0;
        for (double v : x) {
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / x.length;
        double rms = Math.sqrt(sum2 / x.length - mean * mean);
        assertEquals(config.totalRms(), rms, RMS_TOLERANCE * config.totalRms());
    }

    /**
     * An independent, minimal averaged analysis of the simulated events (16 s segments of 1/256 s inside the
     * GTIs, JTransforms FFT): the Leahy power spectrum of all events and the hard-vs-soft cross spectrum. The
     * demo's estimators must find the simulated QPO and lag in them, with the reference-file sign convention.
     */
    @Test
    void qpoAndLagRecoveredFromTheEventsWithTheRightSign() {
        double dt = 1.0 / 256;
        int nbin = 4096;
        double segment = nbin * dt;
        EventList ev = sim.events();
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
