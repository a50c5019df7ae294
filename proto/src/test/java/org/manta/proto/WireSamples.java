package org.manta.proto;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.ChannelBand;
import org.manta.proto.v1.BinnedCounts;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.EventTimes;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.RowRange;
import org.manta.proto.v1.WorkUnit;
import org.manta.proto.v1.JobIngest;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.JobTimings;
import org.manta.proto.v1.LocalNormSums;
import org.manta.proto.v1.Mjdref;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ObservationContext;
import org.manta.proto.v1.ObservationInfo;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRecord;
import org.manta.proto.v1.ProductDeleted;
import org.manta.proto.v1.ProductRequest;
import org.manta.proto.v1.ReducerPhase;
import org.manta.proto.v1.ReducerState;
import org.manta.proto.v1.RunningProduct;
import org.manta.proto.v1.SegmenterInput;
import org.manta.proto.v1.SegmenterPhase;
import org.manta.proto.v1.SegmenterState;
import org.manta.proto.v1.Provenance;
import org.manta.proto.v1.Segment;
import org.manta.proto.v1.SegmentChannel;
import org.manta.proto.v1.SegmentRow;
import org.manta.proto.v1.UploadRequest;
import org.manta.proto.v1.VarEnergySpec;
import org.manta.proto.v1.VarEnergySums;
import org.manta.proto.v1.ExcessVarianceSums;
import org.manta.proto.v1.FadSpec;
import org.manta.proto.v1.FadSums;
import org.manta.proto.v1.FadWeightedSums;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.MultitaperSpec;
import org.manta.proto.v1.BispectrumSpec;
import org.manta.proto.v1.BicoherenceSpec;

/**
 * One filled-in sample of every message of the {@code manta.v1} wire contracts, with values shaped
 * like a real job on monol_testA.evt (NuSTAR, MJDREF 55197 + 7.6601852e-4, GTI [80000000, 80001025]).
 * The v1 files in {@code src/test/resources/wire/v1} were written from these samples.
 */
final class WireSamples {
    static final String JOB_ID = "3f1c2a9e-8d4b-4c67-9a10-5b2e7d6f0c11";

    private WireSamples() {
    }

    /** Sample name (file stem) → message, in a stable order. The name before any '-' is the message type. */
    static Map<String, Message> all() {
        Map<String, Message> m = new LinkedHashMap<>();
        m.put("JobSpec", jobSpec());
        m.put("JobRef", JobRef.newBuilder().setJobId(JOB_ID).build());
        m.put("UploadRequest-spec", UploadRequest.newBuilder().setSpec(uploadSpec()).build());
        m.put("UploadRequest-events", UploadRequest.newBuilder().setEvents(eventBatch()).build());
        m.put("EventBatch", eventBatch());
        m.put("JobProgress", jobProgress());
        m.put("JobStatus", jobStatus());
        m.put("ProductRequest", ProductRequest.newBuilder().setJobId(JOB_ID).setMaxValuesPerPiece(4096).build());
        m.put("ProductDeleted", ProductDeleted.newBuilder().setJobId(JOB_ID).setPiecesDeleted(3).build());
        m.put("Product-cpds", cpdsProduct());
        m.put("Product-dynps", dynpsProduct());
        m.put("Product-lc", lcProduct());
        m.put("Product-lc-tstart", lcProduct().toBuilder().setTstart(80000000).setTseg(3).build());
        m.put("ProductPiece-header", ProductPieces.split(cpdsProduct(), 4).get(0));
        m.put("ProductPiece-slice", ProductPieces.split(cpdsProduct(), 4).get(2));
        m.put("EventChunk", eventChunk());
        m.put("EventChunk-last", eventChunkLast());
        m.put("Segment-events", segmentOfEvents());
        m.put("Segment-counts", segmentOfCounts());
        m.put("PartialAccumulator-pds-localmean", pdsLocalMeanPartial());
        m.put("PartialAccumulator-cpds", cpdsPartial());
        m.put("PartialAccumulator-dynps", dynpsPartial());
        m.put("ExpectedCount", expectedCount());
        m.put("JobRecord", jobRecord());
        // fields added in v1 after the first samples were frozen (mesh services):
        m.put("EventChunk-spec", eventChunkWithSpec());
        m.put("Segment-kind", segmentOfEvents().toBuilder().setKind(ProductKind.CPDS).build());
        m.put("Segment-per-segment-sums", segmentOfCounts().toBuilder().setKind(ProductKind.PDS).setPerSegmentSums(true).build());
        m.put("PartialAccumulator-pds", pdsPartial());
        m.put("ExpectedCount-spec", expectedCount().toBuilder().setSpec(jobSpec()).build());
        m.put("JobRecord-progress", jobRecord().toBuilder().setSegmentsDone(3).setSegmentsExpected(16).build());
        m.put("Product-cpds-intrinsic", cpdsProduct().toBuilder()
                .addAllIntrinsicCoherence(List.of(0.11, 0.029, Double.NaN))
                .addAllIntrinsicCoherenceErr(List.of(0.31, 0.3, Double.NaN)).build());
        m.put("SegmenterState", segmenterState());
        m.put("ReducerState", reducerState());
        m.put("ProductRecord", ProductRecord.newBuilder().setFormatVersion(1).setJobId(JOB_ID)
                .setPieceIndex(2).setPieceCount(4).setPiece(ProductPieces.split(cpdsProduct(), 4).get(2)).build());
        // running products (JobSpec.want_running_product):
        m.put("ExpectedCount-preliminary", ExpectedCount.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setTotalSegments(16).addGti(gti()).setSpec(jobSpec()).setPreliminary(true).build());
        m.put("RunningProduct", RunningProduct.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setSegmentsDone(7).setProduct(jobProgress().getRunningProduct()).build());
        m.put("RunningProduct-omitted", RunningProduct.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setSegmentsDone(9).setOmitted("the running product (5242950 bytes) is larger than 3145728 bytes").build());
        m.put("ReducerState-running", reducerState().toBuilder().setExpectedKnown(false)
                .setRunningPublished(time(1795000002L, 250_000_000)).build());
        // ingest-service resumes the jobs it was sending after a restart (JobRecord.ingest):
        m.put("JobRecord-ingest", jobRecord().toBuilder().setIngest(JobIngest.newBuilder().setInstanceId("ingest-service-0")
                .addInputs(InputFile.newBuilder().setPath("nustar/monol_testA.evt")
                        .setSha256("9b1f0c8e2d7a4f3b6c5e8d1a0f2b4c6e8a1d3f5b7c9e0a2c4e6f8b0d2a4c6e8f").setSizeBytes(2462400))
                .setEventsPerChunk(32768).setInputSent(true)).build());
        // job ownership (docs/security.md): the principal that submitted the job
        m.put("JobRecord-owner", jobRecord().toBuilder().setOwner("alice").build());
        m.put("JobStatus-owner", jobStatus().toBuilder().setOwner("alice").build());
        // what the plan changed or assumed (core PlanWarnings), and --strict, which makes the first a failure
        String warning = "segment size fixed to a whole number of bins: 99.675 s (226 bins of dt = 0.44104 s) instead "
                + "of 100 s";
        m.put("JobRecord-warnings", jobRecord().toBuilder().addWarnings(warning).build());
        m.put("JobStatus-warnings", jobStatus().toBuilder().addWarnings(warning).build());
        m.put("JobProgress-warnings", jobProgress().toBuilder().addWarnings(warning).build());
        // a running product due but not sent, and why (a Watch message's size)
        m.put("JobProgress-running-omitted", jobProgress().toBuilder().clearRunningProduct().setRunningProductOmitted(
                "the running product of 7 segments (5000000 bytes) is larger than the 3145728 bytes a Watch message "
                        + "carries; ProductService.Get serves the final product").build());
        m.put("JobSpec-strict", jobSpec().toBuilder().setStrict(true).build());
        // the user's restriction of the good time (JobSpec.time_filter)
        m.put("JobSpec-time-filter", jobSpec().toBuilder().setTimeFilter(org.manta.proto.v1.TimeFilterSpec.newBuilder()
                .addUserGti(org.manta.proto.v1.Gti.newBuilder().setStart(80000100).setStop(80000400).setStartLo(1e-9))
                .setTstart(80000150).setTstop(80000900).setMinGti(64)).build());
        // the work-unit path (design.md §2.1): inputs by location, plans, work units, counted events:
        m.put("JobInput", JobInput.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setSpec(jobSpec())
                .addInputs(locatedInput()).build());
        m.put("WorkUnit", WorkUnit.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setUnitIndex(2)
                .setSegmentFrom(8).setSegmentTo(12).addRows(RowRange.newBuilder().setFrom(5120).setTo(7680))
                .setPlan(planRecord()).build());
        m.put("ExpectedCount-plan", expectedCount().toBuilder().setSpec(jobSpec()).clearTotalEvents1().clearTotalEvents2()
                .setPlan(planRecord()).build());
        m.put("PartialAccumulator-events", cpdsPartial().toBuilder().setEvents1(640).setEvents2(357).build());
        m.put("JobSpec-upload-inputs", uploadSpec().toBuilder().setKind(ProductKind.CPDS).setUploadInputs(2).build());
        // extended precision: GTIs shifted by TIMEZERO in longdouble, T = 31·TIMEDEL in longdouble
        m.put("WorkUnit-extended", WorkUnit.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setUnitIndex(0).setSegmentFrom(0).setSegmentTo(4).addRows(RowRange.newBuilder().setFrom(0).setTo(57144))
                .setPlan(planRecord().toBuilder().setDt(0.0031).setNbin(3225).setSegmentSize(9.9975)
                        .setSegmentSizeExtended(true).setSegmentSizeLo(-3.2526065174565133e-19).clearGti()
                        .addGti(Gti.newBuilder().setStart(500.0).setStop(600.0).setStartLo(-2.2737367544323206e-14)
                                .setStopLo(-2.2737367544323206e-14))).build());
        // variability versus energy (JobSpec.varenergy, PartialAccumulator.varenergy, Product.varenergy):
        m.put("JobSpec-varenergy", varEnergySpec());
        m.put("PartialAccumulator-varenergy", varEnergyPartial());
        m.put("Product-varenergy", varEnergyProduct());
        m.put("PartialAccumulator-varenergy-pi-extended", varEnergyPartial().toBuilder().setDt(0.0031).setNbin(3225)
                .setVarenergy(varEnergyPartial().getVarenergy().toBuilder().setSegmentSize(9.9975)
                        .setSegmentSizeExtended(true).setSegmentSizeLo(-3.2526065174565133e-19)
                        .setLayout(varEnergyPartial().getVarenergy().getLayout().toBuilder().setOnPi(true).clearBandEdges()
                                .addAllBandEdges(List.of(35.0, 60.0, 260.0))
                                .setReference(Band.newBuilder().setLo(35).setHi(1935).setOnPi(true)))).build());
        // FAD (JobSpec.fad, PartialAccumulator.fad, Product FAD fields) and the excess variance (PartialAccumulator.excvar)
        m.put("JobSpec-fad", fadSpec());
        m.put("PartialAccumulator-fad", fadPartial());
        m.put("Product-fad", fadProduct());
        m.put("PartialAccumulator-excvar", excessVariancePartial());
        // Lomb–Scargle (JobSpec.lomb, Product.lomb, PartialAccumulator.whole_series)
        m.put("JobSpec-lomb", lombSpec());
        m.put("Product-lomb", lombProduct());
        m.put("PartialAccumulator-lomb", lombPartial());
        // multitaper (JobSpec.multitaper, Product multitaper fields)
        m.put("JobSpec-multitaper", multitaperSpec());
        m.put("JobSpec-multitaper-lombscargle", multitaperLombScargleSpec());
        m.put("Product-multitaper", multitaperProduct());
        // the error distribution (LombSpec.err_dist, MultitaperSpec.err_dist; --err-dist): a gauss periodogram of a
        // light curve with errors, and a multitaper product's resolved one
        m.put("JobSpec-lomb-err-dist", JobSpec.newBuilder().setKind(ProductKind.LOMB).addInputs("swift/bkgsub.lc")
                .setDt(2).setNorm(Norm.LEAHY).setLomb(LombSpec.newBuilder().setMethod("fast").setErrDist("gauss"))
                .build());
        m.put("Product-multitaper-err-dist", multitaperProduct().toBuilder().setMultitaper(multitaperProduct()
                .getMultitaper().toBuilder().setErrDist("gauss")).build());
        // bispectrum (JobSpec.bispectrum, Product bispectrum fields)
        m.put("JobSpec-bispectrum", bispectrumSpec());
        m.put("Product-bispectrum", bispectrumProduct());
        // bicoherence (JobSpec.bicoherence, Product bicoherence fields)
        m.put("JobSpec-bicoherence", bicoherenceSpec());
        m.put("Product-bicoherence", bicoherenceProduct());
        // the observation's context (ObservationInfo.object, JobPlanRecord.observation, Product.observation)
        m.put("EventBatch-object", eventBatch().toBuilder().setInfo(xteObservationInfo().toBuilder().setObject("Cyg X-1"))
                .build());
        m.put("ExpectedCount-plan-observation", expectedCount().toBuilder().setSpec(jobSpec()).clearTotalEvents1()
                .clearTotalEvents2().setPlan(planRecord().toBuilder().setObservation(observationContext())).build());
        m.put("Product-cpds-observation", cpdsProduct().toBuilder().setObservation(observationContext()).build());
        // several observations averaged (JobSpec.observation_inputs, JobPlanRecord.segment_offset): two bands of A, then B
        // against C; the second observation's plan and a unit of it
        m.put("JobSpec-observations", jobSpec().toBuilder().addInputs("nustar/monol_testB.evt")
                .addInputs("nustar/monol_testC.evt").addObservationInputs(1).addObservationInputs(2).build());
        m.put("WorkUnit-observation", WorkUnit.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setUnitIndex(5).setSegmentFrom(16).setSegmentTo(20).addRows(RowRange.newBuilder().setFrom(0).setTo(2560))
                .addRows(RowRange.newBuilder().setFrom(0).setTo(2431))
                .setPlan(planRecord().toBuilder().setSegmentOffset(16).setUnitCount(8)).build());
        return m;
    }

    /** FAD of two NuSTAR detectors, 3–20 keV on both, with a smoothing length and tolerance of their own. */
    static JobSpec fadSpec() {
        return JobSpec.newBuilder().setKind(ProductKind.FAD).addInputs("nustar/fpma.evt").addInputs("nustar/fpmb.evt")
                .setDt(1.0 / 512).setSegmentSize(8).setNorm(Norm.LEAHY).setBand1(Band.newBuilder().setLo(3).setHi(20))
                .setFad(FadSpec.newBuilder().setSmoothing("gauss").setSmoothingLength(12).setTolerance(0.1)).build();
    }

    /** Two frequencies, two used segments of three processed. */
    static PartialAccumulator fadPartial() {
        return PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setKind(ProductKind.FAD)
                .addAllSegmentRanges(List.of(0L, 3L)).addAllUsedRanges(List.of(0L, 1L, 2L, 3L))
                .setM(2).setNbin(4).setDt(1.0 / 512).setEvents1(812).setEvents2(790)
                .setFad(FadSums.newBuilder().setP1(weighted(4.1, 3.9, 405)).setP2(weighted(3.8, 4.2, 395))
                        .setPt(weighted(4.0, 4.1, 800)).setCRe(weighted(0.2, -0.1, 400)).setCIm(weighted(0.05, 0.01, 400))
                        .setPtUncorrected(weighted(1612.0, 1580.0, 800))
                        .addAllFadRe(List.of(0.7, -1.2)).addAllFadIm(List.of(0.3, 0.9))
                        .setNph1Sum(812).setNph2Sum(790)
                        .setSmoothing(FadSpec.newBuilder().setSmoothing("gauss").setSmoothingLength(24)))
                .build();
    }

    private static FadWeightedSums weighted(double a, double b, double photons) {
        return FadWeightedSums.newBuilder().addAllSum(List.of(a, b)).addAllSumW(List.of(a / photons, b / photons))
                .addAllSumW2(List.of(a / photons / photons, b / photons / photons)).build();
    }

    static Product fadProduct() {
        return Product.newBuilder().setKind(ProductKind.FAD).setJobId(JOB_ID).addAllFreq(List.of(128.0, 256.0))
                .addAllPds1(List.of(2.05, 1.95)).addAllPds2(List.of(1.9, 2.1))
                .setCs(complex(new double[] {0.1, -0.05}, new double[] {0.025, 0.005})).addAllPtot(List.of(2.0, 2.05))
                .addAllPds1Unnorm(List.of(2.05, 1.95)).addAllPds2Unnorm(List.of(1.9, 2.1))
                .setCsUnnorm(complex(new double[] {0.1, -0.05}, new double[] {0.025, 0.005}))
                .addAllPtotUnnorm(List.of(2.0, 2.05)).addAllPtotUncorrected(List.of(2.015, 1.975))
                .setFad(complex(new double[] {0.35, -0.6}, new double[] {0.15, 0.45}))
                .setFadOptions(FadSpec.newBuilder().setSmoothing("gauss").setSmoothingLength(24).setTolerance(0.05))
                .setFadDelta(0.031).setM(2).setN(4).setDf(128).setDt(1.0 / 512).setSegmentSize(8).setNphots(801)
                .setNphots1(406).setNphots2(395).setNorm(Norm.LEAHY).addGti(gti()).build();
    }

    /** The excess variance of two bands: the sums of one whole-list unit over its 500 segments. */
    static PartialAccumulator excessVariancePartial() {
        return PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setKind(ProductKind.VARENERGY)
                .addAllSegmentRanges(List.of(0L, 500L)).addAllUsedRanges(List.of(0L, 500L)).setM(500).setNbin(2).setDt(1)
                .setExcvar(ExcessVarianceSums.newBuilder().addAllBins(List.of(1000L, 1000L))
                        .addAllSum(List.of(5210L, 3120L)).addAllSumSquares(List.of(33410L, 12870L))
                        .addAllSumErrorSquares(List.of(6430.5, 4310.25)).setDt(1)
                        .setLayout(VarEnergySpec.newBuilder().setKind("excvar").addAllBandEdges(List.of(3.0, 6.0, 10.0))
                                .setReference(Band.newBuilder().setLo(0).setHi(Double.POSITIVE_INFINITY))
                                .setFreqLo(Double.NaN).setFreqHi(Double.NaN)))
                .build();
    }

    /** The Lomb–Scargle cross spectrum of two lists, 3–10 keV on both, slow sums on a grid of its own. */
    static JobSpec lombSpec() {
        return JobSpec.newBuilder().setKind(ProductKind.LOMB).addInputs("nustar/hard.evt").addInputs("nustar/soft.evt")
                .setDt(0.5).setNorm(Norm.FRAC).setBand1(Band.newBuilder().setLo(3).setHi(10))
                .setLomb(LombSpec.newBuilder().setMethod("slow").setOversampling(5).setMinFreq(0.001).setMaxFreq(0.2)
                        .setDf(0.001)).build();
    }

    /** Two frequencies of a Lomb–Scargle cross spectrum (complex power). */
    static Product lombProduct() {
        return Product.newBuilder().setKind(ProductKind.LOMB).setJobId(JOB_ID).addAllFreq(List.of(0.001, 0.002))
                .setPower(complex(new double[] {0.31, 0.12}, new double[] {-0.04, 0.02}))
                .setUnnormPower(complex(new double[] {412.5, 160.0}, new double[] {-53.2, 26.6}))
                .setM(1).setN(4000).setDf(0.001).setDt(0.5).setNphots(3580.2).setNphots1(4100).setNphots2(3126)
                .setNorm(Norm.FRAC).setLomb(lombSpec().getLomb()).addGti(gti()).build();
    }

    /** A LOMB job's one partial: the finished product over the plan's 2000 segments of 2 dt. */
    static PartialAccumulator lombPartial() {
        return PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setKind(ProductKind.LOMB)
                .addAllSegmentRanges(List.of(0L, 2000L)).addAllUsedRanges(List.of(0L, 2000L)).setM(2000).setNbin(2)
                .setDt(0.5).setWholeSeries(lombProduct().toBuilder().clearGti()).build();
    }

    /** A multitaper spectrum of 3–10 keV with NW = 2.5, adaptive weights, degrees of freedom, every taper. */
    static JobSpec multitaperSpec() {
        return JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).addInputs("nustar/monol_testA.evt").setDt(0.0625)
                .setNorm(Norm.LEAHY).setBand1(Band.newBuilder().setLo(3).setHi(10))
                .setMultitaper(MultitaperSpec.newBuilder().setNw(2.5).setAdaptive(true).setNoJackknife(true)
                        .setNoLowBias(true)).build();
    }

    /** A Lomb–Scargle multitaper spectrum with NW = 3 (eigenvalue weights, no jackknife, as it always is). */
    static JobSpec multitaperLombScargleSpec() {
        return JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).addInputs("nustar/monol_testA.evt").setDt(1)
                .setNorm(Norm.FRAC).setMultitaper(MultitaperSpec.newBuilder().setNw(3).setNoJackknife(true)
                        .setLombscargle(true)).build();
    }

    /** Two frequencies of a multitaper spectrum of four tapers. */
    static Product multitaperProduct() {
        return Product.newBuilder().setKind(ProductKind.MULTITAPER).setJobId(JOB_ID).addAllFreq(List.of(0.01, 0.02))
                .setPower(complex(new double[] {2.1, 1.9}, new double[0]))
                .setPowerErr(complex(new double[] {2.1, 1.9}, new double[0]))
                .setUnnormPower(complex(new double[] {1260.0, 1140.0}, new double[0]))
                .addAllMultitaperNormPower(List.of(78.75, 71.25)).addAllJkVarDegFreedom(List.of(7.6, 7.9))
                .addAllEigvals(List.of(0.99999, 0.9998, 0.9961, 0.958)).setM(1).setN(1600).setDf(0.01).setDt(0.0625)
                .setNphots(1200).setNphots1(1200).setNorm(Norm.LEAHY).setMultitaper(multitaperSpec().getMultitaper())
                .addGti(gti()).build();
    }

    /** A bispectrum of lags up to 1 bin, with a Parzen window and the unbiased cumulant. */
    static JobSpec bispectrumSpec() {
        return JobSpec.newBuilder().setKind(ProductKind.BISPECTRUM).addInputs("nustar/monol_testA.evt").setDt(0.5)
                .setBispectrum(BispectrumSpec.newBuilder().setMaxlag(1).setWindow("parzen").setUnbiased(true)).build();
    }

    /** The 3 x 3 bispectrum of lags -1, 0, 1 bins. */
    static Product bispectrumProduct() {
        return Product.newBuilder().setKind(ProductKind.BISPECTRUM).setJobId(JOB_ID).addAllFreq(List.of(-1.0, 0.0, 1.0))
                .addAllLags(List.of(-0.5, 0.0, 0.5))
                .addAllCum3(List.of(0.2, -0.1, 0.05, -0.1, 0.4, -0.1, 0.05, -0.1, 0.2))
                .setBispec(complex(new double[] {0.45, 0.3, 0.1, 0.3, 0.6, 0.3, 0.1, 0.3, 0.45},
                        new double[] {0.0, 0.02, -0.01, -0.02, 0.0, 0.02, 0.01, -0.02, 0.0}))
                .setN(2000).setDt(0.5).setBispectrum(bispectrumSpec().getBispectrum()).addGti(gti()).build();
    }

    /** A squared bicoherence over 4 s segments of 1/64 s bins with a Hanning window. */
    static JobSpec bicoherenceSpec() {
        return JobSpec.newBuilder().setKind(ProductKind.BICOHERENCE).addInputs("nustar/monol_testA.evt")
                .setDt(1.0 / 64).setBicoherence(BicoherenceSpec.newBuilder().setSegmentSize(4).setWindow("hanning"))
                .build();
    }

    /** The bicoherence of segments of 4 bins: 3 x 3 values, NaN beyond the Nyquist line. */
    static Product bicoherenceProduct() {
        return Product.newBuilder().setKind(ProductKind.BICOHERENCE).setJobId(JOB_ID).addAllFreq(List.of(0.0, 4.0, 8.0))
                .addAllBicoherence(List.of(0.02, 0.03, 0.01, 0.03, 0.9, Double.NaN, 0.01, Double.NaN, Double.NaN))
                .setM(40).setN(4).setDt(1.0 / 64).setSegmentSize(1.0 / 16)
                .setBicoherenceOptions(BicoherenceSpec.newBuilder().setSegmentSize(1.0 / 16).setWindow("hanning"))
                .addGti(gti()).build();
    }

    /** A lag spectrum of three bands against 0.5–12 keV, 0.1–3 Hz, from a second list. */
    static JobSpec varEnergySpec() {
        return JobSpec.newBuilder().setKind(ProductKind.VARENERGY).addInputs("nustar/monol_testA.evt")
                .addInputs("nustar/monol_testB.evt").setDt(1.0 / 64).setSegmentSize(32).setNorm(Norm.FRAC)
                .setVarenergy(varEnergyRequest()).build();
    }

    static VarEnergySpec varEnergyRequest() {
        return VarEnergySpec.newBuilder().setKind("lag").addAllBandEdges(List.of(0.5, 2.0, 4.0, 12.0))
                .setReference(Band.newBuilder().setLo(0.5).setHi(12.0)).setFreqLo(0.1).setFreqHi(3.0).build();
    }

    /** Two bands, two frequencies in the window, two segments. */
    static PartialAccumulator varEnergyPartial() {
        return PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setKind(ProductKind.VARENERGY)
                .addAllSegmentRanges(List.of(0L, 2L)).addAllUsedRanges(List.of(0L, 2L))
                .setM(2).setNbin(2048).setDt(1.0 / 64).setEvents1(5210).setEvents2(4987)
                .setVarenergy(VarEnergySums.newBuilder().setSegmentSize(32)
                        .addAllSubPower(List.of(1210.0, 980.0, 1505.0, 1320.0))
                        .addAllCrossRe(List.of(2400.0, 2210.0, 2650.0, 2480.0))
                        .addAllCrossIm(List.of(120.0, -35.0, 210.0, 88.0))
                        .addAllPairRe(List.of(0.0, 0.0, 0.0, 0.0)).addAllPairIm(List.of(0.0, 0.0, 0.0, 0.0))
                        .addAllRefPower(List.of(5120.0, 4870.0))
                        .addAllSubSegments(List.of(2L, 2L)).addAllCrossSegments(List.of(2L, 2L))
                        .addAllPairSegments(List.of(0L, 0L)).addAllSubPhotons(List.of(2600L, 2610L))
                        .addAllPairPhotons1(List.of(0L, 0L)).addAllPairPhotons2(List.of(0L, 0L))
                        .addAllSegmentEvents(List.of(2600L, 2610L)).addAllSegmentEvents2(List.of(0L, 0L))
                        .addAllListEvents(List.of(2655L, 2671L)).addAllReference(List.of(2L, 4987L, 4987L, 5102L))
                        .setLayout(varEnergyRequest().toBuilder().clearKind().clearBandEdges()
                                .addAllBandEdges(List.of(0.5, 4.0, 12.0)))
                        .setRequestedSegment(32).setSecondList(true))
                .build();
    }

    static Product varEnergyProduct() {
        return Product.newBuilder().setKind(ProductKind.VARENERGY).setJobId(JOB_ID).setVarenergy(varEnergyRequest())
                .setSpectrum(complex(new double[] {0.0031, -0.0012, 0.0104}, new double[0]))
                .setSpectrumError(complex(new double[] {0.0009, 0.0011, 0.0021}, new double[0]))
                .setNFreq(92).setM(17).setDt(1.0 / 64).setSegmentSize(32).setNorm(Norm.NONE).addGti(gti()).build();
    }

    /** An input as ingest announces it: as given, and where the services read it. */
    static InputFile locatedInput() {
        return InputFile.newBuilder().setPath("nustar/monol_testA.evt.gz")
                .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08").setSizeBytes(21417)
                .setLocation("staging:" + JOB_ID + "/input-0.fits").setLocationSizeBytes(48960).build();
    }

    /** The plan segment-service makes: compatible dt, layout, GTIs, segments, inputs, units. */
    static JobPlanRecord planRecord() {
        return JobPlanRecord.newBuilder().setSpec(jobSpec()).setDt(1.0 / 128).setNbin(8192).setSegmentSize(64)
                .addGti(gti()).setTotalSegments(16).addInputs(locatedInput()).setUnitCount(4).build();
    }

    static Timestamp time(long seconds, int nanos) {
        return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }

    static JobSpec jobSpec() {
        return JobSpec.newBuilder()
                .setKind(ProductKind.CPDS)
                .addInputs("nustar/monol_testA.evt")
                .setBand1(Band.newBuilder().setLo(0).setHi(10))
                .setBand2(Band.newBuilder().setLo(10).setHi(Double.POSITIVE_INFINITY))
                .setDt(1.0 / 128)
                .setSegmentSize(64)
                .setNorm(Norm.FRAC)
                .setUseCommonMean(true)
                .setWantRunningProduct(true)
                .build();
    }

    /** A CPDS on PI bands of an uploaded XTE event list (like acs_xtegx_pi.json). */
    static JobSpec uploadSpec() {
        return JobSpec.newBuilder()
                .setKind(ProductKind.CPDS)
                .setBand1(Band.newBuilder().setLo(Double.NEGATIVE_INFINITY).setHi(8).setOnPi(true))
                .setBand2(Band.newBuilder().setLo(8).setHi(Double.POSITIVE_INFINITY).setOnPi(true))
                .setDt(1.0 / 64)
                .setSegmentSize(8)
                .setNorm(Norm.FRAC)
                .build();
    }

    /** Header values of an RXTE PCA event list (TIMEZERO and TIMEDEL are non-zero there). */
    static ObservationInfo xteObservationInfo() {
        double timedel = 0x1p-19;
        return ObservationInfo.newBuilder()
                .setMission("XTE").setTelescope("XTE").setInstrument("PCA").setTimesys("TT")
                .setMjdref(Mjdref.newBuilder().setDays(49353).setFraction(6.965740740000e-4))
                .setTimezero(3.378429).setTimeOffset(3.378429 + 0.5 * timedel).setTimedel(timedel)
                .setTstart(171204455.378429).setTstop(171206079.378429)
                .build();
    }

    static ObservationInfo observationInfo() {
        return ObservationInfo.newBuilder()
                .setMission("NUSTAR").setTelescope("NUSTAR").setInstrument("FPMA").setTimesys("TDB")
                .setMjdref(Mjdref.newBuilder().setDays(55197).setFraction(7.6601852e-4))
                .setTimezero(0).setTimeOffset(0).setTimedel(0)
                .setTstart(80000000.0).setTstop(80001025.0)
                .build();
    }

    /** Two channels of one NuSTAR file: 3–10 keV, and every event (a ChannelBand with its band unset). */
    static ObservationContext observationContext() {
        return ObservationContext.newBuilder().setTelescope("NUSTAR").setInstrument("FPMA").setObject("Her X-1")
                .setTimesys("TDB").setMjdref(Mjdref.newBuilder().setDays(55197).setFraction(7.6601852e-4))
                .addChannels(ChannelBand.newBuilder().setBand(Band.newBuilder().setLo(3).setHi(10)))
                .addChannels(ChannelBand.getDefaultInstance())
                .build();
    }

    static Gti gti() {
        return Gti.newBuilder().setStart(80000000.0).setStop(80001025.0).build();
    }

    /** The first batch of the second input of an upload. */
    static EventBatch eventBatch() {
        return EventBatch.newBuilder()
                .setInput(1)
                .addAllTime(List.of(171204455.60148, 171204455.6126, 171204455.95514))
                .addAllEnergy(List.of(4.1, 2.9, 12.75))
                .addAllPi(List.of(9, 6, 31))
                .addGti(Gti.newBuilder().setStart(171204455.378429).setStop(171206079.378429))
                .setInfo(xteObservationInfo())
                .build();
    }

    static Product cpdsProduct() {
        return Product.newBuilder()
                .setKind(ProductKind.CPDS)
                .setJobId(JOB_ID)
                .addAllFreq(List.of(0.015625, 0.03125, 0.046875))
                .setPower(complex(new double[] {1.5e-3, -2.0e-4, 7.25e-4}, new double[] {3.0e-5, 1.1e-4, -6.0e-5}))
                .setPowerErr(complex(new double[] {4.1e-4, 4.0e-4, 3.9e-4}, new double[] {4.1e-4, 4.0e-4, 3.9e-4}))
                .setUnnormPower(complex(new double[] {12.5, -1.75, 6.0}, new double[] {0.25, 0.875, -0.5}))
                .setUnnormPowerErr(complex(new double[] {3.4, 3.3, 3.2}, new double[] {3.4, 3.3, 3.2}))
                .addAllPds1Power(List.of(2.1e-3, 1.9e-3, 2.05e-3))
                .addAllPds2Power(List.of(3.3e-3, 3.1e-3, 2.95e-3))
                .addAllTimeLag(List.of(0.2037, 3.0, Double.NaN))
                .addAllTimeLagErr(List.of(9.1, 4.4, Double.NaN))
                .addAllPhaseLag(List.of(0.02, 0.5890486225480862, -0.0824))
                .addAllPhaseLagErr(List.of(0.9, 0.85, Double.NaN))
                .addAllRawCoherence(List.of(0.12, 0.031, Double.NaN))
                .addAllRawCoherenceErr(List.of(0.3, 0.29, Double.NaN))
                .setM(16).setN(8192).setDf(0.015625).setDt(1.0 / 128).setSegmentSize(64)
                .setNphots(44.64).setNphots1(40.0).setNphots2(49.8).setMean(5.45e-3)
                .setNorm(Norm.FRAC)
                .addGti(gti())
                .setProvenance(Provenance.newBuilder()
                        .setSoftwareVersion("0.1.0-SNAPSHOT")
                        .addInputs(InputFile.newBuilder().setPath("nustar/monol_testA.evt")
                                .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                                .setSizeBytes(48960))
                        .setParameters(jobSpec())
                        .setCreated(time(1795000000L, 125_000_000)))
                .build();
    }

    static Product dynpsProduct() {
        return Product.newBuilder()
                .setKind(ProductKind.DYNPS)
                .addAllFreq(List.of(0.015625, 0.03125))
                .addAllTime(List.of(80000032.0, 80000096.0, 80000160.0))
                .addAllDynPs(List.of(1.9, 2.2, 1.7, 2.4, 0.8, 2.0))   // [freq][time], 2 x 3
                .addAllDynPsShape(List.of(2L, 3L))
                .setM(1).setN(1024).setDf(0.015625).setDt(1.0 / 16).setSegmentSize(64)
                .setNphots(62.5).setNphots1(62.5).setMean(0.06103515625)
                .setNorm(Norm.LEAHY)
                .addGti(gti())
                .setProvenance(Provenance.newBuilder().setSoftwareVersion("0.1.0-SNAPSHOT")
                        .setCommandLine("manta dynps monol_testA.evt --dt 1/16 --segment 64")
                        .setCreated(time(1795000000L, 0)))
                .build();
    }

    static Product lcProduct() {
        return Product.newBuilder()
                .setKind(ProductKind.LC)
                .addAllTime(List.of(80000000.5, 80000001.5, 80000002.5))
                .addAllCounts(List.of(1.0, 0.0, 2.0))
                .addAllCountsErr(List.of(1.0, 0.0, 1.4142135623730951))
                .setDt(1.0).setNphots(3).setMean(1.0)
                .addGti(gti())
                .build();
    }

    static ComplexArray complex(double[] re, double[] im) {
        ComplexArray.Builder b = ComplexArray.newBuilder();
        for (double v : re) {
            b.addRe(v);
        }
        for (double v : im) {
            b.addIm(v);
        }
        return b.build();
    }

    static JobProgress jobProgress() {
        Product running = cpdsProduct().toBuilder().setM(7).clearProvenance().build();
        return JobProgress.newBuilder()
                .setJobId(JOB_ID).setState(JobState.RUNNING)
                .setSegmentsDone(7).setSegmentsExpected(16)
                .setRate(3.5).setEtaSeconds(2.571428571428571)
                .setMessage("7 of 16 segments")
                .setRunningProduct(running)
                .setUpdated(time(1795000002L, 500_000_000))
                .build();
    }

    static JobTimings timings() {
        return JobTimings.newBuilder()
                .setSubmitted(time(1795000000L, 0))
                .setStarted(time(1795000000L, 250_000_000))
                .setFinished(time(1795000005L, 0))
                .build();
    }

    static JobStatus jobStatus() {
        return JobStatus.newBuilder()
                .setJobId(JOB_ID).setState(JobState.FAILED)
                .setMessage("input nustar/monol_testA.evt: event times are not sorted at row 412 (80000410.5 after 80000411.25)")
                .setSpec(jobSpec()).setTimings(timings())
                .setSegmentsDone(3).setSegmentsExpected(16)
                .build();
    }

    static EventChunk eventChunk() {
        return EventChunk.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setInput(0).setSeq(0).setLast(false)
                .addAllTime(List.of(80000000.23635569, 80000000.78340733, 80000001.43524987))
                .addAllEnergy(List.of(8.56, 33.04, 8.0))
                .addAllPi(List.of(174, 786, 160))
                .addGti(gti()).setInfo(observationInfo())
                .setFirstEvent(0)
                .build();
    }

    static EventChunk eventChunkLast() {
        return EventChunk.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setInput(1).setSeq(1).setLast(true)
                .addAllTime(List.of(80001024.5))
                .addAllEnergy(List.of(4.4))
                .addAllPi(List.of(60))
                .setFirstEvent(1)
                .setSource(InputFile.newBuilder().setPath("nustar/monol_testA.evt")
                        .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08").setSizeBytes(48960))
                .build();
    }

    static Segment segmentOfEvents() {
        return Segment.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setSegmentIndex(2)
                .setStart(80000128.0).setSegmentSize(64.0).setNbin(8192).setDt(1.0 / 128)
                .setChannel1(SegmentChannel.newBuilder().setEvents(
                        EventTimes.newBuilder().addAllTime(List.of(80000128.1, 80000150.75, 80000191.99))))
                .setChannel2(SegmentChannel.newBuilder().setEvents(
                        EventTimes.newBuilder().addAllTime(List.of(80000131.5))))
                .build();
    }

    static Segment segmentOfCounts() {
        return Segment.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setSegmentIndex(0)
                .setStart(80000000.0).setSegmentSize(4.0).setNbin(4).setDt(1.0)
                .setChannel1(SegmentChannel.newBuilder().setCounts(
                        BinnedCounts.newBuilder().addAllCounts(List.of(3.0, 0.0, 1.0, 2.0))))
                .build();
    }

    /** A PDS partial with use_common_mean = false: the local-mean sums come with the plain ones. */
    static PartialAccumulator pdsLocalMeanPartial() {
        return PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setKind(ProductKind.PDS)
                .addAllSegmentRanges(List.of(4L, 8L))
                .setM(4).setNbin(8).setDt(1.0 / 128)
                .addAllPowerSum(List.of(170.0, 161.0, 149.0))
                .setNphots1Sum(168)
                .setLocalNorm(LocalNormSums.newBuilder().setNorm(Norm.LEAHY)
                        .addAllPowerSum(List.of(8.12, 7.65, 7.1)))
                .build();
    }

    static PartialAccumulator cpdsPartial() {
        return PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setKind(ProductKind.CPDS)
                .addAllSegmentRanges(List.of(0L, 3L, 5L, 6L))   // segments {0, 1, 2, 5}
                .setM(4).setNbin(8).setDt(1.0 / 128)
                .addAllCrossReSum(List.of(50.0, -7.0, 24.0))
                .addAllCrossImSum(List.of(1.0, 3.5, -2.0))
                .addAllPds1Sum(List.of(160.0, 152.0, 164.0))
                .addAllPds2Sum(List.of(264.0, 248.0, 236.0))
                .setNphots1Sum(160).setNphots2Sum(199)
                .setLocalNorm(LocalNormSums.newBuilder().setNorm(Norm.FRAC)
                        .addAllCrossReSum(List.of(6.0e-3, -8.0e-4, 2.9e-3))
                        .addAllCrossImSum(List.of(1.2e-4, 4.4e-4, -2.4e-4))
                        .addAllPds1Sum(List.of(8.4e-3, 7.6e-3, 8.2e-3))
                        .addAllPds2Sum(List.of(1.32e-2, 1.24e-2, 1.18e-2)))
                .build();
    }

    static PartialAccumulator dynpsPartial() {
        return PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setKind(ProductKind.DYNPS)
                .addAllSegmentRanges(List.of(0L, 2L))
                .setM(2).setNbin(6).setDt(1.0 / 16)
                .addAllPowerSum(List.of(121.0, 139.0))
                .setNphots1Sum(125)
                .addRows(SegmentRow.newBuilder().setSegmentIndex(1).setStart(80000064.0).setNphots(63)
                        .addAllPower(List.of(59.0, 75.0)))
                .addRows(SegmentRow.newBuilder().setSegmentIndex(0).setStart(80000000.0).setNphots(62)
                        .addAllPower(List.of(62.0, 64.0)))
                .build();
    }

    static ExpectedCount expectedCount() {
        return ExpectedCount.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setTotalSegments(16)
                .addGti(gti())
                .addInputs(InputFile.newBuilder().setPath("nustar/monol_testA.evt")
                        .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08").setSizeBytes(48960))
                .setTotalEvents1(640).setTotalEvents2(357)
                .build();
    }

    static EventChunk eventChunkWithSpec() {
        return eventChunk().toBuilder().setSpec(jobSpec()).setInputCount(1).build();
    }

    /** A PDS partial as the v1 workers write it: norm-free per-segment sums and the used segments. */
    static PartialAccumulator pdsPartial() {
        return PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID).setKind(ProductKind.PDS)
                .addAllSegmentRanges(List.of(4L, 8L))
                .setM(3).setNbin(8).setDt(1.0 / 128)
                .addAllPowerSum(List.of(170.0, 161.0, 149.0))
                .addAllPowerOverNphSum(List.of(4.06, 3.83, 3.55))
                .addAllPowerOverNph2Sum(List.of(0.0974, 0.0921, 0.0852))
                .addAllUsedRanges(List.of(4L, 6L, 7L, 8L))
                .setNphots1Sum(126)
                .build();
    }

    static SegmenterState segmenterState() {
        return SegmenterState.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setSpec(jobSpec()).setInputCount(1)
                .addInputs(SegmenterInput.newBuilder().setNextSeq(3).setDone(true).setLastTime(80000191.99)
                        .addGti(gti())
                        .setSource(InputFile.newBuilder().setPath("nustar/monol_testA.evt")
                                .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                                .setSizeBytes(48960)))
                .addGti(gti()).setGtiKnown(true)
                .setNextSegment(2).setTotalSegments(16)
                .addAllPending1(List.of(80000128.1, 80000150.75))
                .addAllPending2(List.of(80000131.5))
                .setEvents1(120).setEvents2(64)
                .setPhase(SegmenterPhase.CUTTING)
                .setMessage("cutting")
                .build();
    }

    static ReducerState reducerState() {
        return ReducerState.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setMerged(pdsPartial())
                .setExpected(expectedCount().toBuilder().setSpec(jobSpec()))
                .setExpectedKnown(true)
                .setPhase(ReducerPhase.MERGING)
                .setPartialsMerged(2).setDuplicatesDropped(1)
                .setMessage("merging")
                .build();
    }

    static JobRecord jobRecord() {
        return JobRecord.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(JOB_ID)
                .setSpec(jobSpec()).setState(JobState.RUNNING).setMessage("reading nustar/monol_testA.evt")
                .setTimings(timings()).setUpdated(time(1795000005L, 0))
                .build();
    }
}
