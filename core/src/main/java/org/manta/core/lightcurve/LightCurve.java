package org.manta.core.lightcurve;

import java.util.Arrays;
import org.manta.core.InvalidParameterException;
import org.manta.core.MemoryLimit;
import org.manta.core.NoDataException;
import org.manta.core.events.EventList;
import org.manta.core.events.Timing;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;

/**
 * A binned light curve (Stingray {@code Lightcurve}, science.md §1.2–1.3). Bin {@code k} covers
 * {@code [time[k] − dt/2, time[k] + dt/2)}. Arrays are owned by the record: do not modify them.
 *
 * @param time      bin centres, MET s (ascending)
 * @param counts    counts per bin
 * @param countsErr 1σ errors of {@code counts} (Poisson: {@link PoissonErrors#garwood(double[])})
 * @param dt        bin width, s
 * @param gti       good time intervals (not applied to the bins unless {@link #applyGtis()} is called)
 * @param tstart    start of the light curve, s
 * @param tseg      length of the light curve, s
 */
public record LightCurve(double[] time, double[] counts, double[] countsErr, double dt, GtiList gti,
        double tstart, double tseg) {

    /** Fractional part of {@code tseg/dt} from which one more bin is made (Stingray's 0.99). */
    public static final double ROUND_UP_FRACTION = 0.99;
    /**
     * Bytes a light curve allocates per bin while it is made: the integer counts, then {@code time},
     * {@code counts} and {@code countsErr} (8 bytes each), and one more such array for what its user derives
     * (rates, a de-meaned copy).
     */
    public static final long BYTES_PER_BIN = 5 * Double.BYTES;

    public LightCurve {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite number of seconds");
        }
        if (counts.length != time.length || countsErr.length != time.length) {
            throw new InvalidParameterException("counts", counts.length + " counts, " + countsErr.length + " errors",
                    time.length + " values, one per bin");
        }
        if (gti == null) {
            throw new InvalidParameterException("gti", null, "a GTI list (possibly the default span)");
        }
    }

    /** Number of bins. */
    public int size() {
        return time.length;
    }

    /**
     * Bins an event list (Stingray {@code EventList.to_lc(dt)}): {@code dt} is first made compatible
     * with the instrument resolution ({@link Timing#compatibleDt}); {@code tstart = min(gti)},
     * {@code tseg = max(gti) − tstart}, then {@link #make}. With an empty GTI list the span of the
     * events is used instead (first event, last − first).
     *
     * <p>Stingray passes its private {@code _gti}, so for a list read without a GTI extension its
     * {@code tstart} is the first event even when TIMEDEL > 0, while Manta's reader always fills the
     * default GTI {@code [t0 − TIMEDEL/2, …]} and starts TIMEDEL/2 earlier (errata L9: Stingray does
     * the same once its {@code gti} attribute has been read).
     */
    public static LightCurve fromEvents(EventList events, double dt) {
        double binTime = Timing.compatibleDt(dt, events.info().timedel());
        GtiList gti = events.gti();
        if (gti.isEmpty()) {
            if (events.size() == 0) {
                throw new NoDataException("cannot bin an event list with no events and no GTIs");
            }
            double first = events.time()[0];
            return make(events.time(), binTime, first, events.time()[events.size() - 1] - first, null);
        }
        double tstart = gti.start();
        return make(events.time(), binTime, tstart, gti.stop() - tstart, gti);
    }

    /**
     * Stingray {@code Lightcurve.make_lightcurve(times, dt, tstart, tseg, gti)} (science.md §1.3 with
     * science-errata M2):
     * <ul>
     *   <li>{@code timebin = int(tseg/dt)}, plus one if the fractional part of {@code tseg/dt} is
     *       ≥ {@value #ROUND_UP_FRACTION};</li>
     *   <li>events with {@code tstart ≤ t < tstart + timebin·dt} go to bin {@code (t − tstart) // dt}
     *       with Python floor-division semantics (not {@code floor((t − tstart)/dt)});</li>
     *   <li>bin centres {@code tstart + (k + 0.5)·dt}; Poisson errors {@link PoissonErrors#garwood}.</li>
     * </ul>
     * The GTIs are stored, not applied.
     *
     * @param times  event times, s; not modified; need not be sorted
     * @param dt     bin width, s
     * @param tstart start time, s
     * @param tseg   length, s
     * @param gti    GTIs, or null for the default {@code [time[0] − dt/2, time[last] + dt/2]}
     */
    public static LightCurve make(double[] times, double dt, double tstart, double tseg, GtiList gti) {
        int timebin = binCount(dt, tstart, tseg);
        double tend = tstart + timebin * dt;
        long[] counts = new long[timebin];
        for (double t : times) {
            if (tstart <= t && t < tend) {
                long k = (long) NumpyArithmetic.floorDivide(t - tstart, dt);
                if (k >= counts.length) {
                    counts = Arrays.copyOf(counts, (int) (k + 1)); // bincount grows past minlength
                }
                counts[(int) k]++;
            }
        }
        double[] time = new double[counts.length];
        double[] c = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            time[k] = tstart + (0.5 + k) * dt;
            c[k] = counts[k];
        }
        return create(time, c, dt, gti, tstart, tseg);
    }

    /**
     * Stingray {@code make_lightcurve(..., use_hist=True)}, the variant used by
     * {@code EventList.to_lc_iter}/{@code to_lc_list} for each segment: the same selection
     * {@code tstart ≤ t < tend}, then {@code numpy.histogram} over the edges
     * {@code numpy.arange(tstart, tend + dt, dt)} (values {@code tstart + i·((tstart + dt) − tstart)};
     * bins {@code [e_i, e_{i+1})}, the last one closed); bin centres {@code e_i + 0.5·dt}.
     */
    public static LightCurve makeHistogram(double[] times, double dt, double tstart, double tseg, GtiList gti) {
        int timebin = binCount(dt, tstart, tseg);
        double tend = tstart + timebin * dt;
        double stop = tend + dt;
        int nEdges = (int) Math.ceil((stop - tstart) / dt);
        double step = (tstart + dt) - tstart;
        double[] edges = new double[nEdges];
        for (int i = 0; i < nEdges; i++) {
            edges[i] = tstart + i * step;
        }
        int nBins = Math.max(nEdges - 1, 0);
        long[] counts = new long[nBins];
        for (double t : times) {
            if (tstart <= t && t < tend && nBins > 0 && t >= edges[0] && t <= edges[nBins]) {
                int k = Arrays.binarySearch(edges, t);
                int bin = k >= 0 ? k : -k - 2; // last edge <= t
                counts[Math.min(bin, nBins - 1)]++;
            }
        }
        double[] time = new double[nBins];
        double[] c = new double[nBins];
        for (int k = 0; k < nBins; k++) {
            time[k] = edges[k] + 0.5 * dt;
            c[k] = counts[k];
        }
        return create(time, c, dt, gti, tstart, tseg);
    }

    private static int binCount(double dt, double tstart, double tseg) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite number of seconds");
        }
        if (!(tseg >= 0) || Double.isInfinite(tseg) || !Double.isFinite(tstart)) {
            throw new InvalidParameterException("tseg", tseg, "a finite, non-negative number of seconds");
        }
        double ratio = tseg / dt;
        if (ratio >= Integer.MAX_VALUE) {
            throw new InvalidParameterException("dt", dt, "at most " + Integer.MAX_VALUE + " bins in tseg = " + tseg + " s");
        }
        int timebin = (int) ratio;
        if (ratio - timebin >= ROUND_UP_FRACTION) {
            timebin += 1;
        }
        MemoryLimit.require("dt", GtiList.seconds(dt), timebin, BYTES_PER_BIN, "light-curve bins in tseg = "
                + GtiList.seconds(tseg) + " s", "a larger bin time");
        return timebin;
    }

    private static LightCurve create(double[] time, double[] counts, double dt, GtiList gti, double tstart, double tseg) {
        GtiList g = gti;
        if (g == null) {
            if (time.length == 0) {
                throw new NoDataException("no light-curve bins to derive a default GTI from");
            }
            g = GtiList.of(new double[] {time[0] - dt / 2}, new double[] {time[time.length - 1] + dt / 2});
        }
        return new LightCurve(time, counts, PoissonErrors.garwood(counts), dt, g, tstart, tseg);
    }

    /**
     * Stingray {@code Lightcurve.apply_gtis(inplace=False)}: keeps the bins that lie wholly inside a
     * GTI ({@link Gtis#mask(double[], GtiList, double)}, ε = 0.001 bins), with their counts and errors;
     * then {@code tstart = time[0] − 0.5·dt} and {@code tseg = max(gti) − min(gti)}.
     *
     * @throws NoDataException when no bin survives
     */
    public LightCurve applyGtis() {
        boolean[] mask = Gtis.mask(time, gti, dt);
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        if (n == 0) {
            throw new NoDataException("no light-curve bin of dt = " + dt + " s lies inside the GTIs " + gti.describe());
        }
        double[] t = new double[n];
        double[] c = new double[n];
        double[] e = new double[n];
        int j = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                t[j] = time[i];
                c[j] = counts[i];
                e[j] = countsErr[i];
                j++;
            }
        }
        return new LightCurve(t, c, e, dt, gti, t[0] - 0.5 * dt, gti.stop() - gti.start());
    }

    /** Count rate per bin, {@code counts/dt}, ct/s (a new array). */
    public double[] countRate() {
        double[] r = new double[counts.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = counts[i] / dt;
        }
        return r;
    }

    /**
     * Mean count rate over the bins inside the GTIs, ct/s (Stingray {@code Lightcurve.meanrate} =
     * {@code np.mean(countrate[mask])}, with numpy's pairwise summation so the value is bit-identical).
     *
     * @throws NoDataException when no bin lies inside the GTIs
     */
    public double meanRate() {
        return maskedMean(countRate());
    }

    /** Mean counts per bin over the bins inside the GTIs (Stingray {@code meancounts}). */
    public double meanCounts() {
        return maskedMean(counts);
    }

    private double maskedMean(double[] values) {
        boolean[] mask = Gtis.mask(time, gti, dt);
        double[] kept = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (mask[i]) {
                kept[n++] = values[i];
            }
        }
        if (n == 0) {
            throw new NoDataException("no light-curve bin of dt = " + dt + " s lies inside the GTIs " + gti.describe());
        }
        return NumpyArithmetic.pairwiseSum(kept, 0, n) / n;
    }
}
