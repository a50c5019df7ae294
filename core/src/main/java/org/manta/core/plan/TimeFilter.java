package org.manta.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;

/**
 * The user's restrictions of the good time, applied by the plan to the GTIs of the inputs (in this order):
 * intersection with a user GTI list, with {@code [tstart, tstop]}, then GTIs shorter than {@code minGti}
 * left out.
 *
 * @param userGti user good time intervals (MET s, the inputs' time system); empty: none
 * @param tstart  earliest time used, MET s; empty: no limit
 * @param tstop   latest time used, MET s; empty: no limit
 * @param minGti  shortest GTI kept, s (0: all)
 */
public record TimeFilter(Optional<GtiList> userGti, OptionalDouble tstart, OptionalDouble tstop, double minGti) {
    private static final TimeFilter NONE = new TimeFilter(Optional.empty(), OptionalDouble.empty(),
            OptionalDouble.empty(), 0);

    public TimeFilter {
        if (!(minGti >= 0) || Double.isInfinite(minGti)) {
            throw new InvalidParameterException("min_gti", minGti, "a finite GTI length in seconds, at least 0");
        }
        if (userGti.isPresent() && userGti.get().isEmpty()) {
            throw new InvalidParameterException("gti", "[]", "a user GTI list with at least one interval");
        }
        if (tstart.isPresent() && tstop.isPresent() && !(tstop.getAsDouble() > tstart.getAsDouble())) {
            throw new InvalidParameterException("tstop", GtiList.seconds(tstop.getAsDouble()),
                    "a time after tstart = " + GtiList.seconds(tstart.getAsDouble()));
        }
    }

    /** No restriction: the inputs' GTIs as they are. */
    public static TimeFilter none() {
        return NONE;
    }

    /** Whether this filter changes nothing. */
    public boolean isNone() {
        return userGti.isEmpty() && tstart.isEmpty() && tstop.isEmpty() && minGti == 0;
    }

    /**
     * The part of {@code gti} this filter keeps (possibly empty): {@code gti ∩ userGti ∩ [tstart, tstop]},
     * without the intervals shorter than {@code minGti}.
     */
    public GtiList apply(GtiList gti) {
        if (isNone()) {
            return gti;
        }
        GtiList out = gti;
        if (userGti.isPresent()) {
            out = Gtis.intersect(out, userGti.get());
        }
        if (tstart.isPresent() || tstop.isPresent()) {
            double lo = tstart.orElse(Double.NEGATIVE_INFINITY);
            double hi = tstop.orElse(Double.POSITIVE_INFINITY);
            List<Gti> clipped = new ArrayList<>();
            for (Gti g : out.intervals()) {
                double a = Math.max(g.start(), lo);
                double b = Math.min(g.stop(), hi);
                if (b > a) {
                    clipped.add(new Gti(a, b));
                }
            }
            out = GtiList.of(clipped);
        }
        if (minGti > 0) {
            List<Gti> kept = new ArrayList<>();
            for (Gti g : out.intervals()) {
                if (g.length() >= minGti) {
                    kept.add(g);
                }
            }
            out = GtiList.of(kept);
        }
        return out;
    }

    /** How messages describe the filter, e.g. {@code "--gti (3 intervals), --tstart 100, --min-gti 16"}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        userGti.ifPresent(g -> parts.add("user GTIs (" + g.size() + " interval" + (g.size() == 1 ? "" : "s") + ")"));
        tstart.ifPresent(t -> parts.add("--tstart " + GtiList.seconds(t)));
        tstop.ifPresent(t -> parts.add("--tstop " + GtiList.seconds(t)));
        if (minGti > 0) {
            parts.add("--min-gti " + GtiList.seconds(minGti) + " s");
        }
        return parts.isEmpty() ? "no time filter" : String.join(", ", parts);
    }
}
