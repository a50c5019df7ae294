package org.manta.reduce.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;
import org.manta.core.events.EnergyBand;
import org.manta.core.plan.JobPlan;
import org.manta.core.segment.Segments;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.ProductMapper;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.ProductPieces;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.ChannelBand;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Mjdref;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ObservationContext;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ProductRecord;
import org.manta.proto.v1.ReducerPhase;
import org.manta.proto.v1.ReducerState;
import org.manta.proto.v1.RunningProduct;
import org.manta.proto.v1.SegmentRow;
import org.manta.reduce.TestPartials;

/**
 * Merging a job's partials in any order, with redelivered duplicates among them and the expected
 * count arriving at any point, gives exactly the one-pass product; overlaps fail the job. Running
 * products are the one-pass product of the segments merged so far, at most once per interval.
 */
class JobReducerTest {
    /** Partials merge sums in another order than the one pass: a few ulp of the largest power. */
    private static final double REASSOCIATION_TOL = 1e-12;
    private static final Instant NOW = Instant.ofEpochSecond(1795000000L);

    private static final Duration RUNNING_INTERVAL = Duration.ofSeconds(1);

    private final JobReducer reducer = new JobReducer("test", 100, RUNNING_INTERVAL);
    private final MapRows rows = new MapRows();

    @Test
    void pdsWithDuplicatesInAnyOrderEqualsOnePass() throws Exception {
        double[] times = TestPartials.events(5, 8000);
        var spec = TestPartials.spec(ProductKind.PDS, Norm.FRAC);
        List<Object> inputs = new ArrayList<>(TestPartials.partials("p", ProductKind.PDS, times, 7));
        inputs.add(inputs.get(1));   // redelivered
        inputs.add(inputs.get(3));
        inputs.add(TestPartials.expected("p", spec, times.length));
        Collections.shuffle(inputs, new Random(11));
        Run run = reduce(inputs);
        assertEquals(2, run.duplicates);
        Product expected = ProductMapper.pds(Spectra.averagedPowerSpectrum(times, TestPartials.GTI, TestPartials.SPEC,
                Normalization.FRAC, true), "p").build();
        assertEquals(expected.getM(), run.product.getM());
        assertClose(expected.getPower().getReList(), run.product.getPower().getReList());
        assertEquals(TestPartials.GTI.size(), run.product.getGtiCount());
        assertEquals(spec, run.product.getProvenance().getParameters());
        assertEquals(ReducerPhase.FINISHED, run.state.getPhase());
        assertTrue(rows.rows.isEmpty());
    }

    @Test
    void dynpsRowsAreKeptApartAndAssembledAtTheEnd() throws Exception {
        double[] times = TestPartials.events(6, 6000);
        var spec = TestPartials.spec(ProductKind.DYNPS, Norm.LEAHY);
        List<Object> inputs = new ArrayList<>();
        inputs.add(TestPartials.expected("d", spec, times.length));
        inputs.addAll(TestPartials.partials("d", ProductKind.DYNPS, times, 5));
        Collections.reverse(inputs);
        Run run = reduce(inputs);
        Product expected = ProductMapper.dynps(Spectra.dynamicalPowerSpectrum(times, TestPartials.GTI, TestPartials.SPEC,
                Normalization.LEAHY), TestPartials.SPEC, "d").build();
        assertEquals(expected.getTimeList(), run.product.getTimeList());
        assertEquals(expected.getDynPsShapeList(), run.product.getDynPsShapeList());
        assertClose(expected.getDynPsList(), run.product.getDynPsList());
        assertTrue(rows.rows.isEmpty(), "rows are deleted once the product is out");
    }

    @Test
    void aPartlyOverlappingPartialFailsTheJob() {
        double[] times = TestPartials.events(7, 3000);
        List<PartialAccumulator> byFive = TestPartials.partials("o", ProductKind.PDS, times, 5);
        List<PartialAccumulator> bySeven = TestPartials.partials("o", ProductKind.PDS, times, 7);
        JobReducer.Output first = reducer.onPartial(null, byFive.get(0), rows, NOW);
        JobReducer.Output second = reducer.onPartial(first.state(), bySeven.get(0), rows, NOW);
        assertEquals(ReducerPhase.REJECTED, second.state().getPhase());
        assertEquals(JobState.FAILED, second.jobRecords().get(0).getState());
        assertTrue(second.jobRecords().get(0).getMessage().contains("exactly-once"), second.jobRecords().get(0).getMessage());
        JobReducer.Output after = reducer.onPartial(second.state(), byFive.get(1), rows, NOW);
        assertTrue(after.duplicate() && after.state() == null, "a failed job ignores later partials");
    }

    @Test
    void progressIsReportedUntilTheExpectedCountCompletesTheJob() {
        double[] times = TestPartials.events(8, 3000);
        List<PartialAccumulator> parts = TestPartials.partials("g", ProductKind.PDS, times, 10);
        JobReducer.Output o = reducer.onPartial(null, parts.get(0), rows, NOW);
        assertEquals(JobState.RUNNING, o.jobRecords().get(0).getState());
        assertEquals(10, o.jobRecords().get(0).getSegmentsDone());
        assertEquals(10, o.merged());
        ExpectedCount e = TestPartials.expected("g", TestPartials.spec(ProductKind.PDS, Norm.LEAHY), times.length);
        o = reducer.onExpected(o.state(), e, rows, NOW);
        assertEquals(TestPartials.segmentCount(), o.jobRecords().get(0).getSegmentsExpected());
    }

    @Test
    void runningProductsAreTheCoreResultOfTheSegmentsMergedSoFar() throws Exception {
        double[] times = TestPartials.events(9, 8000);
        JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.FRAC).toBuilder().setUseCommonMean(false)
                .setWantRunningProduct(true).build();
        List<PartialAccumulator> parts = TestPartials.partials("w", ProductKind.PDS, times, 5);
        JobReducer.Output o = reducer.onExpected(null, TestPartials.preliminary("w", spec), rows, NOW);
        assertTrue(o.running().isEmpty() && o.jobRecords().isEmpty(), "a preliminary count only keeps the spec");
        assertFalse(o.state().getExpectedKnown());
        ReducerState state = roundTrip(o.state());
        for (int k = 0; k < parts.size(); k++) {
            o = reducer.onPartial(state, parts.get(k), rows, NOW.plus(RUNNING_INTERVAL.multipliedBy(k)));
            state = roundTrip(o.state());
            int segments = Math.min(5 * (k + 1), TestPartials.segmentCount());
            RunningProduct running = o.running().orElseThrow(() -> new AssertionError("no running product after a merge"));
            assertEquals("w", running.getJobId());
            assertEquals(segments, running.getSegmentsDone());
            assertEquals("", running.getOmitted());
            AveragedPowerSpectrum core = Spectra.averagedPowerSpectrum(times, TestPartials.firstSegments(segments),
                    TestPartials.SPEC, Normalization.FRAC, false);
            Product expected = ProductMapper.pds(core, "w").build();
            Product p = running.getProduct();
            assertEquals(core.segments(), p.getM(), "m = the segments used so far");
            assertTrue(p.getM() > 0 && p.getM() <= segments);
            assertEquals(expected.getFreqList(), p.getFreqList());
            assertClose(expected.getPower().getReList(), p.getPower().getReList());
            assertClose(expected.getPowerErr().getReList(), p.getPowerErr().getReList());
            assertEquals(expected.getNphots(), p.getNphots(), 1e-12 * expected.getNphots());
            assertEquals(spec, p.getProvenance().getParameters());
            assertFalse(o.dropRunning());
        }
        JobReducer.Output done = reducer.onExpected(state, TestPartials.expected("w", spec, times.length), rows, NOW);
        assertEquals(ReducerPhase.FINISHED, done.state().getPhase());
        assertTrue(done.running().isEmpty(), "no running product once final");
        assertTrue(done.dropRunning(), "the running product is deleted once the product is out");
        Product finalProduct = ProductPieces.assemble(done.products().stream().map(ProductRecord::getPiece).toList());
        assertEquals(ProductMapper.pds(Spectra.averagedPowerSpectrum(times, TestPartials.GTI, TestPartials.SPEC,
                Normalization.FRAC, false), "w").build().getM(), finalProduct.getM());
    }

    @Test
    void runningProductsComeAtMostOncePerIntervalAndOnlyWhenWanted() throws Exception {
        double[] times = TestPartials.events(10, 6000);
        JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY).toBuilder().setWantRunningProduct(true).build();
        List<PartialAccumulator> parts = TestPartials.partials("i", ProductKind.PDS, times, 4);
        ReducerState state = roundTrip(reducer.onPartial(null, parts.get(0), rows, NOW).state());
        long[] offsetsMs = {0, 100, 300, 999, 1000, 1500, 2100};
        boolean[] due = {true, false, false, false, true, false, true};
        JobReducer.Output o = reducer.onExpected(state, TestPartials.preliminary("i", spec), rows, NOW);
        assertTrue(o.running().isEmpty(), "nothing merged by the count itself");
        state = roundTrip(o.state());
        for (int k = 0; k < offsetsMs.length; k++) {
            o = reducer.onPartial(state, parts.get(k + 1), rows, NOW.plusMillis(offsetsMs[k]));
            state = roundTrip(o.state());
            assertEquals(due[k], o.running().isPresent(), "partial " + (k + 1) + " at +" + offsetsMs[k] + " ms");
            if (due[k]) {
                int segments = 4 * (k + 2);
                assertEquals(segments, o.running().get().getSegmentsDone(), "also the segments of skipped merges");
                assertEquals(Spectra.averagedPowerSpectrum(times, TestPartials.firstSegments(segments), TestPartials.SPEC,
                        Normalization.LEAHY, true).segments(), o.running().get().getProduct().getM());
            }
        }
        JobReducer.Output duplicate = reducer.onPartial(state, parts.get(1), rows, NOW.plusSeconds(60));
        assertTrue(duplicate.duplicate() && duplicate.running().isEmpty(), "a dropped duplicate merges nothing");
        JobReducer.Output overlap = reducer.onPartial(state, TestPartials.partials("i", ProductKind.PDS, times, 6).get(5),
                rows, NOW.plusSeconds(60));
        assertEquals(JobState.FAILED, overlap.jobRecords().get(0).getState());
        assertTrue(overlap.dropRunning(), "a failed job's running product is deleted");

        JobSpec unwanted = TestPartials.spec(ProductKind.PDS, Norm.LEAHY);
        ReducerState plain = roundTrip(reducer.onExpected(null, TestPartials.preliminary("u", unwanted), rows, NOW).state());
        for (PartialAccumulator p : TestPartials.partials("u", ProductKind.PDS, times, 4)) {
            JobReducer.Output out = reducer.onPartial(plain, p, rows, NOW.plusSeconds(p.getSegmentRanges(0)));
            plain = roundTrip(out.state());
            assertTrue(out.running().isEmpty() && !out.dropRunning(), "no running product when not wanted");
        }
        assertFalse(plain.hasRunningPublished());
    }

    /**
     * The context segment-service put on the plan (the inputs' headers, each channel's band) is on the running products
     * and on the final product; a count without it (an older writer) leaves the products without it.
     */
    @Test
    void everyProductCarriesThePlansObservationContext() throws Exception {
        double[] times = TestPartials.events(13, 6000);
        JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY).toBuilder().setWantRunningProduct(true).build();
        ObservationContext context = ObservationContext.newBuilder().setTelescope("NuSTAR").setInstrument("FPMA")
                .setObject("Her X-1").setTimesys("TT").setMjdref(Mjdref.newBuilder().setDays(55197).setFraction(7.66e-4))
                .addChannels(ChannelBand.newBuilder().setBand(Band.newBuilder().setLo(3).setHi(10))).build();
        JobPlanRecord plan = Plans.record(spec, JobPlan.of(JobSpecs.request(spec, false), TestPartials.SPEC,
                TestPartials.GTI), List.of(InputFile.newBuilder().setPath("sim.evt").build()), 1).toBuilder()
                .setObservation(context).build();
        ExpectedCount expected = TestPartials.expected("c", spec, times.length).toBuilder().setPlan(plan).build();
        List<PartialAccumulator> parts = TestPartials.partials("c", ProductKind.PDS, times, 7);
        JobReducer.Output o = reducer.onExpected(null, expected, rows, NOW);
        ReducerState state = roundTrip(o.state());
        List<ProductRecord> pieces = new ArrayList<>();
        int running = 0;
        for (int k = 0; k < parts.size(); k++) {
            o = reducer.onPartial(state, parts.get(k), rows, NOW.plus(RUNNING_INTERVAL.multipliedBy(k)));
            state = roundTrip(o.state());
            if (o.running().isPresent() && o.running().get().hasProduct()) {
                assertEquals(context, o.running().get().getProduct().getObservation(), "running product " + k);
                running++;
            }
            pieces.addAll(o.products());
        }
        assertTrue(running > 0, "running products were made");
        assertEquals(ReducerPhase.FINISHED, state.getPhase());
        assertEquals(context, ProductPieces.assemble(pieces.stream().map(ProductRecord::getPiece).toList())
                .getObservation(), "the final product");

        List<Object> olderInputs = new ArrayList<>(TestPartials.partials("n", ProductKind.PDS, times, 7));
        olderInputs.add(TestPartials.expected("n", TestPartials.spec(ProductKind.PDS, Norm.LEAHY), times.length));
        Run older = reduce(olderInputs);
        assertFalse(older.product.hasObservation(), "a plan without a context: none on the product");
    }

    /**
     * Partials that leave nothing to average fail the job with the embedded command's words: a band without events
     * names the input and the band, else no segment with 2 events.
     */
    @Test
    void nothingToAverageIsSaidAsTheEmbeddedCommandSaysIt() {
        JobSpec banded = TestPartials.spec(ProductKind.PDS, Norm.LEAHY).toBuilder()
                .setBand1(Protos.band(EnergyBand.energy(100, 200))).build();
        List<Object> empty = new ArrayList<>(TestPartials.partials("e", ProductKind.PDS, new double[0], 7));
        empty.add(withInput(TestPartials.expected("e", banded, 0)));
        assertEquals("sim.evt: no events in band " + EnergyBand.energy(100, 200)
                + EnergyBand.energy(100, 200).emptyHint(), failure(empty));
        double[] onePerSegment = new double[TestPartials.segmentCount()];
        double[] starts = Segments.starts(TestPartials.GTI, TestPartials.SPEC);
        for (int i = 0; i < starts.length; i++) {
            onePerSegment[i] = starts[i] + 1;
        }
        List<Object> sparse = new ArrayList<>(TestPartials.partials("s", ProductKind.PDS, onePerSegment, 7));
        sparse.add(withInput(TestPartials.expected("s", TestPartials.spec(ProductKind.PDS, Norm.LEAHY),
                onePerSegment.length)));
        assertEquals("sim.evt: no segment of 8.0 s has the 2 events a spectrum needs", failure(sparse));
    }

    /** {@code e} with its spec's input, as segment-service sends it. */
    private static ExpectedCount withInput(ExpectedCount e) {
        return e.toBuilder().addInputs(InputFile.newBuilder().setPath(e.getSpec().getInputs(0))).build();
    }

    /** The message of the FAILED job record that reducing {@code inputs} in order ends with. */
    private String failure(List<Object> inputs) {
        ReducerState state = null;
        JobRecord last = null;
        for (Object in : inputs) {
            JobReducer.Output o = in instanceof PartialAccumulator p ? reducer.onPartial(state, p, rows, NOW)
                    : reducer.onExpected(state, (ExpectedCount) in, rows, NOW);
            state = o.state() == null ? state : o.state();
            last = o.jobRecords().isEmpty() ? last : o.jobRecords().get(o.jobRecords().size() - 1);
        }
        assertEquals(JobState.FAILED, last.getState(), last.toString());
        return last.getMessage();
    }

    @Test
    void dynpsRunningProductsComeFromTheStoredRows() throws Exception {
        double[] times = TestPartials.events(12, 6000);
        JobSpec spec = TestPartials.spec(ProductKind.DYNPS, Norm.FRAC).toBuilder().setWantRunningProduct(true).build();
        List<PartialAccumulator> parts = TestPartials.partials("y", ProductKind.DYNPS, times, 7);
        ReducerState state = roundTrip(reducer.onExpected(null, TestPartials.preliminary("y", spec), rows, NOW).state());
        state = roundTrip(reducer.onPartial(state, parts.get(0), rows, NOW).state());
        JobReducer.Output o = reducer.onPartial(state, parts.get(1), rows, NOW.plus(RUNNING_INTERVAL));
        Product p = o.running().orElseThrow().getProduct();
        Product expected = ProductMapper.dynps(Spectra.dynamicalPowerSpectrum(times, TestPartials.firstSegments(14),
                TestPartials.SPEC, Normalization.FRAC), TestPartials.SPEC, "y").build();
        assertEquals(expected.getTimeList(), p.getTimeList());
        assertEquals(expected.getDynPsShapeList(), p.getDynPsShapeList());
        assertEquals(14, p.getDynPsShape(1), "one column per segment so far");
        assertClose(expected.getDynPsList(), p.getDynPsList());
    }

    private static ReducerState roundTrip(ReducerState state) throws Exception {
        return ReducerState.parseFrom(state.toByteArray());
    }

    private record Run(Product product, ReducerState state, int duplicates) {
    }

    /** Feeds partials and the expected count, passing the state through bytes like the store does. */
    private Run reduce(List<Object> inputs) throws Exception {
        ReducerState state = null;
        List<ProductRecord> products = new ArrayList<>();
        int duplicates = 0;
        for (Object in : inputs) {
            JobReducer.Output o = in instanceof PartialAccumulator p ? reducer.onPartial(state, p, rows, NOW)
                    : reducer.onExpected(state, (ExpectedCount) in, rows, NOW);
            if (o.state() != null) {
                state = ReducerState.parseFrom(o.state().toByteArray());
            }
            products.addAll(o.products());
            duplicates += o.duplicate() ? 1 : 0;
            o.jobRecords().forEach(j -> assertTrue(j.getState() != JobState.FAILED, j.getMessage()));
        }
        assertTrue(products.size() > 1, "a product of several pieces (100 values each)");
        for (int i = 0; i < products.size(); i++) {
            assertEquals(i, products.get(i).getPieceIndex());
            assertEquals(products.size(), products.get(i).getPieceCount());
        }
        Product product = ProductPieces.assemble(products.stream().map(ProductRecord::getPiece).toList());
        return new Run(product, state, duplicates);
    }

    private static void assertClose(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size());
        double scale = expected.stream().mapToDouble(Math::abs).max().orElse(0);
        assertArrayEquals(expected.stream().mapToDouble(Double::doubleValue).toArray(),
                actual.stream().mapToDouble(Double::doubleValue).toArray(), REASSOCIATION_TOL * scale);
    }

    /** A row store in a sorted map. */
    static final class MapRows implements RowStore {
        final Map<String, TreeMap<Long, SegmentRow>> rows = new TreeMap<>();

        @Override
        public void put(String jobId, SegmentRow row) {
            rows.computeIfAbsent(jobId, k -> new TreeMap<>()).put(row.getSegmentIndex(), row);
        }

        @Override
        public List<SegmentRow> rows(String jobId) {
            return new ArrayList<>(rows.getOrDefault(jobId, new TreeMap<>()).values());
        }

        @Override
        public void deleteAll(String jobId) {
            rows.remove(jobId);
        }
    }
}
