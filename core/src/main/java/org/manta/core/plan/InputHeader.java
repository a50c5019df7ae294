package org.manta.core.plan;

import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;

/**
 * What the plan needs from one event list's headers.
 *
 * @param name          how messages name the list (a path, or "upload 0")
 * @param timedel       instrument time resolution TIMEDEL, s (0 when unknown)
 * @param gti           its good time intervals, already shifted by the time offset
 * @param hasEnergy     whether events have energies (a band on energy can select them)
 * @param hasPi         whether events have PI channels (a band on PI can select them, also beside ENERGY)
 * @param gtiFromEvents whether the list has no GTI extension, so that {@code gti} is its first to last event
 *                      ({@link PlanWarnings#gtiFromEvents})
 */
public record InputHeader(String name, double timedel, GtiList gti, boolean hasEnergy, boolean hasPi,
                          boolean gtiFromEvents) {

    /** The header of a list with a GTI extension. */
    public InputHeader(String name, double timedel, GtiList gti, boolean hasEnergy, boolean hasPi) {
        this(name, timedel, gti, hasEnergy, hasPi, false);
    }

    /** The header of an opened event file. */
    public static InputHeader of(String name, EventFileReader reader) {
        return new InputHeader(name, reader.info().timedel(), reader.gti(), reader.hasEnergy(), reader.canSelectPi(),
                reader.gtiFromEvents());
    }
}
