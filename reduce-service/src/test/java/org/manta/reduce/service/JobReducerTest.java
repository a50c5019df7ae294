package org.manta.reduce.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.common.mapping.ProductMapper;
import org.manta.proto.ProductPieces;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ProductRecord;
import org.manta.proto.v1.ReducerPhase;
import org.manta.proto.v1.ReducerState;
import org.manta.proto.v1.SegmentRow;
import org.manta.reduce.TestPartials;

/**
 * Merging a job's partials in any order, with redelivered duplicates among them and the expected
 * count arriving at any point, gives exactly the one-pass product; overlaps fail the job.
 */
class JobReducerTest {
    /** Partials merge sums in another order than the one pass: a few ulp of the largest power. */
    private static final double REASSOCIATION_TOL = 1e-12;
    private static final Instant NOW = Instant.ofEpochSecond(1795000000L);

    private final JobReducer reducer = new JobReducer("test", 100);
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
