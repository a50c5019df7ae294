package org.manta.segment.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.io.EventFileReader;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.common.mapping.EventChunkSource;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.Workspace;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.Segment;
import org.manta.proto.v1.SegmenterPhase;
import org.manta.proto.v1.SegmenterState;

/**
 * The cutter publishes every segment index once, in order, with exactly the events the embedded
 * path uses: folding its segments gives the core's one-pass spectra of the reference files.
 */
class SegmentCutterTest {
    /** Folding and one pass add the same terms in another order: a few ulp of the largest power. */
    private static final double REASSOCIATION_TOL = 1e-12;
    private static final String JOB = "job-7";
    /** Small chunks, so that segments span chunks and chunks span segments. */
    private static final int EVENTS_PER_CHUNK = 97;

    @Test
    void pdsSegmentsOfMonolEqualTheEmbeddedPath() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("monol_testA.evt").setDt(1.0 / 128)
                .setSegmentSize(64).setNorm(Norm.LEAHY).build();
        Run run = cutAll(spec, List.of(chunks(data("monol_testA.evt"), 0, spec, 1)));
        EventList events = readAll(data("monol_testA.evt"), null);
        SegmentSpec layout = SegmentSpec.of(1.0 / 128, 64);
        int total = Segments.starts(events.gti(), layout).length;
        assertEquals(total, run.segments.size());
        for (int i = 0; i < total; i++) {
            assertEquals(i, run.segments.get(i).getSegmentIndex(), "indices in order, each once");
        }
        ExpectedCount e = run.expected.orElseThrow();
        assertEquals(total, e.getTotalSegments());
        assertEquals(run.segments.stream().mapToLong(s -> s.getChannel1().getEvents().getTimeCount()).sum(), e.getTotalEvents1());
        AveragedPowerSpectrum expected = Spectra.averagedPowerSpectrum(events, layout, Normalization.LEAHY, true);
        AveragedPowerSpectrum actual = fold(run.segments, ProductKind.PDS, layout).power().result(Normalization.LEAHY, true);
        assertEquals(expected.segments(), actual.segments());
        assertClose(expected.power(), actual.power());
    }

    @Test
    void denseSegmentsTravelAsCountsWithTheSameSpectrum() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("monol_testA.evt").setDt(4)
                .setSegmentSize(64).build();
        Run run = cutAll(spec, List.of(chunks(data("monol_testA.evt"), 0, spec, 1)));
        assertTrue(run.segments.stream().allMatch(s -> s.getChannel1().hasCounts()), "62 events in 16 bins: counts");
        EventList events = readAll(data("monol_testA.evt"), null);
        SegmentSpec layout = SegmentSpec.of(4, 64);
        for (Normalization norm : Normalization.values()) {
            AveragedPowerSpectrum expected = Spectra.averagedPowerSpectrum(events, layout, norm, false);
            AveragedPowerSpectrum actual = fold(run.segments, ProductKind.PDS, layout).power().result(norm, false);
            assertEquals(expected.segments(), actual.segments());
            assertClose(expected.power(), actual.power());
        }
    }

    @Test
    void cpdsOfTwoBandsOfOneFileEqualsTheEmbeddedPath() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.CPDS).addInputs("monol_testA.evt").setDt(1.0 / 128)
                .setSegmentSize(64).setNorm(Norm.FRAC)
                .setBand1(Band.newBuilder().setLo(0).setHi(10)).setBand2(Band.newBuilder().setLo(10).setHi(100)).build();
        Run run = cutAll(spec, List.of(chunks(data("monol_testA.evt"), 0, spec, 1)));
        EventList band1 = readAll(data("monol_testA.evt"), EnergyBand.energy(0, 10));
        EventList band2 = readAll(data("monol_testA.evt"), EnergyBand.energy(10, 100));
        SegmentSpec layout = SegmentSpec.of(1.0 / 128, 64);
        AveragedCrossSpectrum expected = Spectra.averagedCrossSpectrum(band1, band2, layout, Normalization.FRAC);
        AveragedCrossSpectrum actual = fold(run.segments, ProductKind.CPDS, layout).cross().result(Normalization.FRAC);
        assertEquals(expected.segments(), actual.segments());
        assertClose(expected.power().re(), actual.power().re());
        assertClose(expected.power().im(), actual.power().im());
        assertEquals(band1.time().length, run.expected.orElseThrow().getTotalEvents1());
    }

    @Test
    void cpdsOfTwoFilesUsesTheIntersectedGtisAndInterleavedChunks() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.CPDS).addInputs("monol_testA.evt")
                .addInputs("monol_testA_calib.evt").setDt(1.0 / 16).setSegmentSize(32).build();
        List<EventChunk> a = chunks(data("monol_testA.evt"), 0, spec, 2);
        List<EventChunk> b = chunks(data("monol_testA_calib.evt"), 1, spec, 2);
        List<EventChunk> interleaved = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                interleaved.add(a.get(i));
            }
            if (i < b.size()) {
                interleaved.add(b.get(i));
            }
        }
        Run run = cutAll(spec, List.of(interleaved));
        EventList e1 = readAll(data("monol_testA.evt"), null);
        EventList e2 = readAll(data("monol_testA_calib.evt"), null);
        GtiList gti = Gtis.intersect(e1.gti(), e2.gti());
        SegmentSpec layout = SegmentSpec.of(1.0 / 16, 32);
        AveragedCrossSpectrum expected = Spectra.averagedCrossSpectrum(e1.time(), e2.time(), gti, layout, Normalization.LEAHY);
        AveragedCrossSpectrum actual = fold(run.segments, ProductKind.CPDS, layout).cross().result(Normalization.LEAHY);
        assertClose(expected.power().re(), actual.power().re());
        assertEquals(org.manta.mesh.common.mapping.Protos.gtis(gti), run.expected.orElseThrow().getGtiList());
    }

    @Test
    void redeliveredChunksAreIgnored() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("monol_testA.evt").setDt(1.0 / 16)
                .setSegmentSize(64).build();
        List<EventChunk> once = chunks(data("monol_testA.evt"), 0, spec, 1);
        List<EventChunk> twice = new ArrayList<>();
        for (EventChunk c : once) {
            twice.add(c);
            twice.add(c);
        }
        assertEquals(cutAll(spec, List.of(once)).segments, cutAll(spec, List.of(twice)).segments);
    }

    @Test
    void badInputAbortsTheJobWithAClearMessage() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("x.evt").setDt(1).setSegmentSize(10).build();
        EventChunk first = chunk(spec, 0, List.of(1.0, 2.0, 3.0), false);
        assertFailure(List.of(first, chunk(null, 1, List.of(2.5, 4.0), true)), "event times are not sorted");
        assertFailure(List.of(first, chunk(null, 2, List.of(4.0), true)), "chunk seq 2 arrived, expected seq 1");
        assertFailure(List.of(chunk(spec, 0, List.of(1.0), false).toBuilder().clearGti().build()), "no good time intervals");
        JobSpec longSegments = spec.toBuilder().setSegmentSize(1000).build();
        assertFailure(List.of(chunk(longSegments, 0, List.of(1.0), true)), "no GTI is at least one segment long");
        JobSpec onEnergy = spec.toBuilder().setBand1(Band.newBuilder().setLo(3).setHi(10)).build();
        assertFailure(List.of(chunk(onEnergy, 0, List.of(1.0), true)), "has no energy column");
        assertFailure(List.of(chunk(spec, 0, List.of(1.0), false).toBuilder().setSeq(1).build()), "expected input 0 seq 0");
    }

    private static void assertFailure(List<EventChunk> chunks, String fragment) {
        SegmentCutter cutter = new SegmentCutter();
        SegmenterState state = null;
        Optional<String> failure = Optional.empty();
        for (EventChunk c : chunks) {
            SegmentCutter.Output out = cutter.cut(state, c);
            state = out.state() == null ? state : out.state();
            if (out.failure().isPresent()) {
                failure = out.failure();
            }
        }
        assertTrue(failure.isPresent() && failure.get().contains(fragment), "failure " + failure + " should say " + fragment);
        assertEquals(SegmenterPhase.ABORTED, state.getPhase());
        assertTrue(new SegmentCutter().cut(state, chunks.get(0)).segments().isEmpty(), "an aborted job stays quiet");
    }

    /** A hand-made chunk over the GTI [0, 100]. */
    private static EventChunk chunk(JobSpec spec, long seq, List<Double> times, boolean last) {
        EventChunk.Builder b = EventChunk.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(JOB).setSeq(seq)
                .setLast(last).addAllTime(times);
        if (seq == 0) {
            b.addGti(Gti.newBuilder().setStart(0).setStop(100));
        }
        if (spec != null) {
            b.setSpec(spec).setInputCount(1);
        }
        return b.build();
    }

    private record Run(List<Segment> segments, Optional<ExpectedCount> expected) {
    }

    /** Cuts all chunks, passing the state through its serialised form between chunks (as the store does). */
    private static Run cutAll(JobSpec spec, List<List<EventChunk>> inputs) throws Exception {
        SegmentCutter cutter = new SegmentCutter();
        SegmenterState state = null;
        List<Segment> segments = new ArrayList<>();
        Optional<ExpectedCount> expected = Optional.empty();
        for (List<EventChunk> chunks : inputs) {
            for (EventChunk c : chunks) {
                SegmentCutter.Output out = cutter.cut(state, c);
                assertEquals(Optional.empty(), out.failure());
                if (out.state() != null) {
                    state = SegmenterState.parseFrom(out.state().toByteArray());
                }
                segments.addAll(out.segments());
                if (out.expected().isPresent()) {
                    expected = out.expected();
                }
            }
        }
        assertEquals(SegmenterPhase.DONE, state.getPhase());
        return new Run(segments, expected);
    }

    static List<EventChunk> chunks(Path file, int input, JobSpec spec, int inputCount) {
        List<EventChunk> out = new ArrayList<>();
        try (EventFileReader reader = EventFileReader.open(file)) {
            EventChunkSource source = new EventChunkSource(reader, JOB, input, EVENTS_PER_CHUNK).withSpec(spec, inputCount);
            for (Optional<EventChunk> c = source.next(); c.isPresent(); c = source.next()) {
                out.add(c.get());
            }
        }
        return out;
    }

    private static MeshPartial fold(List<Segment> segments, ProductKind kind, SegmentSpec layout) {
        MeshPartial p = MeshPartial.empty(JOB, kind, layout);
        Workspace ws = new Workspace();
        segments.forEach(s -> p.fold(s, ws));
        return p;
    }

    static EventList readAll(Path file, EnergyBand band) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            return reader.readAll(band);
        }
    }

    static Path data(String name) throws URISyntaxException {
        return Path.of(SegmentCutterTest.class.getResource("/data/" + name).toURI());
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, REASSOCIATION_TOL * scale);
    }
}
