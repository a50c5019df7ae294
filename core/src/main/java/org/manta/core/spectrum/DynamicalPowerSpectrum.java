package org.manta.core.spectrum;

import java.util.List;
import org.manta.core.InvalidParameterException;

/**
 * A dynamical power spectrum (spectrogram): one power spectrum per segment, normalised with the
 * common mean (Stingray {@code DynamicalPowerspectrum}, science.md §14). Arrays are owned by the
 * record: do not modify them.
 *
 * @param freq              bin frequencies, Hz
 * @param time              column times, MET s (segment start + T/2, or rebinned centres)
 * @param dynPs             powers {@code dynPs[freqIndex][timeIndex]}, in {@code norm}
 * @param df                frequency resolution, Hz
 * @param dt                time step between columns, s (the segment length T, or the rebinned step)
 * @param m                 number of powers averaged per cell (1, times the rebin factors)
 * @param meanrate          mean count rate {@code N_ph/(N·dt_bin)}, ct/s
 * @param nphots            mean photons per used segment
 * @param norm              normalisation
 * @param segmentSize       segment length {@code T = N·dt}, s (Stingray keeps the user's T here; the two
 *                          differ only when T is not a whole number of bins)
 * @param unnormConversion  ratio of normalised to unnormalised power (the common normalisation factor)
 */
public record DynamicalPowerSpectrum(
        double[] freq,
        double[] time,
        double[][] dynPs,
        double df,
        double dt,
        int m,
        double meanrate,
        double nphots,
        Normalization norm,
        double segmentSize,
        double unnormConversion) {

    /**
     * Rebins every column to a new frequency resolution (Stingray {@code rebin_frequency(df_new,
     * method="average")}): {@link Rebin#linear} with old widths {@code diff(freq)}; {@code m = int(step)·m}.
     *
     * @param dfNew new resolution, Hz, at least {@code df}
     */
    public DynamicalPowerSpectrum rebinFrequency(double dfNew) {
        int nTime = time.length;
        double[][] out = null;
        Rebin.Linear last = null;
        double[] column = new double[freq.length];
        for (int c = 0; c < nTime; c++) {
            for (int j = 0; j < freq.length; j++) {
                column[j] = dynPs[j][c];
            }
            last = Rebin.linear(freq, column, null, dfNew, true);
            if (out == null) {
                out = new double[last.y().length][nTime];
            }
            for (int j = 0; j < last.y().length; j++) {
                out[j][c] = last.y()[j];
            }
        }
        return new DynamicalPowerSpectrum(last.x(), time, out, dfNew, dt, (int) scalarStep(last) * m, meanrate, nphots,
                norm, segmentSize, unnormConversion);
    }

    /**
     * Rebins every frequency row to a new time step (Stingray {@code rebin_time(dt_new, method="average")}):
     * {@link Rebin#linear} along time with old width {@code dt}; {@code m = int(step)·m}.
     *
     * @param dtNew new time step, s, at least {@code dt}
     */
    public DynamicalPowerSpectrum rebinTime(double dtNew) {
        if (dtNew < dt) {
            throw new InvalidParameterException("dt", dtNew, "at least the current time step " + dt + " s");
        }
        double[][] out = new double[freq.length][];
        Rebin.Linear last = null;
        for (int j = 0; j < freq.length; j++) {
            last = Rebin.linear(time, dynPs[j], null, dtNew, dt, true);
            out[j] = last.y();
        }
        return new DynamicalPowerSpectrum(freq, last.x(), out, df, dtNew, (int) scalarStep(last) * m, meanrate, nphots,
                norm, segmentSize, unnormConversion);
    }

    /**
     * Fractional rms per column between {@code fmin} and {@code fmax} inclusive, with no noise subtraction
     * (Stingray {@code DynamicalPowerspectrum.compute_rms(fmin, fmax)}, default level 0; errata M4).
     */
    public Rms[] computeRms(double fmin, double fmax) {
        return computeRms(fmin, fmax, 0.0);
    }

    /**
     * Fractional rms per column (errata M4): for each column, §11.2 with unnormalised powers
     * {@code dynPs/unnormConversion}, noise {@code poissonNoiseLevel/unnormConversion} (the level is in
     * this spectrum's normalisation; 0 = no subtraction), {@code N_ph = nphots}, {@code df}, {@code M = m}
     * (hence the 4-bin buffer of §11.1 when m = 1) and {@code T = segmentSize}.
     */
    public Rms[] computeRms(double fmin, double fmax, double poissonNoiseLevel) {
        int count = IntegratedRms.countInRange(freq, fmin, fmax);
        double noiseUnnorm = poissonNoiseLevel / unnormConversion;
        double[] dfs = new double[count];
        double[] ms = new double[count];
        java.util.Arrays.fill(dfs, df);
        java.util.Arrays.fill(ms, m);
        Rms[] out = new Rms[time.length];
        double[] p = new double[count];
        for (int c = 0; c < time.length; c++) {
            int i = 0;
            for (int j = 0; j < freq.length; j++) {
                if (freq[j] >= fmin && freq[j] <= fmax) {
                    p[i++] = dynPs[j][c] / unnormConversion;
                }
            }
            out[c] = IntegratedRms.fractionalFromUnnorm(p, nphots, dfs, ms, noiseUnnorm, segmentSize);
        }
        return out;
    }

    /**
     * The Poisson noise level in this spectrum's normalisation (Stingray {@code poisson_level(norm,
     * meanrate, n_ph=nphots)}, science.md §5): leahy 2, frac {@code 2/meanrate}, abs {@code 2·meanrate},
     * none {@code nphots}.
     */
    public double poissonLevel() {
        return norm.poissonLevel(meanrate, nphots, 0.0);
    }

    /**
     * Power colours of every column with the theoretical Poisson level subtracted (Stingray
     * {@code DynamicalPowerspectrum.power_colors(freq_edges)}, default {@code poisson_power}).
     */
    public PowerColors.PowerColor[] powerColors(double[] freqEdges) {
        return powerColors(freqEdges, poissonLevel());
    }

    /**
     * Power colours of every column (Stingray {@code DynamicalCrossspectrum.power_colors(freq_edges,
     * poisson_power)}, science.md §15): {@link PowerColors#of} with {@code df}, {@code m} and errors
     * {@code P/√m}.
     *
     * @param freqEdges    five ascending edges, Hz
     * @param poissonPower noise level in this spectrum's normalisation (0 = none subtracted)
     */
    public PowerColors.PowerColor[] powerColors(double[] freqEdges, double poissonPower) {
        return powerColors(freqEdges, poissonPower, List.of());
    }

    /**
     * As {@link #powerColors(double[], double)} with Stingray's {@code freqs_to_exclude}: the powers inside each
     * range are bridged ({@link PowerColors#of(double[], double[], double[], double[], double, double, double,
     * List)}).
     */
    public PowerColors.PowerColor[] powerColors(double[] freqEdges, double poissonPower,
            List<FrequencyRange> exclude) {
        PowerColors.PowerColor[] out = new PowerColors.PowerColor[time.length];
        double[] column = new double[freq.length];
        for (int c = 0; c < out.length; c++) {
            for (int j = 0; j < freq.length; j++) {
                column[j] = dynPs[j][c];
            }
            out[c] = PowerColors.of(freq, column, null, freqEdges, df, m, poissonPower, exclude);
        }
        return out;
    }

    private static double scalarStep(Rebin.Linear r) {
        if (!r.uniformStep()) {
            throw new InvalidParameterException("grid", "non-uniform", "a uniform grid to rebin");
        }
        return r.scalarStep();
    }
}
