package org.manta.core.events;

/**
 * What an event file says about the observation (header keywords of the events extension).
 * Times in Manta are MET seconds relative to {@link #mjdref()}, already shifted by
 * {@link #timeOffset()} (science-errata H2).
 *
 * @param mission    MISSION or TELESCOP, upper-case as in the header ("NUSTAR", "XTE"); "" if absent
 * @param telescope  TELESCOP; "" if absent
 * @param instrument INSTRUME; "" if absent
 * @param timesys    TIMESYS ("TT", "TDB", ...); "" if absent
 * @param mjdref     MJDREF (or MJDREFI + MJDREFF)
 * @param timezero   TIMEZERO, s (0 if absent)
 * @param timeOffset offset added to TIME, GTIs, TSTART and TSTOP: TIMEZERO + (0.5 - TIMEPIXR)·TIMEDEL
 * @param timedel    TIMEDEL, the instrument time resolution in s (0 if absent)
 * @param tstart     TSTART + offset, s (NaN if absent)
 * @param tstop      TSTOP + offset, s (NaN if absent)
 */
public record ObservationInfo(
        String mission,
        String telescope,
        String instrument,
        String timesys,
        Mjdref mjdref,
        double timezero,
        double timeOffset,
        double timedel,
        double tstart,
        double tstop) {

    /** For simulated data: no mission, MJDREF 0, no TIMEDEL. */
    public static ObservationInfo simulated(double tstart, double tstop) {
        return new ObservationInfo("SIMULATED", "SIMULATED", "", "TT", Mjdref.NONE, 0, 0, 0, tstart, tstop);
    }
}
