package org.manta.core.events;

import org.manta.core.gti.GtiList;

/**
 * Photon arrival times with optional energies and PI channels, their GTIs and the observation
 * metadata (Stingray {@code EventList}). Arrays are owned by the list: do not modify them.
 *
 * @param time   arrival times, MET s, sorted ascending
 * @param energy energies in keV, same length as {@code time}, or length 0 when unknown
 * @param pi     PI (or PHA) channels, same length as {@code time}, or length 0 when absent
 * @param gti    good time intervals (never null; may be the default span of the data)
 * @param info   header metadata
 */
public record EventList(double[] time, double[] energy, int[] pi, GtiList gti, ObservationInfo info) {

    public int size() {
        return time.length;
    }

    public boolean hasEnergy() {
        return energy.length == time.length && time.length > 0;
    }

    public boolean hasPi() {
        return pi.length == time.length && time.length > 0;
    }
}
