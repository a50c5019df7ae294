package org.manta.core.deadtime;

import org.manta.core.InvalidParameterException;
import org.manta.core.events.EventList;

/**
 * Applies a constant dead time to a list of events (Stingray {@code filters.get_deadtime_mask},
 * {@code filter_for_deadtime}, {@code EventList.apply_deadtime}): after each <i>recorded</i> event the
 * detector is dead for {@code deadTime} seconds.
 * <ul>
 *   <li><b>non-paralyzable</b>: an event is lost if it arrives strictly before the end of the dead time
 *       of the last recorded event; lost events do not extend it. Consecutive recorded events are at
 *       least {@code deadTime} apart.</li>
 *   <li><b>paralyzable</b>: every event, recorded or not, starts a new dead time; an event is lost if
 *       the previous event (of any kind) was less than {@code deadTime} before it.</li>
 * </ul>
 * An event exactly at the end of a dead time is kept in both models. Times are compared relative to the
 * first event in the non-paralyzable case, as Stingray does. A zero dead time keeps everything.
 */
public final class DeadTimeFilter {
    private DeadTimeFilter() {
    }

    /**
     * The mask of the recorded events: {@code mask[i]} is true if event {@code i} survives.
     *
     * @param times        event times, s, sorted ascending; not modified
     * @param deadTime     dead time, s (at least 0)
     * @param paralyzable  which dead-time model
     * @throws InvalidParameterException if the dead time is negative or not finite
     */
    public static boolean[] mask(double[] times, double deadTime, boolean paralyzable) {
        requireDeadTime(deadTime);
        boolean[] mask = new boolean[times.length];
        java.util.Arrays.fill(mask, true);
        if (deadTime == 0 || times.length == 0) {
            return mask;
        }
        if (paralyzable) {
            for (int i = 1; i < times.length; i++) {
                mask[i] = !(times[i - 1] + deadTime > times[i]);
            }
            return mask;
        }
        double t0 = times[0];
        double deadUntil = (times[0] - t0) + deadTime;
        for (int i = 1; i < times.length; i++) {
            double t = times[i] - t0;
            if (t < deadUntil) {
                mask[i] = false;
            } else {
                deadUntil = t + deadTime;
            }
        }
        return mask;
    }

    /**
     * The mask of the recorded source events when background events share the detector (Stingray
     * {@code get_deadtime_mask(ev_list, deadtime, bkg_ev_list=...)}): the dead time is applied to the
     * merged, time-ordered list (a source event precedes a background event at the same time), and the
     * mask of the source events is returned.
     *
     * @param times      source event times, ascending
     * @param background background event times, ascending
     */
    public static boolean[] mask(double[] times, double[] background, double deadTime, boolean paralyzable) {
        int n = times.length;
        double[] merged = new double[n + background.length];
        boolean[] isSource = new boolean[merged.length];
        int i = 0;
        int b = 0;
        for (int k = 0; k < merged.length; k++) {
            if (b >= background.length || (i < n && times[i] <= background[b])) {
                merged[k] = times[i++];
                isSource[k] = true;
            } else {
                merged[k] = background[b++];
            }
        }
        boolean[] all = mask(merged, deadTime, paralyzable);
        boolean[] out = new boolean[n];
        int s = 0;
        for (int k = 0; k < merged.length; k++) {
            if (isSource[k]) {
                out[s++] = all[k];
            }
        }
        return out;
    }

    /**
     * The recorded events (Stingray {@code filter_for_deadtime(EventList, ...)}): times, energies and PI
     * of the surviving events; GTIs and header metadata unchanged.
     */
    public static EventList filter(EventList events, double deadTime, boolean paralyzable) {
        boolean[] keep = mask(events.time(), deadTime, paralyzable);
        int count = 0;
        for (boolean k : keep) {
            count += k ? 1 : 0;
        }
        double[] time = new double[count];
        double[] energy = new double[events.hasEnergy() ? count : 0];
        int[] pi = new int[events.hasPi() ? count : 0];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                time[j] = events.time()[i];
                if (energy.length > 0) {
                    energy[j] = events.energy()[i];
                }
                if (pi.length > 0) {
                    pi[j] = events.pi()[i];
                }
                j++;
            }
        }
        return new EventList(time, energy, pi, events.gti(), events.info());
    }

    private static void requireDeadTime(double deadTime) {
        if (!(deadTime >= 0) || Double.isInfinite(deadTime)) {
            throw new InvalidParameterException("deadtime", deadTime, "a dead time of at least 0 s (finite)");
        }
    }
}
