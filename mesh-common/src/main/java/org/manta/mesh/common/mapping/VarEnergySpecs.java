package org.manta.mesh.common.mapping;

import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.Float80;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.EnergyBands;
import org.manta.core.varenergy.ExcessVarianceAccumulator;
import org.manta.core.varenergy.VarEnergyAccumulator;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergyLayout;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ExcessVarianceSums;
import org.manta.proto.v1.VarEnergySpec;
import org.manta.proto.v1.VarEnergySums;

/**
 * A variability-versus-energy job on the wire: the request ({@code JobSpec.varenergy}) ⇄ the core's
 * {@link VarEnergyRequest}, and the accumulator's layout and state ({@code VarEnergySums}) ⇄
 * {@link VarEnergyLayout} and {@link VarEnergyAccumulator.State}. Rejections name the JobSpec field.
 */
public final class VarEnergySpecs {
    private VarEnergySpecs() {
    }

    /**
     * The core request of a VARENERGY spec whose dt and segment length {@link JobSpecs#request} has checked.
     *
     * @param inputs 1, or 2 when the second list gives the reference
     */
    static VarEnergyRequest request(JobSpec spec, int inputs) {
        if (!spec.hasVarenergy()) {
            throw new InvalidParameterException("varenergy", "unset",
                    "the kind, bands, reference band and frequency interval of a VARENERGY job");
        }
        VarEnergySpec v = spec.getVarenergy();
        VarEnergyKind kind;
        try {
            kind = VarEnergyKind.parse(v.getKind());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("varenergy.kind", "\"" + v.getKind() + "\"",
                    "one of rms, lag, covariance, complexcov, count, excvar");
        }
        if (kind == VarEnergyKind.EXCESS_VARIANCE && inputs != 1) {
            throw new InvalidParameterException("inputs", inputs + " event lists", "one for the excess variance");
        }
        Normalization norm = spec.getNorm() == Norm.NORM_UNSPECIFIED ? kind.defaultNorm()
                : Protos.normalization(spec.getNorm());
        return new VarEnergyRequest(kind, norm, spec.getDt(), spec.getSegmentSize(), bands(v),
                reference(v), v.getFreqLo(), v.getFreqHi(), inputs);
    }

    /** The wire form of a request's part that JobSpec has no field for (kind, bands, reference, interval). */
    public static VarEnergySpec spec(VarEnergyRequest request) {
        return layoutSpec(request.bands(), request.reference(), request.fLo(), request.fHi())
                .setKind(request.kind().label()).build();
    }

    private static VarEnergySpec.Builder layoutSpec(EnergyBands bands, EnergyBand reference, double fLo, double fHi) {
        VarEnergySpec.Builder b = VarEnergySpec.newBuilder().setOnPi(bands.onPi()).setReference(Protos.band(reference))
                .setFreqLo(fLo).setFreqHi(fHi);
        for (double e : bands.edges()) {
            b.addBandEdges(e);
        }
        return b;
    }

    private static EnergyBands bands(VarEnergySpec v) {
        try {
            return new EnergyBands(Protos.doubles(v.getBandEdgesList()), v.getOnPi());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("varenergy.band_edges", v.getBandEdgesList(),
                    "at least two increasing edges");
        }
    }

    private static EnergyBand reference(VarEnergySpec v) {
        if (!v.hasReference()) {
            return VarEnergyRequest.fullBand(v.getOnPi());
        }
        try {
            return Protos.band(v.getReference());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("varenergy.reference", v.getReference().getLo() + ":"
                    + v.getReference().getHi(), "lo < hi");
        }
    }

    /** The wire form of an accumulator's layout and state (its {@code seen} set travels as the partial's ranges). */
    public static VarEnergySums sums(VarEnergyLayout layout, VarEnergyAccumulator.State s) {
        SegmentSpec spec = layout.spec();
        VarEnergySums.Builder b = VarEnergySums.newBuilder().setSegmentSize(spec.segmentSize())
                .setLayout(layoutSpec(layout.bands(), layout.reference(), layout.fLo(), layout.fHi()))
                .setRequestedSegment(layout.requestedSegment()).setSecondList(layout.secondList())
                .addAllSubPower(Doubles.of(s.subPower())).addAllCrossRe(Doubles.of(s.crossRe()))
                .addAllCrossIm(Doubles.of(s.crossIm())).addAllPairRe(Doubles.of(s.pairRe()))
                .addAllPairIm(Doubles.of(s.pairIm())).addAllRefPower(Doubles.of(s.refPower()));
        if (spec.isExtended()) {
            b.setSegmentSizeExtended(true).setSegmentSizeLo(spec.extendedSegmentSize().lo());
        }
        add(s.subSegments(), b::addSubSegments);
        add(s.crossSegments(), b::addCrossSegments);
        add(s.pairSegments(), b::addPairSegments);
        add(s.subPhotons(), b::addSubPhotons);
        add(s.pairPhotons1(), b::addPairPhotons1);
        add(s.pairPhotons2(), b::addPairPhotons2);
        add(s.segmentEvents(), b::addSegmentEvents);
        add(s.segmentEvents2(), b::addSegmentEvents2);
        add(s.listEvents(), b::addListEvents);
        add(s.reference(), b::addReference);
        return b.build();
    }

    private interface LongSink {
        Object add(long v);
    }

    private static void add(long[] values, LongSink sink) {
        for (long v : values) {
            sink.add(v);
        }
    }

    /** The layout a partial's sums were made with; {@code dt} and {@code nbin} are the partial's. */
    public static VarEnergyLayout layout(VarEnergySums w, double dt, int nbin) {
        SegmentSpec spec = new SegmentSpec(dt, nbin, w.getSegmentSize(), w.getSegmentSizeExtended()
                ? new Float80.Value(w.getSegmentSize(), w.getSegmentSizeLo()) : null);
        VarEnergySpec v = w.getLayout();
        return new VarEnergyLayout(spec, bands(v), reference(v), v.getFreqLo(), v.getFreqHi(), w.getRequestedSegment(),
                w.getSecondList());
    }

    /**
     * The state the sums hold over {@code seen}.
     *
     * @throws InvalidParameterException if an array's length does not fit the layout ({@link VarEnergyAccumulator#fromState})
     */
    public static VarEnergyAccumulator.State state(VarEnergySums w, SegmentSet seen) {
        return new VarEnergyAccumulator.State(seen, Protos.doubles(w.getSubPowerList()),
                Protos.doubles(w.getCrossReList()), Protos.doubles(w.getCrossImList()),
                Protos.doubles(w.getPairReList()), Protos.doubles(w.getPairImList()), Protos.doubles(w.getRefPowerList()),
                Protos.longs(w.getSubSegmentsList()), Protos.longs(w.getCrossSegmentsList()), Protos.longs(w.getPairSegmentsList()),
                Protos.longs(w.getSubPhotonsList()), Protos.longs(w.getPairPhotons1List()), Protos.longs(w.getPairPhotons2List()),
                Protos.longs(w.getSegmentEventsList()), Protos.longs(w.getSegmentEvents2List()), Protos.longs(w.getListEventsList()),
                Protos.longs(w.getReferenceList()));
    }

    /** The wire form of an excess-variance accumulator's sums, with its bands and the request's reference band. */
    public static ExcessVarianceSums excessVarianceSums(ExcessVarianceAccumulator acc, EnergyBand reference) {
        ExcessVarianceAccumulator.State s = acc.state();
        ExcessVarianceSums.Builder b = ExcessVarianceSums.newBuilder().setDt(acc.dt())
                .setLayout(layoutSpec(acc.bands(), reference, Double.NaN, Double.NaN)
                        .setKind(VarEnergyKind.EXCESS_VARIANCE.label()))
                .addAllSumErrorSquares(Doubles.of(s.sumErrorSquares()));
        add(s.bins(), b::addBins);
        add(s.sum(), b::addSum);
        add(s.sumSquares(), b::addSumSquares);
        return b.build();
    }

    /**
     * The accumulator the sums hold.
     *
     * @throws InvalidParameterException if an array's length is not the number of bands
     */
    public static ExcessVarianceAccumulator excessVariance(ExcessVarianceSums w) {
        return ExcessVarianceAccumulator.fromState(bands(w.getLayout()), w.getDt(),
                new ExcessVarianceAccumulator.State(Protos.longs(w.getBinsList()), Protos.longs(w.getSumList()),
                        Protos.longs(w.getSumSquaresList()), Protos.doubles(w.getSumErrorSquaresList())));
    }

    /** The reference band of excess-variance sums (recorded in the product only). */
    public static EnergyBand reference(ExcessVarianceSums w) {
        return reference(w.getLayout());
    }
}
