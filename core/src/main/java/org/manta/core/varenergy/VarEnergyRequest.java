package org.manta.core.varenergy;

import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.spectrum.Normalization;

/**
 * What a user asked for in a variability-versus-energy job (science.md §13), validated on construction.
 * Its segment layout and GTIs are planned by the core's {@link org.manta.core.plan.JobPlan} as for the other
 * products ({@link #segmentRequest()}): one list gives a power-spectrum-like plan on its own GTIs, two lists a
 * cross-spectrum-like plan on the intersection of their GTIs (Stingray {@code cross_two_gtis(events1.gti,
 * events2.gti)}).
 *
 * @param kind        which spectrum
 * @param norm        frac or abs for rms and covariances (ignored otherwise)
 * @param dt          bin time, s (for the excess variance: the light curve's bin time)
 * @param segmentSize segment length, s (unused by the excess variance and the count spectrum, but required)
 * @param bands       the subject bands
 * @param reference   the reference band (Stingray's default: all energies, {@code [0, ∞)})
 * @param fLo         frequency interval start, Hz
 * @param fHi         frequency interval end, Hz (exclusive)
 * @param inputs      1, or 2 when the reference comes from a second event list
 */
public record VarEnergyRequest(VarEnergyKind kind, Normalization norm, double dt, double segmentSize,
                               EnergyBands bands, EnergyBand reference, double fLo, double fHi, int inputs) {
    public VarEnergyRequest {
        if (inputs != 1 && inputs != 2) {
            throw new InvalidParameterException("inputs", inputs, "one event list, or two (--events2)");
        }
        if (inputs == 2 && kind == VarEnergyKind.EXCESS_VARIANCE) {
            throw new InvalidParameterException("events2", "given", "no second list for the excess variance");
        }
        boolean normed = kind == VarEnergyKind.RMS || kind == VarEnergyKind.COVARIANCE
                || kind == VarEnergyKind.COMPLEX_COVARIANCE;
        if (normed && norm != Normalization.FRAC && norm != Normalization.ABS) {
            throw new InvalidParameterException("norm", norm.label(), "frac or abs for the " + kind.label() + " spectrum");
        }
        if (reference.onPi() != bands.onPi()) {
            throw new InvalidParameterException("ref", reference, "a band on the same column as the subject bands");
        }
        segmentRequest(dt, segmentSize, inputs);   // checks dt and the segment length
    }

    /** The reference band Stingray uses by default: every energy (or PI), {@code [0, ∞)}. */
    public static EnergyBand fullBand(boolean onPi) {
        return new EnergyBand(0, Double.POSITIVE_INFINITY, onPi);
    }

    /** The request the core plans the segments and GTIs with (no band: the kernel selects per event). */
    public JobRequest segmentRequest() {
        return segmentRequest(dt, segmentSize, inputs);
    }

    private static JobRequest segmentRequest(double dt, double segmentSize, int inputs) {
        SpectrumKind plan = inputs == 2 ? SpectrumKind.CPDS : SpectrumKind.PDS;
        return new JobRequest(plan, dt, segmentSize, Normalization.NONE, true, Optional.empty(), Optional.empty(),
                inputs);
    }
}
