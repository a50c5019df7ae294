package org.manta.core.gti;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;

/**
 * Operations on good time intervals (science.md §2 with science-errata M7, L12; Stingray
 * {@code gti.py}). All methods are pure: they never modify their arguments.
 */
public final class Gtis {
    /** Default tolerance of {@link #mask}, as a fraction of the bin time (Stingray {@code epsilon=0.001}). */
    public static final double DEFAULT_MASK_EPSILON = 0.001;

    private Gtis() {
    }

    /**
     * Joins consecutive intervals whose boundaries touch exactly (Stingray
     * {@code join_equal_gti_boundaries(gti, threshold=0)}).
     */
    public static GtiList joinEqualBoundaries(GtiList gtis) {
        return joinEqualBoundaries(gtis, 0.0);
    }

    /**
     * Joins consecutive intervals {@code [a_i, b_i]}, {@code [a_{i+1}, b_{i+1}]} with
     * {@code |b_i - a_{i+1}| <= threshold} into {@code [a_i, b_{i+1}]}, repeatedly (Stingray
     * {@code join_equal_gti_boundaries}).
     *
     * @param gtis      the intervals
     * @param threshold largest gap to close, s (0: only exactly touching intervals)
     * @return the joined list (the same object when nothing was joined)
     */
    public static GtiList joinEqualBoundaries(GtiList gtis, double threshold) {
        if (!(threshold >= 0)) {
            throw new InvalidParameterException("threshold", threshold, "a non-negative number of seconds");
        }
        List<Gti> in = gtis.intervals();
        if (in.size() < 2) {
            return gtis;
        }
        List<Gti> out = new ArrayList<>(in.size());
        Gti current = in.get(0);
        boolean joined = false;
        for (int i = 1; i < in.size(); i++) {
            Gti next = in.get(i);
            boolean touch = threshold == 0
                    ? Gti.compare(current.stop(), current.stopLo(), next.start(), next.startLo()) == 0
                    : Math.abs(current.stop() - next.start()) <= threshold;
            if (touch) {
                current = new Gti(current.start(), next.stop(), current.startLo(), next.stopLo());
                joined = true;
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return joined ? GtiList.of(out) : gtis;
    }

    /**
     * The exact intersection of two GTI lists: after joining exactly touching intervals within each
     * list, the intervals of positive length where both lists are good.
     *
     * <p><b>Deliberately differs from Stingray</b> {@code cross_two_gtis} when a start of one list
     * equals a stop of the other: Stingray's end-ordered sweep can then emit spurious intervals
     * (science-errata M7; e.g. {@code [[14,32],[38,40]] ∩ [[6,9],[12,14],[44,47]]} is empty here, but
     * {@code [[14,32]]} in Stingray). Everywhere else the two agree.
     *
     * @return the intersection; empty (never null) when the lists share no good time
     */
    public static GtiList intersect(GtiList a, GtiList b) {
        List<Gti> x = joinEqualBoundaries(a).intervals();
        List<Gti> y = joinEqualBoundaries(b).intervals();
        List<Gti> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            Gti p = x.get(i);
            Gti q = y.get(j);
            Gti later = Gti.compare(p.start(), p.startLo(), q.start(), q.startLo()) >= 0 ? p : q;
            int stops = Gti.compare(p.stop(), p.stopLo(), q.stop(), q.stopLo());
            Gti earlier = stops <= 0 ? p : q;
            if (Gti.compare(earlier.stop(), earlier.stopLo(), later.start(), later.startLo()) > 0) {
                out.add(new Gti(later.start(), earlier.stop(), later.startLo(), earlier.stopLo()));
            }
            if (stops < 0) {
                i++;
            } else if (stops > 0) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return GtiList.of(out);
    }

    /**
     * The good time two named lists share ({@link #intersect(GtiList, GtiList)}), which a product of both needs.
     *
     * @throws NoDataException naming both when they share none
     */
    public static GtiList common(String name1, GtiList gti1, String name2, GtiList gti2) {
        GtiList common = intersect(gti1, gti2);
        if (common.isEmpty()) {
            throw new NoDataException(name1 + " and " + name2 + " have no common good time");
        }
        return common;
    }

    /**
     * Intersection of several GTI lists, folding {@link #intersect(GtiList, GtiList)} (Stingray
     * {@code cross_gtis}): a single list is returned unchanged (not joined), and the fold stops as
     * soon as the intersection is empty.
     *
     * @throws InvalidParameterException when {@code lists} is empty
     */
    public static GtiList intersect(List<GtiList> lists) {
        if (lists.isEmpty()) {
            throw new InvalidParameterException("gti", "[]", "at least one GTI list to intersect");
        }
        GtiList acc = lists.get(0);
        for (int k = 1; k < lists.size(); k++) {
            acc = intersect(acc, lists.get(k));
            if (acc.isEmpty()) {
                return acc;
            }
        }
        return acc;
    }

    /**
     * The union of GTI lists (e.g. of several observations): all intervals, sorted, overlapping or touching
     * ones merged. A single list is returned unchanged.
     */
    public static GtiList union(List<GtiList> lists) {
        if (lists.size() == 1) {
            return lists.get(0);
        }
        List<Gti> all = new ArrayList<>();
        for (GtiList l : lists) {
            all.addAll(l.intervals());
        }
        all.sort(Comparator.comparingDouble(Gti::start));
        List<Gti> out = new ArrayList<>();
        for (Gti g : all) {
            int last = out.size() - 1;
            if (last >= 0 && g.start() <= out.get(last).stop()) {
                out.set(last, new Gti(out.get(last).start(), Math.max(out.get(last).stop(), g.stop())));
            } else {
                out.add(g);
            }
        }
        return GtiList.of(out);
    }

    /**
     * GTI mask for binned data (Stingray {@code create_gti_mask} with its pure-numpy path
     * {@code create_gti_mask_complete}, science.md §2.3): the sample at {@code time[i]} is good when for
     * some GTI {@code [a, b]}
     * <pre>  (a + dt/2) − ε·dt  ≤  t  ≤  (b − dt/2) + ε·dt</pre>
     * i.e. the whole bin of width {@code dt} centred on {@code t} lies in the GTI, with a tolerance of
     * {@code ε} bins. As in Stingray, the two thresholds are evaluated in extended precision
     * ({@link Float80}; GTIs are {@code longdouble} there) and compared exactly with the double times.
     * With {@code dt = 0} (events) the test is the closed interval {@code a ≤ t ≤ b}. Consequently a
     * GTI gap shorter than one bin still invalidates the bins that straddle it.
     *
     * @param time    sample times (bin centres), s; not modified; need not be sorted
     * @param gtis    good time intervals (must not be empty)
     * @param dt      bin width, s (≥ 0)
     * @param epsilon tolerance as a fraction of {@code dt} (Stingray default 0.001)
     * @return a new array, {@code true} where the sample is inside a GTI
     */
    public static boolean[] mask(double[] time, GtiList gtis, double dt, double epsilon) {
        if (gtis.isEmpty()) {
            throw new InvalidParameterException("gti", "[]", "at least one good time interval");
        }
        if (!(dt >= 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a non-negative, finite number of seconds");
        }
        boolean[] mask = new boolean[time.length];
        Float80.Value halfDt = Float80.of(dt / 2);
        Float80.Value epsDt = Float80.of(epsilon * dt);
        boolean sorted = isSorted(time);
        for (Gti g : gtis.intervals()) {
            Float80.Value lo = Float80.subtract(Float80.add(g.exactStart(), halfDt), epsDt);
            Float80.Value hi = Float80.add(Float80.subtract(g.exactStop(), halfDt), epsDt);
            if (sorted) {
                int from = firstAtLeast(time, lo);
                for (int i = from; i < time.length && Float80.compare(time[i], hi) <= 0; i++) {
                    mask[i] = true;
                }
            } else {
                for (int i = 0; i < time.length; i++) {
                    if (Float80.compare(time[i], lo) >= 0 && Float80.compare(time[i], hi) <= 0) {
                        mask[i] = true;
                    }
                }
            }
        }
        return mask;
    }

    /** {@link #mask(double[], GtiList, double, double)} with {@code ε =} {@value #DEFAULT_MASK_EPSILON}. */
    public static boolean[] mask(double[] time, GtiList gtis, double dt) {
        return mask(time, gtis, dt, DEFAULT_MASK_EPSILON);
    }

    /**
     * {@link #mask(double[], GtiList, double)} with Stingray's default bin time when none is given:
     * half the median spacing of the sorted times, {@code median(diff(sort(time)))/2} (the pure-numpy
     * path, science-errata L12). Needs at least two times.
     */
    public static boolean[] mask(double[] time, GtiList gtis) {
        if (time.length < 2) {
            throw new InvalidParameterException("time", time.length + " samples", "at least 2 samples to infer dt");
        }
        double[] sorted = time.clone();
        Arrays.sort(sorted);
        double[] diff = new double[sorted.length - 1];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = sorted[i + 1] - sorted[i];
        }
        return mask(time, gtis, median(diff) / 2);
    }

    /**
     * GTIs from a condition on samples (Stingray {@code create_gti_from_condition(time, condition, dt=halfWidth)},
     * {@code safe_interval = 0}): one GTI per run of consecutive indices where {@code condition} holds,
     * {@code [time[first] − halfWidth, time[last] + halfWidth]}. Runs are runs of indices
     * ({@code utils.contiguous_regions}), so a gap in the times inside a run is not a gap in the GTI. Stingray's
     * default {@code halfWidth} is half the first spacing, {@code (time[1] − time[0])/2}.
     *
     * @param time      sample times (bin centres), s, increasing; not modified
     * @param condition whether each sample is good; same length as {@code time}; not modified
     * @param halfWidth how far each GTI reaches beyond its first and last sample, s (≥ 0)
     * @return the GTIs, in order; empty when no sample is good
     */
    public static GtiList fromCondition(double[] time, boolean[] condition, double halfWidth) {
        if (time.length != condition.length) {
            throw new InvalidParameterException("condition", condition.length + " values",
                    "one per time (" + time.length + ")");
        }
        if (!(halfWidth >= 0) || Double.isInfinite(halfWidth)) {
            throw new InvalidParameterException("halfWidth", halfWidth, "a non-negative, finite number of seconds");
        }
        List<Gti> out = new ArrayList<>();
        for (int i = 0; i < time.length; i++) {
            if (condition[i]) {
                int first = i;
                while (i + 1 < time.length && condition[i + 1]) {
                    i++;
                }
                out.add(new Gti(time[first] - halfWidth, time[i] + halfWidth));
            }
        }
        return GtiList.of(out);
    }

    /** numpy {@code median}: middle element, or the mean of the two middle ones. Sorts {@code a}. */
    private static double median(double[] a) {
        Arrays.sort(a);
        int n = a.length;
        return (n % 2 == 1) ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    private static boolean isSorted(double[] t) {
        for (int i = 1; i < t.length; i++) {
            if (!(t[i] >= t[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** First index {@code i} of a sorted array with {@code t[i] >= v} (or {@code t.length}). */
    private static int firstAtLeast(double[] t, Float80.Value v) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Float80.compare(t[mid], v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
