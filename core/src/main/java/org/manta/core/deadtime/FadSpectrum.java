package org.manta.core.deadtime;

import java.util.Optional;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.gti.GtiList;
import org.manta.core.spectrum.Normalization;

/**
 * The FAD-corrected spectra of two independent detectors (Stingray {@code deadtime.fad.FAD} result
 * table, science.md §21.2), averaged over M segments. Arrays are owned by the record: do not modify them.
 *
 * @param freq             positive Fourier frequencies, Hz
 * @param pds1             corrected power spectrum of detector 1, in {@code norm}
 * @param pds2             corrected power spectrum of detector 2
 * @param cs               corrected cross spectrum {@code ⟨X1*·X2⟩} (complex), in {@code norm}
 * @param ptot             corrected power spectrum of the summed light curve
 * @param pds1Unnorm       {@code ⟨2|F1|²/W⟩}, counts² (smoothed but not normalised, Stingray {@code pds1_unnorm})
 * @param pds2Unnorm       {@code ⟨2|F2|²/W⟩}
 * @param csUnnorm         {@code ⟨2·F2·conj(F1)/W⟩}
 * @param ptotUnnorm       {@code ⟨2|F_tot|²/W⟩}
 * @param ptotUncorrected  power spectrum of the summed light curve without the correction, in {@code norm}
 *                         (per-segment normalisation like the corrected products; not in Stingray's table)
 * @param fad              {@code ⟨D·√2/√W⟩}, the corrected Fourier amplitude difference (complex)
 * @param segments         number of averaged segments M
 * @param n                bins per segment N
 * @param df               frequency resolution, Hz
 * @param dt               bin time, s
 * @param nphots1          mean detector-1 photons per segment
 * @param nphots2          mean detector-2 photons per segment
 * @param nphots           mean photons of the sum per segment
 * @param norm             normalisation of the normalised products
 * @param smoothing        smoothing algorithm
 * @param smoothingLength  σ of the smoothing, in frequency bins
 * @param fadDelta         {@code (std(fad) - 2/√M)/(2/√M)}, Stingray {@code fad_delta}
 * @param tolerance        accepted {@code |fadDelta|}
 * @param segmentSize      {@code N·dt}, s
 * @param gti              the common GTIs, when known
 */
public record FadSpectrum(
        double[] freq,
        double[] pds1,
        double[] pds2,
        ComplexArray cs,
        double[] ptot,
        double[] pds1Unnorm,
        double[] pds2Unnorm,
        ComplexArray csUnnorm,
        double[] ptotUnnorm,
        double[] ptotUncorrected,
        ComplexArray fad,
        int segments,
        int n,
        double df,
        double dt,
        double nphots1,
        double nphots2,
        double nphots,
        Normalization norm,
        FadSmoothing smoothing,
        double smoothingLength,
        double fadDelta,
        double tolerance,
        double segmentSize,
        Optional<GtiList> gti) {

    /**
     * Whether the correction passed Stingray's check: the scatter of the corrected amplitude difference is
     * {@code 2/√M} within the relative tolerance ({@code |fadDelta| < tolerance}; Stingray {@code is_compliant}).
     */
    public boolean isCompliant() {
        return Math.abs(fadDelta) < tolerance;
    }

    /** The same spectra with the GTIs they were computed on. */
    public FadSpectrum withGti(GtiList g) {
        return new FadSpectrum(freq, pds1, pds2, cs, ptot, pds1Unnorm, pds2Unnorm, csUnnorm, ptotUnnorm,
                ptotUncorrected, fad, segments, n, df, dt, nphots1, nphots2, nphots, norm, smoothing, smoothingLength,
                fadDelta, tolerance, segmentSize, Optional.of(g));
    }
}
