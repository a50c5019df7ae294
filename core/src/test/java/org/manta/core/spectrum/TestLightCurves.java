package org.manta.core.spectrum;

import org.manta.core.gti.GtiList;

/**
 * Bins events into a light curve the way Stingray's {@code EventList.to_lc(dt)} does
 * ({@code Lightcurve.make_lightcurve}, science.md §1.3, errata M2), for tests only (the light-curve
 * code proper is written elsewhere): {@code tstart} = first GTI start, {@code tseg} = last GTI stop
 * − tstart, {@code timebin = int(tseg/dt)} (+1 if the remainder is at least 0.99), events with
 * {@code tstart <= t < tstart + timebin·dt} go to bin {@code (t - tstart) // dt} (Python floor
 * division), bin centres {@code tstart + (k + 0.5)·dt}.
 */
record TestLightCurves(double[] time, double[] counts) {

    static TestLightCurves bin(double[] events, GtiList gti, double dt) {
        double tstart = gti.start();
        double tseg = gti.stop() - tstart;
        int timebin = (int) (tseg / dt);
        if (tseg / dt - timebin >= 0.99) {
            timebin++;
        }
        double tend = tstart + timebin * dt;
        double[] counts = new double[timebin];
        for (double t : events) {
            if (tstart <= t && t < tend) {
                counts[(int) floorDivide(t - tstart, dt)] += 1;
            }
        }
        double[] time = new double[timebin];
        for (int k = 0; k < timebin; k++) {
            time[k] = tstart + (k + 0.5) * dt;
        }
        return new TestLightCurves(time, counts);
    }

    /** Python/numpy float floor division {@code a // b} (errata M2). */
    static double floorDivide(double a, double b) {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        double floor = Math.floor(div);
        if (div - floor > 0.5) {
            floor += 1;
        }
        return floor;
    }
}
