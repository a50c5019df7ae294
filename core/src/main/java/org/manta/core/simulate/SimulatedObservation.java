package org.manta.core.simulate;

import org.manta.core.events.EventList;

/**
 * A simulated event list and the truth it was drawn from.
 *
 * @param events the photons (times sorted, inside the GTIs, with energy and PI)
 * @param truth  the simulated parameters and counts
 */
public record SimulatedObservation(EventList events, DemoTruth truth) {
}
