package org.manta.core.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EventList;
import org.manta.core.gti.Gti;

class DemoSimulationTest {
    /** Event counts are Poisson (σ ≈ 450 of 2·10⁵) plus the sample mean of the red noise; 2 % is > 5σ of both. */
    private static final double COUNT_TOLERANCE = 0.02;
    /** Phase of the noise-free curves: exact up to FFT rounding. */
    private static final double PHASE_TOLERANCE = 1e-9;
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
}
