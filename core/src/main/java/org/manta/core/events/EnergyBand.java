package org.manta.core.events;

import org.manta.core.InvalidParameterException;

/**
 * A half-open selection {@code lo <= value < hi} on event energy (keV) or on the PI channel
 * (Stingray {@code EventList.filter_energy_range}, science.md §1.1).
 *
 * @param lo      lower bound, inclusive
 * @param hi      upper bound, exclusive
 * @param onPi    true: select on the PI channel; false: on energy in keV
 */
public record EnergyBand(double lo, double hi, boolean onPi) {
    public EnergyBand {
        if (Double.isNaN(lo) || Double.isNaN(hi) || !(hi > lo)) {
            throw new InvalidParameterException(onPi ? "pi" : "energy", lo + ":" + hi, "LO:HI with LO < HI");
        }
    }

    public static EnergyBand energy(double lo, double hi) {
        return new EnergyBand(lo, hi, false);
    }

    public static EnergyBand pi(double lo, double hi) {
        return new EnergyBand(lo, hi, true);
    }

    /** Parses {@code LO:HI} (either side may be empty for an open bound). */
    public static EnergyBand parse(String text, boolean onPi) {
        String name = onPi ? "pi" : "energy";
        String[] parts = text == null ? new String[0] : text.split(":", -1);
        if (parts.length != 2) {
            throw new InvalidParameterException(name, text, "LO:HI, e.g. 3:10");
        }
        try {
            double lo = parts[0].isBlank() ? Double.NEGATIVE_INFINITY : Double.parseDouble(parts[0].trim());
            double hi = parts[1].isBlank() ? Double.POSITIVE_INFINITY : Double.parseDouble(parts[1].trim());
            return new EnergyBand(lo, hi, onPi);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, text, "LO:HI with numbers, e.g. 3:10");
        }
    }

    public boolean contains(double value) {
        return value >= lo && value < hi;
    }

    @Override
    public String toString() {
        return (onPi ? "PI " : "") + lo + ":" + hi + (onPi ? "" : " keV");
    }

    /** Lowest energy, keV, from which a band that selects no event was probably typed in eV. */
    private static final double LIKELY_EV = 100;

    /**
     * What a message about a band that selected no event adds: for an energy band from 100 keV up, that
     * energies are in keV (a Chandra file's eV are converted); otherwise nothing.
     */
    public String emptyHint() {
        return !onPi && lo >= LIKELY_EV
                ? " (energies are in keV, also for files in eV: e.g. " + lo / 1000 + ":" + hi / 1000 + " for " + lo
                        + "-" + hi + " eV)"
                : "";
    }
}
