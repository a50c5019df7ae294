package org.manta.core.simulate;

import org.manta.core.events.EnergyBand;

/**
 * What the demo simulated, to compare the analysis against.
 *
 * @param qpoFrequency QPO centroid, Hz
 * @param qpoQ         QPO quality factor
 * @param rms          total fractional rms of the rate (red noise and QPO)
 * @param qpoRms       fractional rms of the QPO alone
 * @param hardLag      hard-band lag behind the soft band, s (positive: hard later; this is the sign of
 *                     {@code time_lag} for a cross spectrum with the hard band as subject)
 * @param soft         soft band, keV
 * @param hard         hard band, keV
 * @param softEvents   events drawn in the soft band
 * @param hardEvents   events drawn in the hard band
 */
public record DemoTruth(double qpoFrequency, double qpoQ, double rms, double qpoRms, double hardLag,
                        EnergyBand soft, EnergyBand hard, int softEvents, int hardEvents) {
}
