package org.manta.core.varenergy;

import java.util.Arrays;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.fourier.FourierKernels;
import org.manta.core.segment.SegmentSpec;

/**
 * What every partial accumulator of one variability-versus-energy job shares (science.md §13, "common
 * setup"): the segment layout, the subject bands, the reference band, the frequency interval and whether
 * a second event list gives the reference (Stingray {@code events2}).
 *
 * <p>The frequency interval {@code [fLo, fHi)} is half-open and applied to the positive Fourier
 * frequencies {@code ν_j = j/(N·dt)}, {@code j = 1 … nFreq} (§4): the window holds the K frequencies
 * {@code ν_{first+1} … ν_{first+K}} (0-based positive-bin indices {@code first … first+K-1}).
 *
 * @param spec               bin time, bins per segment N and the fixed segment length {@code N·dt}
 * @param bands              the subject bands
 * @param reference          the reference band (Stingray {@code ref_band[0]}; default all energies)
 * @param fLo                lower end of the frequency interval, Hz (inclusive)
 * @param fHi                upper end, Hz (exclusive)
 * @param requestedSegment   the segment length the user asked for, s: Stingray's {@code delta_nu = 1/T}
 *                           and {@code get_average_ctrate} use it, not the fixed one (§13)
 * @param secondList         true when the reference (and, for rms, a second copy of each band) comes from a
 *                           second event list; then no subject band shares photons with the reference
 */
public record VarEnergyLayout(SegmentSpec spec, EnergyBands bands, EnergyBand reference, double fLo, double fHi,
                              double requestedSegment, boolean secondList) {
    public VarEnergyLayout {
        if (!(fHi > fLo) || Double.isNaN(fLo)) {
            throw new InvalidParameterException("freq", fLo + ":" + fHi, "LO:HI in Hz with LO < HI");
        }
        if (reference.onPi() != bands.onPi()) {
            throw new InvalidParameterException("ref", reference,
                    "a band on the same column as the subject bands (" + (bands.onPi() ? "PI" : "energy") + ")");
        }
        if (!(requestedSegment > 0) || Double.isInfinite(requestedSegment)) {
            throw new InvalidParameterException("segment", requestedSegment, "a positive, finite number of seconds");
        }
        int k = window(spec, fLo, fHi)[1];
        if (k == 0) {
            throw new InvalidParameterException("freq", fLo + ":" + fHi, "an interval that holds at least one "
                    + "Fourier frequency j/(N·dt) between " + spec.df() + " and " + spec.nFreq() * spec.df() + " Hz");
        }
    }

    /** {@code {first, K}} of the window {@code fLo <= ν < fHi} on the positive frequencies of {@code spec}. */
    private static int[] window(SegmentSpec spec, double fLo, double fHi) {
        double[] freq = FourierKernels.frequencies(spec.nbin(), spec.dt());
        int first = -1;
        int k = 0;
        for (int j = 0; j < freq.length; j++) {
            if (freq[j] >= fLo && freq[j] < fHi) {
                if (first < 0) {
                    first = j;
                }
                k++;
            }
        }
        return new int[] {Math.max(first, 0), k};
    }

    /** 0-based index of the first selected positive frequency. */
    public int firstBin() {
        return window(spec, fLo, fHi)[0];
    }

    /** Number K of selected frequencies. */
    public int binCount() {
        return window(spec, fLo, fHi)[1];
    }

    /** The K selected frequencies, Hz. */
    public double[] frequencies() {
        double[] all = FourierKernels.frequencies(spec.nbin(), spec.dt());
        int first = firstBin();
        return Arrays.copyOfRange(all, first, first + binCount());
    }

    /** Whether subject band {@code i} shares photons with the reference: one list and overlapping bands (§13). */
    public boolean commonReference(int i) {
        EnergyBand b = bands.band(i);
        return !secondList && b.lo() < reference.hi() && reference.lo() < b.hi();
    }
}
