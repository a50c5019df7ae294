package org.manta.ingest.service;

import java.util.List;
import org.manta.core.events.Timing;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.ObservationPlans;
import org.manta.core.plan.PlanCheck;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSpec;
import org.manta.mesh.common.errors.LimitExceededException;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Observations;
import org.manta.mesh.common.mapping.WholeSeriesSpecs;
import org.manta.mesh.common.partial.PartialSize;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/**
 * The edge's limits on a job's size, checked before any of its data moves (docs/mesh.md "Limits"): what the
 * topics and the services' memory can carry. Each refusal is a {@link LimitExceededException}
 * ({@code RESOURCE_EXHAUSTED}) naming the limit and the property that raises it:
 * <ul>
 *   <li>the job's segments ({@code manta.ingest.max-segments}): every stage holds a plan's segment bounds
 *       (24 B each; fft workers keep the last 16 plans) and the reducers a set of them; counted
 *       arithmetically from the GTIs ({@link org.manta.core.segment.Segments#count}) before any is made;</li>
 *   <li>bins × channels of one segment ({@code manta.ingest.max-segment-bins}): a worker's histograms and
 *       transforms of a segment;</li>
 *   <li>a partial accumulator ({@link PartialSize#estimate}; the finished product of a job of the whole series,
 *       {@link PartialSize#wholeSeries}) against the record limit of {@code manta.partials} and {@code manta.combined} (a DYNPS partial: one row against the cut at half that limit, which fft
 *       workers and combiners make);</li>
 *   <li>a DYNPS product, all rows ({@code manta.ingest.max-product-bytes}): reduce-service's final merge holds
 *       them to make the product;</li>
 *   <li>the GTIs of each input ({@code manta.ingest.max-gtis}): the plan's GTIs, at most the inputs' together, ride
 *       on the plan records ({@code manta.expected} holds 1 MiB: about 50,000 GTIs); checked on the headers before
 *       the plan is made ({@link #checkInputs}).</li>
 * </ul>
 * The segment layout (bins) is known from the spec; the segment count needs the inputs' GTIs, so
 * {@link #checkSpec} checks what the spec decides at once and {@link #check} gives the plan its check.
 *
 * @param maxSegments     segments of one job
 * @param maxSegmentBins  bins × channels of one segment
 * @param maxProductBytes bytes of a DYNPS product's rows
 * @param maxRecordBytes  the largest partial record ({@link PartialSize#MAX_RECORD_BYTES})
 * @param maxGtis         GTIs of one input
 */
public record JobLimits(long maxSegments, long maxSegmentBins, long maxProductBytes, long maxRecordBytes, long maxGtis) {
    public static final String MAX_SEGMENTS = "manta.ingest.max-segments";
    public static final String MAX_SEGMENT_BINS = "manta.ingest.max-segment-bins";
    public static final String MAX_PRODUCT_BYTES = "manta.ingest.max-product-bytes";
    public static final String MAX_GTIS = "manta.ingest.max-gtis";
    /** The default of {@value #MAX_GTIS}. */
    public static final long DEFAULT_MAX_GTIS = 20_000;

    /** The limits of the settings, with the record limit of the topics as mesh-topics configures them. */
    public static JobLimits of(long maxSegments, long maxSegmentBins, long maxProductBytes, long maxGtis) {
        return new JobLimits(maxSegments, maxSegmentBins, maxProductBytes, PartialSize.MAX_RECORD_BYTES, maxGtis);
    }

    /** The same with the default GTI limit. */
    public static JobLimits of(long maxSegments, long maxSegmentBins, long maxProductBytes) {
        return of(maxSegments, maxSegmentBins, maxProductBytes, DEFAULT_MAX_GTIS);
    }

    /**
     * The limits on the inputs' headers, before their plan is made: each input's GTIs.
     *
     * @throws LimitExceededException naming the input, the limit and its property
     */
    public void checkInputs(List<InputHeader> inputs) {
        for (InputHeader input : inputs) {
            if (input.gti().size() > maxGtis) {
                throw new LimitExceededException(input.name() + " with " + input.gti().size() + " GTIs", maxGtis, "GTIs per input",
                        MAX_GTIS);
            }
        }
    }

    /**
     * The job's plan on its inputs' headers, through every limit: {@link #checkInputs}, then the plan's {@link #check}.
     *
     * @throws LimitExceededException naming the limit and its property
     */
    public JobPlan plan(JobSpec spec, JobRequest request, List<InputHeader> inputs) {
        checkInputs(inputs);
        JobSpecs.requireSeriesGtis(spec, inputs);
        JobRequest own = JobSpecs.onInputs(spec, request, inputs);
        return JobPlan.of(own, inputs, check(spec, own));
    }

    /**
     * The plans of the job's observations through every limit: of one observation its {@link #plan}; of several
     * ({@code JobSpec.observation_inputs}) each observation's plan ({@link Observations#plans}), the job's segments
     * counting all of them.
     *
     * @param request the job's request ({@link JobSpecs#request}; of several observations, the first one's)
     * @throws LimitExceededException naming the limit and its property
     */
    public List<JobPlan> plans(JobSpec spec, JobRequest request, List<InputHeader> inputs) {
        if (spec.getObservationInputsCount() == 0) {
            return List.of(plan(spec, request, inputs));
        }
        checkInputs(inputs);
        List<JobPlan> plans = Observations.plans(spec, spec.getInputsCount() == 0, inputs,
                (own, headers) -> JobPlan.of(own, headers, check(spec, own)));
        checkSegments(ObservationPlans.segmentCount(plans), plans.get(0).segment());
        return plans;
    }

    /**
     * What the spec alone decides, before the job is accepted: bins × channels and the partial's size, on the
     * requested bin time (TIMEDEL may change it a little; the plan's {@link #check} sees the exact layout).
     *
     * @throws LimitExceededException naming the limit and its property
     */
    public void checkSpec(JobSpec spec, JobRequest request) {
        check(spec, request).check(0, Timing.segmentSpec(request.dt(), 0, request.segmentSize()), request.channels());
    }

    /** The check of the job's plan ({@link org.manta.core.plan.JobPlan#of(JobRequest, java.util.List, PlanCheck)}). */
    public PlanCheck check(JobSpec spec, JobRequest request) {
        boolean perSegmentSums = request.kind() == SpectrumKind.PDS && !request.useCommonMean();
        return (segments, segment, channels) -> check(spec, perSegmentSums, segments, segment, channels);
    }

    /**
     * What a partial holds: the bins of a segment, those of the whole series, or, for a bispectrum whose series is not
     * planned yet ({@link #checkSpec}: no segments), the lags of its {@code maxlag}.
     */
    private static String partialShape(JobSpec spec, long segments, SegmentSpec segment) {
        if (!JobSpecs.wholeSeries(spec)) {
            return segment.nbin() + " bins";
        }
        if (segments == 0 && spec.getKind() == ProductKind.BISPECTRUM) {
            long side = 2L * spec.getBispectrum().getMaxlag() + 1;
            return side + " × " + side + " lags (maxlag = " + spec.getBispectrum().getMaxlag() + ")";
        }
        String bins = segments * segment.nbin() + " bins of the whole series";
        if (spec.getKind() == ProductKind.BISPECTRUM) {     // the command's default lag fits its memory, not a record
            return bins + ", lags up to maxlag = " + (spec.getBispectrum().hasMaxlag() ? spec.getBispectrum().getMaxlag()
                    : "N/2 (the default; a smaller maxlag makes it smaller)");
        }
        return bins;
    }

    private void checkSegments(long segments, SegmentSpec segment) {
        if (segments > maxSegments) {
            throw new LimitExceededException("the job's " + segments + " segments of " + segment.segmentSize()
                    + " s", maxSegments, "segments", MAX_SEGMENTS);
        }
    }

    private void check(JobSpec spec, boolean perSegmentSums, long segments, SegmentSpec segment, int channels) {
        ProductKind kind = spec.getKind();
        if (JobSpecs.wholeSeries(spec) && segments > maxSegments) {     // its segments of two bins count progress only
            throw new LimitExceededException("a whole series of " + segments * segment.nbin() + " bins of dt = "
                    + segment.dt() + " s (its progress counted in " + segments + " segments of " + segment.nbin()
                    + " bins, every stage holding their bounds)", maxSegments, "segments", MAX_SEGMENTS);
        }
        checkSegments(segments, segment);
        long bins = (long) segment.nbin() * channels;
        if (bins > maxSegmentBins) {
            throw new LimitExceededException("a segment of " + segment.nbin() + " bins (dt = " + segment.dt() + " s) × "
                    + channels + " channel(s)", maxSegmentBins, "bins × channels", MAX_SEGMENT_BINS);
        }
        boolean dynamical = kind == ProductKind.DYNPS;
        if (kind == ProductKind.BISPECTRUM) {     // the command's refusal of a too-large lag comes before the size's
            WholeSeriesSpecs.bispectrum(spec).lag((int) Math.min(Integer.MAX_VALUE, segments * segment.nbin()));
        }
        long partial = JobSpecs.wholeSeries(spec) ? PartialSize.wholeSeries(spec, segments * segment.nbin())
                : PartialSize.estimate(kind, segment, perSegmentSums, dynamical ? 1 : 0);
        long recordLimit = dynamical ? maxRecordBytes / 2 : maxRecordBytes;
        if (partial > recordLimit) {
            throw new LimitExceededException("a " + kind + " partial accumulator of " + partialShape(spec, segments,
                    segment) + " (" + (dynamical ? "one row: " : "") + "about " + partial + " bytes)", recordLimit, "bytes"
                    + (dynamical ? " (half a record: the cut of DYNPS partials)" : ""), PartialSize.RECORD_LIMIT_PROPERTY);
        }
        long product = dynamical ? segments * PartialSize.rowBytes(segment.nFreq()) : 0;
        if (product > maxProductBytes) {
            throw new LimitExceededException("a dynamical spectrum of " + segments + " segments × " + segment.nFreq()
                    + " frequencies (about " + product + " bytes of rows)", maxProductBytes, "bytes", MAX_PRODUCT_BYTES);
        }
    }
}
