package org.manta.mesh.common.partial;

import org.manta.core.InvalidParameterException;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * The partial of an analysis of a whole series (LOMB, MULTITAPER, BISPECTRUM, BICOHERENCE, a PDS without a segment
 * size: one periodogram of the whole span, and LC, the light curve itself): the finished product. Lomb–Scargle and
 * multitaper spectra and bispectra are computed on the whole light curve, not by segments, so the job is one work unit ({@code WorkUnits.whole}) that one fft worker
 * computes with the embedded command's code; the partial covers every segment of the plan (processed = used) so
 * that the reduce tree's bookkeeping completes the job, and the final merge publishes the product it carries. On
 * the wire {@code PartialAccumulator.whole_series}.
 */
public final class WholeSeriesPartial extends MeshPartial {
    private final Product product;

    private WholeSeriesPartial(String jobId, SegmentSpec spec, SegmentSet segments, Product product) {
        super(jobId, spec, segments, segments.copy());
        this.product = product;
    }

    /**
     * The partial of a whole input.
     *
     * @param spec     the plan's segment layout
     * @param segments every segment of the plan (the one work unit's)
     * @param product  the finished product (its kind is the partial's)
     */
    public static WholeSeriesPartial of(String jobId, SegmentSpec spec, SegmentSet segments, Product product) {
        return new WholeSeriesPartial(jobId, spec, segments.copy(), product);
    }

    static WholeSeriesPartial fromProto(PartialAccumulator p, SegmentSpec spec, SegmentSet processed, SegmentSet used) {
        if (!used.equals(processed)) {
            throw new InvalidParameterException("partial.used_ranges", used, "the processed segments " + processed
                    + " (a whole-series partial covers the whole input)");
        }
        if (p.getWholeSeries().getKind() != p.getKind()) {
            throw new InvalidParameterException("partial.whole_series.kind", p.getWholeSeries().getKind(),
                    "the partial's kind " + p.getKind());
        }
        return new WholeSeriesPartial(p.getJobId(), spec, processed, p.getWholeSeries());
    }

    @Override
    public ProductKind kind() {
        return product.getKind();
    }

    @Override
    int channels() {
        return 1;
    }

    @Override
    boolean foldSums(SegmentSlice[] channels, SegmentKernel kernel) {
        throw new InvalidParameterException("kernel", "a segment", "none: a " + kind() + " product is computed from "
                + "the whole input (WholeSeriesPartial.of)");
    }

    @Override
    void mergeSums(MeshPartial other) {
        // unreachable: the job's one partial covers every segment, so another overlaps it (MeshPartial.merge)
        throw new InvalidParameterException("partial", other.kind(), "none besides the job's one whole-series partial");
    }

    @Override
    void writeSums(PartialAccumulator.Builder b, boolean withRows) {
        b.setWholeSeries(product);
    }

    /** The finished product (job id, kind and the product's own fields; the reducer adds GTIs and provenance). */
    public Product product() {
        return product;
    }
}
