package org.manta.core.simulate;

import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/**
 * Parameters of the demo observation. Fractional rms values are of the count rate (before Poisson noise);
 * the total is {@code sqrt(redNoiseRms² + qpoRms²)}.
 *
 * @param seed          random seed; the same seed gives the same events
 * @param gti           good time intervals, s
 * @param softRate      mean count rate in the soft band, counts/s
 * @param hardRate      mean count rate in the hard band, counts/s
 * @param soft          soft energy band, keV ({@code lo <= E < hi})
 * @param hard          hard energy band, keV
 * @param redNoiseBreak half width at half maximum of the zero-centred Lorentzian red noise, Hz
 * @param redNoiseRms   fractional rms of the red noise
 * @param qpoFrequency  QPO centroid, Hz
 * @param qpoQ          QPO quality factor ν₀/FWHM
 * @param qpoRms        fractional rms of the QPO
 * @param hardLag       time by which the hard band lags the soft band, s (positive: hard later)
 * @param fineDt        bin width of the simulated rate curve, s
 */
public record DemoConfig(
        long seed,
        GtiList gti,
        double softRate,
        double hardRate,
        EnergyBand soft,
        EnergyBand hard,
        double redNoiseBreak,
        double redNoiseRms,
        double qpoFrequency,
        double qpoQ,
        double qpoRms,
        double hardLag,
        double fineDt) {

    public DemoConfig {
        if (gti.isEmpty()) {
            throw new InvalidParameterException("gti", gti, "at least one interval");
        }
        positive("soft rate", softRate);
        positive("hard rate", hardRate);
        positive("red-noise break", redNoiseBreak);
        positive("QPO frequency", qpoFrequency);
        positive("QPO Q", qpoQ);
        positive("fine dt", fineDt);
        if (!(redNoiseRms >= 0) || !(qpoRms >= 0) || Math.hypot(redNoiseRms, qpoRms) > 0.5) {
            throw new InvalidParameterException("rms", redNoiseRms + ", " + qpoRms,
                    "fractional rms values >= 0 with a total of at most 0.5 (larger values clip the rate at zero)");
        }
        if (!(Math.abs(hardLag) < 0.25 / qpoFrequency)) {
            throw new InvalidParameterException("lag", hardLag, "|lag| < a quarter of the QPO period");
        }
        if (qpoFrequency >= 0.5 / fineDt) {
            throw new InvalidParameterException("QPO frequency", qpoFrequency, "below the Nyquist frequency " + 0.5 / fineDt + " Hz");
        }
    }

    /**
     * The default demo: 2 GTIs of 128 s with a 32 s gap; 500 + 300 counts/s (about 2·10⁵ events); a 3 Hz QPO
     * with Q = 10 and 20 % rms over 15 % rms red noise breaking at 1 Hz (25 % in total); the 3–10 keV band
     * lagging the 0.5–3 keV band by 5 ms; rate curve sampled every 1/2048 s.
     */
    public static DemoConfig defaults(long seed) {
        return new DemoConfig(seed, GtiList.of(List.of(new Gti(0, 128), new Gti(160, 288))),
                500, 300, EnergyBand.energy(0.5, 3), EnergyBand.energy(3, 10),
                1.0, 0.15, 3.0, 10.0, 0.20, 0.005, 1.0 / 2048);
    }

    /** Total fractional rms of the rate, {@code sqrt(redNoiseRms² + qpoRms²)}. */
    public double totalRms() {
        return Math.hypot(redNoiseRms, qpoRms);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidParameterException(name, v, "a positive, finite number");
        }
    }
}
