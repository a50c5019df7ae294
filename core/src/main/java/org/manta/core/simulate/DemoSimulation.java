package org.manta.core.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/**
 * Simulates the demo observation (deterministic for a given seed):
 * <ol>
 *   <li>a zero-mean variability curve {@code x(t)} on a grid of {@code fineDt} with the method of Timmer &amp;
 *       König (1995, A&amp;A 300, 707): for each Fourier frequency draw real and imaginary parts from
 *       N(0, S(f)) for the power spectral density
 *       {@code S(f) = r_red² L(f; 0, 2·break) + r_qpo² L(f; ν₀, ν₀/Q)}, with each Lorentzian
 *       {@code L(f; ν, Δ) ∝ (Δ/2π) / ((f-ν)² + (Δ/2)²)} scaled (by Parseval) to unit variance, then inverse FFT;
 *       the grid is a power of two at least as long as the observation, so the circular
 *       realisation is cut rather than wrapped onto itself;</li>
 *   <li>the hard band's curve is the same realisation delayed by {@code hardLag}: each Fourier coefficient is
 *       multiplied by {@code exp(-2πi f τ)} (an exact sub-bin shift), so the cross spectrum
 *       {@code X_hard* X_soft} has phase {@code +2π f τ};</li>
 *   <li>count rates {@code r_b(t) = rate_b · max(0, 1 + x(t))};</li>
 *   <li>non-homogeneous Poisson events: for each grid bin (clipped to the GTIs) draw
 *       {@code Poisson(r_b · overlap)} counts and place them uniformly within the bin;</li>
 *   <li>energies uniform within each band, {@code PI = round((E - 1.62)/0.04)} (the NuSTAR conversion; soft
 *       events below 1.62 keV get negative PI).</li>
 * </ol>
 * About 2·10⁵ events and well under a second with {@link DemoConfig#defaults}.
 */
public final class DemoSimulation {
    /** NuSTAR PI calibration: {@code E = 1.62 + 0.04·PI} keV. */
    static final double PI_OFFSET_KEV = 1.62;
    static final double PI_STEP_KEV = 0.04;

    private DemoSimulation() {
    }

    /** Simulates an observation for {@code config}. */
    public static SimulatedObservation simulate(DemoConfig config) {
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom curveRng = root.split();
        SplittableRandom softRng = root.split();
        SplittableRandom hardRng = root.split();
        GtiList gti = config.gti();
        double t0 = gti.start();
        int nBins = (int) Math.ceil((gti.stop() - t0) / config.fineDt());
        double[][] x = variability(config, nBins, curveRng);
        Band soft = events(x[0], config.softRate(), config.soft(), t0, config.fineDt(), gti, softRng);
        Band hard = events(x[1], config.hardRate(), config.hard(), t0, config.fineDt(), gti, hardRng);
        int n = soft.time.length + hard.time.length;
        double[] time = new double[n];
        double[] energy = new double[n];
        int[] pi = new int[n];
        for (int i = 0, s = 0, h = 0; i < n; i++) {
            boolean takeSoft = h >= hard.time.length || (s < soft.time.length && soft.time[s] <= hard.time[h]);
            Band b = takeSoft ? soft : hard;
            int k = takeSoft ? s++ : h++;
            time[i] = b.time[k];
            energy[i] = b.energy[k];
            pi[i] = (int) Math.round((b.energy[k] - PI_OFFSET_KEV) / PI_STEP_KEV);
        }
        EventList events = new EventList(time, energy, pi, gti, ObservationInfo.simulated(gti.start(), gti.stop()));
        DemoTruth truth = new DemoTruth(config.qpoFrequency(), config.qpoQ(), config.totalRms(), config.qpoRms(),
                config.hardLag(), config.soft(), config.hard(), soft.time.length, hard.time.length);
        return new SimulatedObservation(events, truth);
    }

    /**
     * The soft and hard variability curves {@code x(t)} (zero mean, fractional units, before clipping) on
     * {@code nBins} bins of {@code fineDt} starting at the first GTI's start: {@code [0]} soft, {@code [1]} hard.
     */
    static double[][] variability(DemoConfig config, int nBins, SplittableRandom rng) {
        int n = Integer.highestOneBit(Math.max(nBins - 1, 1)) << 1;
        double dt = config.fineDt();
        double df = 1.0 / (n * dt);
        int nyquist = n / 2;
        double[] red = new double[2 * nyquist];
        double[] qpo = new double[2 * nyquist];
        double redWidth = 2 * config.redNoiseBreak();
        double qpoWidth = config.qpoFrequency() / config.qpoQ();
        double redSum = 0;
        double qpoSum = 0;
        for (int k = 1; k < nyquist; k++) {
            double f = k * df;
            double ar = Math.sqrt(lorentzian(f, 0, redWidth));
            double aq = Math.sqrt(lorentzian(f, config.qpoFrequency(), qpoWidth));
            red[2 * k] = ar * rng.nextGaussian();
            red[2 * k + 1] = ar * rng.nextGaussian();
            qpo[2 * k] = aq * rng.nextGaussian();
            qpo[2 * k + 1] = aq * rng.nextGaussian();
            redSum += red[2 * k] * red[2 * k] + red[2 * k + 1] * red[2 * k + 1];
            qpoSum += qpo[2 * k] * qpo[2 * k] + qpo[2 * k + 1] * qpo[2 * k + 1];
        }
        // Parseval for JTransforms' scaled inverse (x_j = (1/n) Σ X_k e^{+2πijk/n}) with X_0 = X_{n/2} = 0:
        // var(x) = (2/n²) Σ_{0<k<n/2} |X_k|².
        double redScale = redSum > 0 ? config.redNoiseRms() / Math.sqrt(2 * redSum) * n : 0;
        double qpoScale = qpoSum > 0 ? config.qpoRms() / Math.sqrt(2 * qpoSum) * n : 0;
        double[] soft = new double[n];
        double[] hard = new double[n];
        for (int k = 1; k < nyquist; k++) {
            double re = redScale * red[2 * k] + qpoScale * qpo[2 * k];
            double im = redScale * red[2 * k + 1] + qpoScale * qpo[2 * k + 1];
            soft[2 * k] = re;
            soft[2 * k + 1] = im;
            double phase = -2 * Math.PI * k * df * config.hardLag();
            double c = Math.cos(phase);
            double s = Math.sin(phase);
            hard[2 * k] = re * c - im * s;
            hard[2 * k + 1] = re * s + im * c;
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realInverse(soft, true);
        fft.realInverse(hard, true);
        return new double[][] {Arrays.copyOf(soft, nBins), Arrays.copyOf(hard, nBins)};
    }

    /** A Lorentzian of unit integral over all f, centred on {@code nu} with full width {@code width}. */
    static double lorentzian(double f, double nu, double width) {
        double hw = width / 2;
        return (hw / Math.PI) / ((f - nu) * (f - nu) + hw * hw);
    }

    private record Band(double[] time, double[] energy) {
    }

    /** Poisson events of one band, sorted in time, inside the GTIs. */
    private static Band events(double[] x, double meanRate, EnergyBand band, double t0, double dt, GtiList gti,
                               SplittableRandom rng) {
        double expected = meanRate * gti.exposure() * 1.2 + 100;
        double[] time = new double[(int) Math.min(Integer.MAX_VALUE - 8, expected)];
        int n = 0;
        double[] scratch = new double[16];
        for (Gti g : gti.intervals()) {
            int first = (int) Math.max(0, Math.floor((g.start() - t0) / dt));
            int last = (int) Math.min(x.length - 1, Math.ceil((g.stop() - t0) / dt));
            for (int j = first; j <= last; j++) {
                double lo = Math.max(g.start(), t0 + j * dt);
                double hi = Math.min(g.stop(), t0 + (j + 1) * dt);
                if (!(hi > lo)) {
                    continue;
                }
                double rate = meanRate * Math.max(0, 1 + x[j]);
                int c = Poisson.sample(rate * (hi - lo), rng);
                if (c == 0) {
                    continue;
                }
                if (scratch.length < c) {
                    scratch = new double[c];
                }
                for (int i = 0; i < c; i++) {
                    double t = lo + rng.nextDouble() * (hi - lo);
                    scratch[i] = t < hi ? t : lo;   // guard against rounding up to hi
                }
                Arrays.sort(scratch, 0, c);
                if (n + c > time.length) {
                    time = Arrays.copyOf(time, Math.max(n + c, time.length + time.length / 2));
                }
                System.arraycopy(scratch, 0, time, n, c);
                n += c;
            }
        }
        time = Arrays.copyOf(time, n);
        double[] energy = new double[n];
        for (int i = 0; i < n; i++) {
            double e = band.lo() + rng.nextDouble() * (band.hi() - band.lo());
            energy[i] = e < band.hi() ? e : band.lo();
        }
        return new Band(time, energy);
    }
}
