package org.manta.mesh.common.fold;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.io.EventFileReader;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.lombscargle.LombScargleRequest;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.bispectrum.Bispectrum;
import org.manta.core.bispectrum.BicoherenceRequest;
import org.manta.core.bispectrum.BispectrumRequest;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.plan.JobPlan;
import org.manta.core.spectrum.Normalization;
import org.manta.core.segment.SegmentSet;
import org.manta.mesh.common.errors.LimitExceededException;
import org.manta.mesh.common.mapping.WholeSeriesSpecs;
import org.manta.mesh.common.mapping.ProductMapper;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.PartialSize;
import org.manta.mesh.common.partial.WholeSeriesPartial;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.Product;

/**
 * A job computed from the whole series ({@link WholeSeriesPartial}): the one work unit {@code WorkUnits.whole},
 * computed here with the embedded command's code. Each event list is read whole and binned at the spec's {@code dt}
 * over its own GTIs ({@link EventLightCurves#read}, as the commands read it: two lists are not intersected), a light
 * curve (FITS or JSON) is read as it is ({@link LightCurveFile#read}, as the commands read it); then LOMB
 * makes {@link LombScargleRequest#power} or {@link LombScargleRequest#cross} of them ({@code manta lomb}), MULTITAPER
 * {@link MultitaperSpectrum#of} of the contiguous bins (both normalised as the spec's {@code err_dist} says, as
 * {@code --err-dist}) ({@link EventLightCurves#contiguous}: one GTI, as
 * {@code manta multitaper}), BISPECTRUM {@link BispectrumRequest#of} and BICOHERENCE {@link BicoherenceRequest#of} of
 * the bins of {@link EventLightCurves#whole} (over several GTIs the gaps as zeros, as {@code manta bispectrum} and
 * {@code bicoherence}, which warn about it), and a PDS without a segment {@link EventLightCurves#periodogram} of the
 * list's light curve over its GTIs and the plan's time filter ({@code manta pds} without {@code --segment}), and LC
 * that light curve itself ({@code manta lc}). Not thread-safe.
 */
final class WholeSeriesFold extends WholeInputFold {
    private final String jobId;
    private final JobPlan plan;
    private final JobSpec spec;

    WholeSeriesFold(String jobId, JobPlan plan, JobSpec spec) {
        super(plan, "a " + spec.getKind() + " job");
        this.jobId = jobId;
        this.plan = plan;
        this.spec = spec;
    }

    /**
     * The finished product of the whole input.
     *
     * @throws LimitExceededException if the product is larger than a partial record may be
     */
    @Override
    MeshPartial compute(List<Path> files) {
        Optional<EnergyBand> band = spec.hasBand1() ? Optional.of(Protos.band(spec.getBand1())) : Optional.empty();
        Product product = switch (spec.getKind()) {
            case PDS -> periodogram(files.get(0), band).build();
            case LC -> ProductMapper.lightCurve(filtered(files.get(0), band), jobId).build();
            case LOMB -> lomb(files, band).build();
            case MULTITAPER -> multitaper(files.get(0), band).build();
            case BISPECTRUM -> bispectrum(files.get(0), band).build();
            case BICOHERENCE -> bicoherence(files.get(0), band).build();
            default -> throw new InvalidParameterException("kind", spec.getKind(),
                    "PDS (without a segment), LC, LOMB, MULTITAPER, BISPECTRUM or BICOHERENCE");
        };
        long bytes = product.getSerializedSize() + PartialSize.OVERHEAD_BYTES;
        if (bytes > PartialSize.MAX_RECORD_BYTES) {
            throw new LimitExceededException("a " + spec.getKind() + " product of " + product.getFreqCount()
                    + " frequencies" + (product.getCum3Count() > 0 ? " on both axes" : "") + " (" + bytes + " bytes)",
                    PartialSize.MAX_RECORD_BYTES, "bytes", PartialSize.RECORD_LIMIT_PROPERTY);
        }
        return WholeSeriesPartial.of(jobId, plan.segment(), SegmentSet.range(0, plan.segmentCount()), product);
    }

    /**
     * {@code manta pds} without {@code --segment}: one periodogram of the list's light curve over its GTIs, restricted
     * by the plan's time filter (over several GTIs the gaps as zeros, which the planner warns about, as the command).
     */
    private Product.Builder periodogram(Path file, Optional<EnergyBand> band) {
        return ProductMapper.pds(EventLightCurves.periodogram(file, filtered(file, band),
                Protos.normalization(spec.getNorm())), jobId);
    }

    /**
     * The light curve of an event list over its GTIs cut by the plan's time filter ({@link EventLightCurves#of}): what
     * {@code manta lc} writes and {@code manta pds} without {@code --segment} transforms.
     */
    private LightCurve filtered(Path file, Optional<EnergyBand> band) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            return EventLightCurves.of(reader, file, band, spec.getDt(), plan.request().timeFilter());
        }
    }

    /** {@code manta lomb}: the periodogram of the first list, or its cross spectrum with the second. */
    private Product.Builder lomb(List<Path> files, Optional<EnergyBand> band) {
        LombScargleRequest request = WholeSeriesSpecs.lomb(spec);
        LombSpec options = WholeSeriesSpecs.lombOptions(spec);
        LightCurve subject = series(files.get(0), band);
        if (files.size() == 1) {
            return ProductMapper.lomb(request.power(subject), options, jobId);
        }
        LightCurve reference = series(files.get(1), band);
        return ProductMapper.lomb(request.cross(subject, reference), options, jobId);
    }

    /**
     * {@code manta multitaper}: the spectrum of the list's contiguous bins; with {@code --lombscargle} the Lomb–Scargle
     * multitaper of its bins inside its one GTI.
     */
    private Product.Builder multitaper(Path file, Optional<EnergyBand> band) {
        MultitaperOptions options = WholeSeriesSpecs.multitaper(spec);
        Normalization norm = Protos.normalization(spec.getNorm());
        ErrorDistribution errDist = WholeSeriesSpecs.errDist(spec).orElse(ErrorDistribution.POISSON);
        MultitaperSpectrum s;
        if (spec.getMultitaper().getLombscargle()) {
            s = MultitaperSpectrum.lombScargle(file, series(file, band), options, norm, errDist);
        } else {
            s = MultitaperSpectrum.of(contiguous(file, band), options, norm, errDist);
        }
        return ProductMapper.multitaper(s, WholeSeriesSpecs.multitaperOptions(spec), jobId);
    }

    /** {@code manta bispectrum}: the cumulant bispectrum of the list's bins, gaps between GTIs as zeros. */
    private Product.Builder bispectrum(Path file, Optional<EnergyBand> band) {
        BispectrumRequest request = WholeSeriesSpecs.bispectrum(spec);
        LightCurve lc = whole(file, band);
        Bispectrum b = request.of(lc.counts(), lc.dt());
        return ProductMapper.bispectrum(b, WholeSeriesSpecs.bispectrumOptions(spec, b.maxlag()), jobId);
    }

    /** {@code manta bicoherence}: the squared bicoherence over segments of the list's bins, gaps as zeros. */
    private Product.Builder bicoherence(Path file, Optional<EnergyBand> band) {
        BicoherenceRequest request = WholeSeriesSpecs.bicoherence(spec);
        LightCurve lc = whole(file, band);
        return ProductMapper.bicoherence(request.of(lc.counts(), lc.dt()), spec.getBicoherence(), jobId);
    }

    /**
     * The series of an input: a light curve as it is ({@link LightCurveFile#read}: the spec's {@code dt} must be its
     * own, as {@code manta X lc.fits --dt D} checks), an event list read whole and binned at the spec's
     * {@code dt} over its GTIs ({@link EventLightCurves#read}); {@code err_dist} gauss needs errors
     * ({@link WholeSeriesSpecs#requireErrors}, which the planner checked already).
     */
    private LightCurve series(Path file, Optional<EnergyBand> band) {
        if (LightCurveFile.isLightCurve(file)) {
            LightCurveFile.requireNoBand(file, band);
            LightCurveFile lc = LightCurveFile.read(file, Optional.of(spec.getDt()));
            WholeSeriesSpecs.requireErrors(spec, file.toString(), Optional.of(lc));
            return lc.lc();
        }
        WholeSeriesSpecs.requireErrors(spec, file.toString(), Optional.empty());
        return EventLightCurves.read(file, band, spec.getDt());
    }

    /** The input's series ({@link #series}), its contiguous bins (one GTI). */
    private LightCurve contiguous(Path file, Optional<EnergyBand> band) {
        return EventLightCurves.contiguous(file, series(file, band));
    }

    /** The input's series ({@link #series}), over several GTIs the gaps as zeros. */
    private LightCurve whole(Path file, Optional<EnergyBand> band) {
        return EventLightCurves.whole(file, series(file, band));
    }
}
