package org.manta.core.varenergy;

import org.manta.core.events.EnergyBand;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.spectrum.Normalization;

/**
 * A variability-versus-energy spectrum (Stingray {@code VarEnergySpectrum} subclasses, science.md §13): one
 * value and error per subject band. Bands that fail Stingray's checks (too few photons, no usable segment,
 * a negative excess) are NaN, as Stingray leaves them. Real kinds have zero imaginary parts; the complex
 * covariance's error is complex as Stingray's is ({@code Im} 0, or NaN where the value is NaN). Arrays are
 * owned by the record: do not modify them.
 *
 * @param kind              which spectrum
 * @param norm              {@code FRAC} or {@code ABS} for rms and covariances; {@code NONE} for the others
 * @param energyIntervals   {@code [[E_0, E_1], [E_1, E_2], …]}, keV (or PI)
 * @param spectrum          the values (units: rms and covariance fractional or ct/s, lag s, count events,
 *                          excess variance F_var)
 * @param spectrumError     their 1σ errors
 * @param fLo               frequency interval start, Hz (NaN for count and excess variance)
 * @param fHi               frequency interval end, Hz (NaN for count and excess variance)
 * @param reference         the reference band
 * @param dt                bin time, s
 * @param segmentSize       segment length, s (the fixed {@code N·dt}; for the excess variance: 0)
 * @param frequencies       K, the number of Fourier frequencies averaged (0 for count and excess variance)
 * @param segments          M, segments in the reference band's power spectrum (excess variance: light-curve bins)
 */
public record VarEnergySpectrum(VarEnergyKind kind, Normalization norm, double[][] energyIntervals,
                                ComplexArray spectrum, ComplexArray spectrumError, double fLo, double fHi,
                                EnergyBand reference, double dt, double segmentSize, int frequencies, long segments) {

    /** Band midpoints {@code (E_i + E_{i+1})/2} (Stingray {@code energy}). */
    public double[] energy() {
        double[] e = new double[energyIntervals.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (energyIntervals[i][0] + energyIntervals[i][1]) / 2;
        }
        return e;
    }

    /** The values (real parts). */
    public double[] values() {
        return spectrum.re();
    }

    /** The errors (real parts). */
    public double[] errors() {
        return spectrumError.re();
    }
}
