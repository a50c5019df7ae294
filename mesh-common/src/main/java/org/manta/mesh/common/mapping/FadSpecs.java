package org.manta.mesh.common.mapping;

import org.manta.core.InvalidParameterException;
import org.manta.core.deadtime.FadAccumulator;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;
import org.manta.proto.v1.FadSpec;
import org.manta.proto.v1.FadSums;
import org.manta.proto.v1.FadWeightedSums;

/**
 * A FAD job's options ({@code JobSpec.fad}) ⇄ the core's smoothing and tolerance (with Stingray's defaults for
 * unset values, as {@code manta fad}), and the accumulator's state ({@code FadSums}) ⇄
 * {@link FadAccumulator.State}. Rejections name the JobSpec field.
 */
public final class FadSpecs {
    private FadSpecs() {
    }

    /** Checks the options of a FAD job ({@code JobSpecs.request} calls it). */
    static void check(FadSpec f) {
        smoothing(f);
        if (!(f.getSmoothingLength() >= 0) || Double.isInfinite(f.getSmoothingLength())) {
            throw new InvalidParameterException("fad.smoothing_length", f.getSmoothingLength(),
                    "a positive number of frequency bins, or 0 for Stingray's default (3 x the segment length in s)");
        }
        if (!(f.getTolerance() >= 0) || Double.isInfinite(f.getTolerance())) {
            throw new InvalidParameterException("fad.tolerance", f.getTolerance(),
                    "a positive relative error, or 0 for " + FadAccumulator.DEFAULT_TOLERANCE);
        }
    }

    /** The smoothing algorithm ("" is Stingray's Gaussian). */
    public static FadSmoothing smoothing(FadSpec f) {
        if (f.getSmoothing().isEmpty()) {
            return FadSmoothing.GAUSS;
        }
        try {
            return FadSmoothing.parse(f.getSmoothing());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("fad.smoothing", "\"" + f.getSmoothing() + "\"", "gauss");
        }
    }

    /** σ of the smoothing in frequency bins: the spec's, or Stingray's default for the planned segment. */
    public static double smoothingLength(FadSpec f, SegmentSpec segment) {
        return f.getSmoothingLength() > 0 ? f.getSmoothingLength() : FadAccumulator.defaultSmoothingLength(segment);
    }

    /** The accepted relative error of the compliance check: the spec's, or Stingray's default. */
    public static double tolerance(FadSpec f) {
        return f.getTolerance() > 0 ? f.getTolerance() : FadAccumulator.DEFAULT_TOLERANCE;
    }

    /** The wire form of what a client asked for (unset values stay 0: the defaults). */
    public static FadSpec spec(FadSmoothing smoothing, double smoothingLength, double tolerance) {
        return FadSpec.newBuilder().setSmoothing(smoothing.label()).setSmoothingLength(smoothingLength)
                .setTolerance(tolerance).build();
    }

    /** The wire form of an accumulator's state (its used segments travel as the partial's used ranges). */
    public static FadSums sums(FadAccumulator acc) {
        FadAccumulator.State s = acc.state();
        return FadSums.newBuilder().setP1(sums(s.p1())).setP2(sums(s.p2())).setPt(sums(s.pt()))
                .setCRe(sums(s.cRe())).setCIm(sums(s.cIm())).setPtUncorrected(sums(s.ptUncorrected()))
                .addAllFadRe(Doubles.of(s.fadRe())).addAllFadIm(Doubles.of(s.fadIm()))
                .setNph1Sum(s.sumNph1()).setNph2Sum(s.sumNph2())
                .setSmoothing(FadSpec.newBuilder().setSmoothing(acc.smoothing().label())
                        .setSmoothingLength(acc.smoothingLength()))
                .build();
    }

    private static FadWeightedSums sums(FadAccumulator.Sums s) {
        return FadWeightedSums.newBuilder().addAllSum(Doubles.of(s.sum())).addAllSumW(Doubles.of(s.sumW()))
                .addAllSumW2(Doubles.of(s.sumW2())).build();
    }

    private static FadAccumulator.Sums sums(FadWeightedSums w) {
        return new FadAccumulator.Sums(Protos.doubles(w.getSumList()), Protos.doubles(w.getSumWList()),
                Protos.doubles(w.getSumW2List()));
    }

    /**
     * The accumulator the sums hold over {@code used}, on {@code spec}.
     *
     * @throws InvalidParameterException if an array's length does not fit the layout
     */
    public static FadAccumulator accumulator(FadSums w, SegmentSpec spec, SegmentSet used) {
        return FadAccumulator.fromState(spec, smoothing(w.getSmoothing()), w.getSmoothing().getSmoothingLength(),
                new FadAccumulator.State(used, sums(w.getP1()), sums(w.getP2()), sums(w.getPt()), sums(w.getCRe()),
                        sums(w.getCIm()), sums(w.getPtUncorrected()), Protos.doubles(w.getFadReList()),
                        Protos.doubles(w.getFadImList()), w.getNph1Sum(), w.getNph2Sum()));
    }
}
