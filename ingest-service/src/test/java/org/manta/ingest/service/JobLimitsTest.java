package org.manta.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.bispectrum.BispectrumRequest;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.segment.SegmentSpec;
import org.manta.mesh.Topics;
import org.manta.mesh.common.errors.LimitExceededException;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.partial.PartialSize;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/** The edge's size limits: each refusal names the limit, the value and the property that raises it; within them a plan is made. */
class JobLimitsTest {
    /** The defaults of {@code manta.ingest.max-segments}, {@code max-segment-bins}, {@code max-product-bytes}. */
    private static final JobLimits DEFAULTS = JobLimits.of(1_000_000, 1 << 23, 256L << 20);
    private static final int MIB = 1 << 20;

    private static JobSpec spec(ProductKind kind, double dt, double segment) {
        JobSpec.Builder b = JobSpec.newBuilder().setKind(kind).setDt(dt).setSegmentSize(segment).addInputs("a.evt");
        if (kind == ProductKind.CPDS) {
            b.setBand1(Band.newBuilder().setLo(0.5).setHi(2)).setBand2(Band.newBuilder().setLo(2).setHi(10));
        }
        return b.build();
    }

    private static JobPlan plan(JobLimits limits, JobSpec spec, GtiList gti) {
        return limits.plan(spec, JobSpecs.request(spec, false), List.of(new InputHeader("a.evt", 0, gti, true, true)));
    }

    private static void checkSpec(JobLimits limits, JobSpec spec) {
        limits.checkSpec(spec, JobSpecs.request(spec, false));
    }

    /**
     * A job of several observations is planned per observation (each its own GTIs), and the segment limit counts
     * them all: 3 + 5 segments pass a limit of 8 and fail one of 7, though each observation alone is below it.
     */
    @Test
    void theSegmentLimitCountsEveryObservation() {
        JobSpec two = spec(ProductKind.PDS, 1.0 / 16, 10).toBuilder().addInputs("b.evt").addObservationInputs(1)
                .addObservationInputs(1).build();
        List<InputHeader> headers = List.of(new InputHeader("a.evt", 0, GtiList.of(new Gti(0, 30)), true, true),
                new InputHeader("b.evt", 0, GtiList.of(new Gti(1000, 1050)), true, true));
        List<JobPlan> plans = JobLimits.of(8, 1 << 23, 256L << 20).plans(two, JobSpecs.request(two, false), headers);
        assertEquals(List.of(3, 5), plans.stream().map(JobPlan::segmentCount).toList(), "each observation on its GTIs");
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> JobLimits.of(7, 1 << 23, 256L << 20).plans(two, JobSpecs.request(two, false), headers));
        assertTrue(e.getMessage().contains("the job's 8 segments of 10.0 s"), e.getMessage());
        assertTrue(e.getMessage().contains(JobLimits.MAX_SEGMENTS), e.getMessage());
    }

    /**
     * A job of the whole series is one finished product in one partial: a bispectrum's (2L+1)^2 matrices above the
     * record limit are refused on the spec when --maxlag is given, else on the plan (L = N/2); a bicoherence's
     * (n/2+1)^2 values of too long segments on the spec; a Lomb–Scargle spectrum of too many bins on the plan; each
     * naming the record limit's property.
     */
    /**
     * A multitaper job of a list of several GTIs is refused at the edge with {@code manta multitaper}'s message (the
     * sweep of issue 9: the mesh accepted it and failed it in the fft worker, "cannot process work unit JOB/0: …"); one
     * GTI is planned.
     */
    @Test
    void aMultitaperOfSeveralGtisIsRefusedWithTheCommandsMessage() {
        JobSpec multitaper = JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).setDt(1).addInputs("a.evt")
                .setMultitaper(org.manta.proto.v1.MultitaperSpec.newBuilder().setNw(4)).build();
        GtiList two = GtiList.of(new Gti(0, 100), new Gti(150, 300));
        org.manta.core.InvalidParameterException e = assertThrows(org.manta.core.InvalidParameterException.class,
                () -> plan(DEFAULTS, multitaper, two));
        org.manta.core.lightcurve.LightCurve lc = org.manta.core.lightcurve.LightCurve.make(new double[] {10, 200}, 1, 0,
                300, two);
        org.manta.core.InvalidParameterException command = assertThrows(org.manta.core.InvalidParameterException.class,
                () -> org.manta.core.lightcurve.EventLightCurves.contiguous("a.evt", lc));
        assertEquals(command.getMessage(), e.getMessage());
        assertTrue(e.getMessage().contains("2 intervals in a.evt"), e.getMessage());
        assertEquals(100, plan(DEFAULTS, multitaper, GtiList.of(new Gti(0, 200))).segmentCount(), "one GTI: 200 bins");
        JobSpec bispectrum = multitaper.toBuilder().clearMultitaper().setKind(ProductKind.BISPECTRUM)
                .setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setMaxlag(10)).build();
        assertTrue(plan(DEFAULTS, bispectrum, two).segmentCount() > 0, "a bispectrum takes the gaps as zeros");
    }

    @Test
    void theFinishedProductOfAWholeSeriesJobMustFitAPartialRecord() {
        JobSpec bispectrum = JobSpec.newBuilder().setKind(ProductKind.BISPECTRUM).setDt(1).addInputs("a.evt")
                .setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setMaxlag(2000)).build();
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> checkSpec(DEFAULTS, bispectrum));
        assertTrue(e.getMessage().contains("BISPECTRUM partial") && e.getMessage().contains(PartialSize.RECORD_LIMIT_PROPERTY),
                e.getMessage());
        // before the plan the bins are unknown: the size is said of the lags (found: "of 0 bins of the whole series")
        assertTrue(e.getMessage().contains("partial accumulator of 4001 × 4001 lags (maxlag = 2000) (about "),
                e.getMessage());
        checkSpec(DEFAULTS, bispectrum.toBuilder().setBispectrum(bispectrum.getBispectrum().toBuilder().setMaxlag(500))
                .build());
        JobSpec defaultLag = bispectrum.toBuilder().setBispectrum(org.manta.proto.v1.BispectrumSpec.getDefaultInstance())
                .build();
        assertEquals(500, plan(DEFAULTS, defaultLag, GtiList.of(new Gti(0, 1000))).segmentCount(), "1000 bins: L = 500");
        e = assertThrows(LimitExceededException.class, () -> plan(DEFAULTS, defaultLag, GtiList.of(new Gti(0, 4000))));
        assertTrue(e.getMessage().contains("4000 bins of the whole series, lags up to maxlag = N/2 (the default; a "
                + "smaller maxlag makes it smaller)"), e.getMessage());
        // a lag the command refuses is refused in its words, before the partial's size (found: 240 GB "exceeds")
        InvalidParameterException lag = assertThrows(InvalidParameterException.class,
                () -> plan(DEFAULTS, defaultLag, GtiList.of(new Gti(0, 100_000))));
        InvalidParameterException command = assertThrows(InvalidParameterException.class,
                () -> new BispectrumRequest(OptionalInt.empty(), Optional.empty(), false).lag(100_000));
        assertEquals(command.getMessage(), lag.getMessage());
        assertTrue(lag.getMessage().startsWith("maxlag = 50000 (the default N/2): expected at most 499 bins"),
                lag.getMessage());

        JobSpec bicoherence = JobSpec.newBuilder().setKind(ProductKind.BICOHERENCE).setDt(1).addInputs("a.evt")
                .setBicoherence(org.manta.proto.v1.BicoherenceSpec.newBuilder().setSegmentSize(8192)).build();
        e = assertThrows(LimitExceededException.class, () -> checkSpec(DEFAULTS, bicoherence));
        assertTrue(e.getMessage().contains("BICOHERENCE partial"), e.getMessage());
        checkSpec(DEFAULTS, bicoherence.toBuilder().setBicoherence(bicoherence.getBicoherence().toBuilder()
                .setSegmentSize(1024)).build());

        JobSpec lomb = JobSpec.newBuilder().setKind(ProductKind.LOMB).setDt(1).addInputs("a.evt")
                .setLomb(org.manta.proto.v1.LombSpec.getDefaultInstance()).build();
        assertEquals(1_000_000, plan(DEFAULTS, lomb, GtiList.of(new Gti(0, 2e6))).segmentCount(), "2e6 bins fit");
        JobLimits small = new JobLimits(1_000_000, 1 << 23, 256L << 20, 8 * MIB, JobLimits.DEFAULT_MAX_GTIS);
        e = assertThrows(LimitExceededException.class, () -> plan(small, lomb, GtiList.of(new Gti(0, 2e6))));
        assertTrue(e.getMessage().contains("LOMB partial") && e.getMessage().contains(PartialSize.RECORD_LIMIT_PROPERTY),
                e.getMessage());
    }

    /**
     * A job of the whole series is planned on segments of two bins of the bin time TIMEDEL makes (found: a light curve
     * of Chandra's TIMEDEL 0.44104 s with {@code --dt 10}, 10.14 s, failed on the mesh: "segment = 20.0: expected at
     * least 2 bins"); as the segment-service planner (Observations.plans) plans it.
     */
    @Test
    void aWholeSeriesJobIsPlannedOnTheBinTimeTimedelMakes() {
        JobSpec lc = JobSpec.newBuilder().setKind(ProductKind.LC).setDt(10).addInputs("a.evt").build();
        List<InputHeader> chandra = List.of(new InputHeader("a.evt", 0.44104, GtiList.of(new Gti(0, 1000)), true, true));
        for (JobPlan plan : List.of(DEFAULTS.plan(lc, JobSpecs.request(lc, false), chandra),
                org.manta.mesh.common.mapping.Observations.plans(lc, false, chandra, JobPlan::of).get(0))) {
            assertEquals(2, plan.segment().nbin());
            assertEquals(23 * 0.44104, plan.segment().dt(), 1e-12);
            assertEquals(49, plan.segmentCount(), "1000 s in segments of 20.29 s");
        }
        // --dt 5 moved down to 11 × 0.44104 = 4.85 s (found: "segment = 9.70288: expected at least 2 bins of dt = 5.0 s")
        JobSpec down = lc.toBuilder().setDt(5).build();
        for (JobPlan plan : List.of(DEFAULTS.plan(down, JobSpecs.request(down, false), chandra),
                org.manta.mesh.common.mapping.Observations.plans(down, false, chandra, JobPlan::of).get(0))) {
            assertEquals(2, plan.segment().nbin());
            assertEquals(11 * 0.44104, plan.segment().dt(), 1e-12);
        }
        // their segments only count progress: a series refused for their number says its bins (found: a light curve
        // of 2.4e6 bins, "the job's 1200000 segments of 0.002 s exceeds the limit of 1000000 segments")
        JobSpec fine = JobSpec.newBuilder().setKind(ProductKind.LC).setDt(1e-3).addInputs("a.evt").build();
        List<InputHeader> long1 = List.of(new InputHeader("a.evt", 0, GtiList.of(new Gti(0, 2400)), true, true));
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> DEFAULTS.plan(fine, JobSpecs.request(fine, false), long1));
        assertTrue(e.getMessage().startsWith("a whole series of 2400000 bins of dt = 0.001 s (its progress counted in "
                + "1200000 segments of 2 bins"), e.getMessage());
    }

    /** The case: GTI [0, 1e8] s, dt 0.5 s, 1 s segments (1e8 segments: 2.4 GB of bounds) is refused by counting. */
    @Test
    void aHundredMillionSegmentsAreRefusedBeforeAnyIsMade() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> plan(DEFAULTS, spec(ProductKind.PDS, 0.5, 1), GtiList.of(new Gti(0, 1e8))));
        assertEquals("the job's 100000000 segments of 1.0 s exceeds the limit of 1000000 segments (manta.ingest.max-segments)",
                e.getMessage());
        // at the limit a plan is made
        assertEquals(1_000_000, plan(DEFAULTS, spec(ProductKind.PDS, 0.5, 1), GtiList.of(new Gti(0, 1e6))).segmentCount());
    }

    @Test
    void binsTimesChannelsAreBoundedOnTheSpecAlone() {
        JobLimits bins = JobLimits.of(1_000_000, 1 << 20, 256L << 20);
        checkSpec(bins, spec(ProductKind.PDS, 1.0 / (1 << 20), 1));
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> checkSpec(bins, spec(ProductKind.CPDS, 1.0 / (1 << 20), 1)));
        assertEquals("a segment of 1048576 bins (dt = 9.5367431640625E-7 s) × 2 channel(s) exceeds the limit of "
                + "1048576 bins × channels (manta.ingest.max-segment-bins)", e.getMessage());
    }

    /**
     * A CPDS of 2^22 bins (the most a channel may have) holds 4 sums of 2^21 - 1 frequencies: 64 MiB, above the record
     * limit of manta.partials / manta.combined as mesh-topics has them; a PDS of 2^22 bins (48 MiB with the per-segment
     * sums) passes.
     */
    @Test
    void aPartialAboveTheTopicsRecordLimitIsRefusedNamingTheTopics() {
        assertEquals(64L * MIB, PartialSize.MAX_RECORD_BYTES, "manta.partials and manta.combined as mesh-topics has them");
        checkSpec(DEFAULTS, spec(ProductKind.PDS, 1.0 / (1 << 22), 1).toBuilder().setUseCommonMean(false).build());
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> checkSpec(DEFAULTS, spec(ProductKind.CPDS, 1.0 / (1 << 22), 1)));
        long estimate = PartialSize.estimate(ProductKind.CPDS, SegmentSpec.of(1.0 / (1 << 22), 1), false, 0);
        assertEquals(4 * 8L * ((1 << 21) - 1) + PartialSize.OVERHEAD_BYTES, estimate);
        assertEquals("a CPDS partial accumulator of 4194304 bins (about " + estimate + " bytes) exceeds the limit of "
                + PartialSize.MAX_RECORD_BYTES + " bytes (max.message.bytes of " + Topics.PARTIALS + " and " + Topics.COMBINED
                + " (mesh-topics Topics; the KafkaTopics in k8s))", e.getMessage());
    }

    /**
     * The DYNPS at 2^16 bins: a row is 256 KiB, so the fft workers and combiners cut its partials at half a
     * record (127 rows) and the edge accepts it; all its rows are what reduce-service holds, bounded by
     * manta.ingest.max-product-bytes.
     */
    @Test
    void aDynamicalSpectrumIsBoundedByItsRowsInTheFinalMerge() {
        JobSpec dynps = spec(ProductKind.DYNPS, 1.0 / (1 << 16), 1);
        assertEquals(127, PartialSize.rowsWithin(SegmentSpec.of(1.0 / (1 << 16), 1).nFreq(), PartialSize.DYNPS_CUT_BYTES));
        assertEquals(1000, plan(DEFAULTS, dynps, GtiList.of(new Gti(0, 1000))).segmentCount());
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> plan(DEFAULTS, dynps, GtiList.of(new Gti(0, 2000))));
        assertEquals("a dynamical spectrum of 2000 segments × 32767 frequencies (about " + 2000 * PartialSize.rowBytes(32767)
                + " bytes of rows) exceeds the limit of 268435456 bytes (manta.ingest.max-product-bytes)", e.getMessage());
        // one row above half a record (here of 8 MiB): no cut can make it a record
        JobLimits small = new JobLimits(1_000_000, 1 << 23, Long.MAX_VALUE, 8L * MIB, JobLimits.DEFAULT_MAX_GTIS);
        LimitExceededException row = assertThrows(LimitExceededException.class,
                () -> checkSpec(small, spec(ProductKind.DYNPS, 1.0 / (1 << 22), 1)));
        assertTrue(row.getMessage().startsWith("a DYNPS partial accumulator of 4194304 bins (one row: about"), row.getMessage());
        assertTrue(row.getMessage().endsWith("exceeds the limit of " + 4 * MIB + " bytes (half a record: the cut of DYNPS "
                + "partials) (" + PartialSize.RECORD_LIMIT_PROPERTY + ")"), row.getMessage());
    }

    /**
     * The plan's GTIs ride on the plan records (manta.expected: 1 MiB): an input with more GTIs than
     * manta.ingest.max-gtis is refused on its header, naming the input; at the limit the plan is made on all of them.
     */
    @Test
    void anInputWithMoreGtisThanTheLimitIsRefusedNamingIt() {
        JobLimits three = JobLimits.of(1_000_000, 1 << 23, 256L << 20, 3);
        JobSpec pds = spec(ProductKind.PDS, 0.5, 1);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> plan(three, pds, gtis(4)));
        assertEquals("a.evt with 4 GTIs exceeds the limit of 3 GTIs per input (manta.ingest.max-gtis)", e.getMessage());
        JobPlan atTheLimit = plan(three, pds, gtis(3));
        assertEquals(3, atTheLimit.gti().size());
        assertEquals(3 * 8, atTheLimit.segmentCount(), "8 one-second segments in each 8-s GTI");
        assertEquals(20_000, JobLimits.DEFAULT_MAX_GTIS, "the default of manta.ingest.max-gtis (IngestConfig)");
    }

    /** {@code n} GTIs of 8 s, 2 s apart. */
    private static GtiList gtis(int n) {
        List<Gti> g = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.add(new Gti(10.0 * i, 10.0 * i + 8));
        }
        return GtiList.of(g);
    }
}
