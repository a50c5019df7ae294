package org.manta.core.lightcurve;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.LightCurveFiles;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.Observation;
import org.manta.core.plan.RowIndex;

/**
 * A light curve read from a file as the analyses of a whole series take it (lomb, multitaper, bispectrum,
 * bicoherence), with its context: what {@code manta lomb|multitaper|bispectrum|bicoherence FILE} and the mesh's
 * planner and fft worker read of a light-curve input, so that both compute on the same bins. Its own bin width is
 * used ({@code dt}, when given, must equal it), its times must increase, and without GTIs its GTI is the span of its
 * bins.
 *
 * @param lc          the light curve as the file holds it (bins, dt, GTIs)
 * @param observation its context (TELESCOP, INSTRUME, OBJECT, TIMESYS, MJDREF and its band, if its header says)
 */
public record LightCurveFile(LightCurve lc, Observation observation) {

    /**
     * Reads a FITS light curve ({@link LightCurveFiles#read}) and checks it ({@link #checked}).
     *
     * @param dt the bin time asked for, if any: must equal the light curve's own
     * @throws BadEventFileException     if the file is not a usable light curve
     * @throws InvalidParameterException if {@code dt} is not the light curve's own
     */
    public static LightCurveFile readFits(Path file, Optional<Double> dt) {
        LightCurveFiles.Contents c = LightCurveFiles.read(file);
        LightCurve lc = checked(file, c.time(), c.counts(), c.dt(), dt, Optional.of(c.gti()));
        return new LightCurveFile(lc, Observation.of(c.info(), c.object(), c.band()));
    }

    /**
     * A light curve of bins read from a file: at least 2 bins, as many counts as times, increasing times; its own
     * bin width {@code ownDt} is used, and {@code given}, if present, must equal it within
     * {@link EventLightCurves#EVEN_SPACING_TOLERANCE}; without GTIs the GTI is {@code [t0 − dt/2, t_last + dt/2]}.
     *
     * @param file   the file, for the messages
     * @param time   bin centres, s; kept (not copied)
     * @param counts counts per bin; kept (not copied)
     * @throws BadEventFileException     for arrays of different lengths, fewer than 2 bins or times not increasing
     * @throws InvalidParameterException for a {@code given} dt other than {@code ownDt}
     */
    public static LightCurve checked(Path file, double[] time, double[] counts, double ownDt, Optional<Double> given,
                                     Optional<GtiList> gti) {
        if (time.length != counts.length || time.length < 2) {
            throw new BadEventFileException(file, "time has " + time.length + " values and counts " + counts.length
                    + ": expected two arrays of the same length, at least 2");
        }
        double dt = given.orElse(ownDt);
        requireOwnDt(dt, ownDt);
        for (int i = 1; i < time.length; i++) {
            if (!(time[i] > time[i - 1])) {
                throw new BadEventFileException(file, "time[" + i + "] = " + time[i] + " does not follow time["
                        + (i - 1) + "] = " + time[i - 1] + ": expected increasing times");
            }
        }
        GtiList g = gti.orElse(GtiList.of(new Gti(time[0] - dt / 2, time[time.length - 1] + dt / 2)));
        return new LightCurve(time, counts, new double[time.length], dt, g, time[0] - dt / 2,
                time[time.length - 1] - time[0] + dt);
    }

    /**
     * A light curve is analysed at its own bin width: {@code dt} must equal {@code ownDt} within
     * {@link EventLightCurves#EVEN_SPACING_TOLERANCE}.
     *
     * @throws InvalidParameterException naming {@code dt} and the light curve's own
     */
    public static void requireOwnDt(double dt, double ownDt) {
        if (Math.abs(ownDt - dt) > EventLightCurves.EVEN_SPACING_TOLERANCE * dt) {
            throw new InvalidParameterException("dt", dt, "the light curve's own dt = " + ownDt);
        }
    }

    /**
     * A light curve has no energies: a band cannot select its events.
     *
     * @throws InvalidParameterException if {@code band} is present
     */
    public static void requireNoBand(Path file, Optional<EnergyBand> band) {
        if (band.isPresent()) {
            throw new InvalidParameterException("energy/pi", file, "an event file (a light curve has no energies)");
        }
    }

    /**
     * What a planner needs of this light curve as an input: its bin width as the time resolution (so the plan's
     * bin time is its own), its GTIs, no energy or PI column.
     *
     * @param name how messages name the input (the path as given)
     */
    public InputHeader header(String name) {
        return new InputHeader(name, lc.dt(), lc.gti(), false, false);
    }

    /** Its bins as the rows of an input: the first bin whose centre is at least {@code t} (bisection). */
    public RowIndex rows() {
        double[] time = lc.time();
        return t -> {
            int i = Arrays.binarySearch(time, t);     // times increase strictly: no ties
            return i < 0 ? -i - 1 : i;
        };
    }
}
