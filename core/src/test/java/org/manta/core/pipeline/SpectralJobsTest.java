package org.manta.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.manta.core.BadEventFileException;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.Refs;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.core.spectrum.Spectra;

/**
 * The streaming, parallel path (reader → segment stream → worker pool → combined accumulator) gives the
 * single-threaded reference path's numbers, and Stingray's, whatever the chunk size and thread count.
 */
class SpectralJobsTest {
    /** One worker folds segments in file order, exactly as the reference path: bit-identical. */
    private static final double SAME_ORDER = 0.0;
    /** Several workers sum in another order: a few ulp per bin. */
    private static final double REASSOCIATED = 1e-13;
    /** Against Stingray, as the core reference tests (FFT rounding of JTransforms vs numpy). */
    private static final double STINGRAY = 1e-9;

    private static final SegmentSpec MONOL_SPEC = SegmentSpec.of(1.0 / 128, 64);

    private static SegmentEventStream stream(EventFileReader reader, EnergyBand band, double[] starts,
                                             SegmentSpec spec, int chunkCapacity) {
        return new SegmentEventStream(c -> reader.next(c, band), new EventChunk(chunkCapacity), starts,
                spec.segmentSize());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void powerSpectrumEqualsReferencePath(int threads) {
        try (EventFileReader reader = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            EventList events = reader.readAll(null);
            reader.rewind();
            double[] starts = Segments.starts(reader.gti(), MONOL_SPEC);
            var acc = SpectralJobs.power(stream(reader, null, starts, MONOL_SPEC, 37), MONOL_SPEC, false,
                    PoolSettings.ofThreads(threads), ProgressListener.NONE);
            AveragedPowerSpectrum got = acc.result(Normalization.LEAHY, true);
            AveragedPowerSpectrum want = Spectra.averagedPowerSpectrum(events, MONOL_SPEC, Normalization.LEAHY, true);
            assertEquals(want.segments(), got.segments());
            assertEquals(want.nphots(), got.nphots());
            assertClose(want.power(), got.power(), threads == 1 ? SAME_ORDER : REASSOCIATED);

            JsonNode ref = Refs.json("aps_monolA_dt1-128_seg64_leahy.json");
            assertEquals(ref.get("m").asInt(), got.segments());
            assertEquals(ref.get("nphots").asDouble(), got.nphots());
            assertClose(Refs.doubles(ref.get("power")), got.power(), STINGRAY);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void crossSpectrumOfTwoBandsEqualsStingray(int threads) {
        try (EventFileReader r1 = EventFileReader.open(Refs.data("monol_testA.evt"));
             EventFileReader r2 = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            double[] starts = Segments.starts(r1.gti(), MONOL_SPEC);
            var acc = SpectralJobs.cross(stream(r1, EnergyBand.energy(0, 10), starts, MONOL_SPEC, 100),
                    stream(r2, EnergyBand.energy(10, 100), starts, MONOL_SPEC, 1000), MONOL_SPEC,
                    PoolSettings.ofThreads(threads), ProgressListener.NONE);
            AveragedCrossSpectrum got = acc.result(Normalization.FRAC);
            JsonNode ref = Refs.json("acs_monolA_E0-10_vs_E10-100_dt1-128_seg64_frac.json");
            assertEquals(ref.get("m").asInt(), got.segments());
            assertEquals(ref.get("nphots1").asDouble(), got.nphots1());
            assertEquals(ref.get("nphots2").asDouble(), got.nphots2());
            assertClose(Refs.doubles(ref.get("pds1_power")), got.pds1().power(), STINGRAY);
            assertClose(Refs.doubles(ref.get("unnorm_power").get("re")), got.unnormPower().re(), STINGRAY);
            assertClose(Refs.doubles(ref.get("time_lag")), got.timeLag().value(), STINGRAY);
        }
    }

    @Test
    void perSegmentNormalisationThroughThePipelineEqualsStingray() {
        try (EventFileReader reader = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            double[] starts = Segments.starts(reader.gti(), MONOL_SPEC);
            var acc = SpectralJobs.power(stream(reader, null, starts, MONOL_SPEC, 500), MONOL_SPEC, true,
                    PoolSettings.ofThreads(2), ProgressListener.NONE);
            JsonNode ref = Refs.json("aps_monolA_dt1-128_seg64_frac_localmean.json");
            assertClose(Refs.doubles(ref.get("power")), acc.result(Normalization.FRAC, false).power(), STINGRAY);
        }
    }

    @Test
    void commonMeanOnlyAccumulatorGivesTheSameResultAndRefusesLocalMean() {
        try (EventFileReader reader = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            EventList events = reader.readAll(null);
            reader.rewind();
            double[] starts = Segments.starts(reader.gti(), MONOL_SPEC);
            var light = SpectralJobs.power(stream(reader, null, starts, MONOL_SPEC, 100), MONOL_SPEC, false,
                    PoolSettings.ofThreads(1), ProgressListener.NONE);
            AveragedPowerSpectrum want = Spectra.averagedPowerSpectrum(events, MONOL_SPEC, Normalization.FRAC, true);
            assertArrayEquals(want.power(), light.result(Normalization.FRAC).power());
            var e = assertThrows(InvalidParameterException.class,
                    () -> light.result(Normalization.FRAC, false));
            assertTrue(e.getMessage().contains("use_common_mean"), e.getMessage());
            assertThrows(IncompatibleSpectraException.class,
                    () -> new PowerAccumulator(MONOL_SPEC).combine(light));
        }
    }

    @Test
    void dynamicalSpectrumEqualsReferencePath() {
        SegmentSpec spec = SegmentSpec.of(1.0 / 16, 64);
        try (EventFileReader reader = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            EventList events = reader.readAll(null);
            reader.rewind();
            double[] starts = Segments.starts(reader.gti(), spec);
            var acc = SpectralJobs.dynamical(stream(reader, null, starts, spec, 64), spec, PoolSettings.ofThreads(2),
                    ProgressListener.NONE);
            DynamicalPowerSpectrum got = acc.result(Normalization.FRAC);
            DynamicalPowerSpectrum want = Spectra.dynamicalPowerSpectrum(events.time(), events.gti(), spec,
                    Normalization.FRAC);
            assertArrayEquals(want.time(), got.time());
            for (int f = 0; f < want.freq().length; f++) {
                assertClose(want.dynPs()[f], got.dynPs()[f], REASSOCIATED);
            }
        }
    }

    @Test
    void aRunIsReproducibleBitForBitForAGivenThreadCount() {
        double[] first = null;
        for (int run = 0; run < 4; run++) {
            try (EventFileReader reader = EventFileReader.open(Refs.data("monol_testA.evt"))) {
                double[] starts = Segments.starts(reader.gti(), MONOL_SPEC);
                double[] power = SpectralJobs.power(stream(reader, null, starts, MONOL_SPEC, 29), MONOL_SPEC,
                        true, PoolSettings.ofThreads(3), ProgressListener.NONE).result(Normalization.LEAHY).power();
                if (first == null) {
                    first = power;
                } else {
                    assertArrayEquals(first, power, "run " + run);
                }
            }
        }
    }

    @Test
    void everySegmentIsReportedOnceAndStreamsStayAligned() {
        double[] times = {0.5, 1.5, 2.5, 7.0, 7.5, 12.0, 13.0, 13.5, 14.0};
        GtiList gti = GtiList.of(new double[] {0, 10}, new double[] {6, 15});
        SegmentSpec spec = SegmentSpec.of(1, 2);
        double[] starts = Segments.starts(gti, spec);       // 0, 2, 4, 10, 12
        SegmentEventStream s = new SegmentEventStream(chunkSource(times, 2), new EventChunk(2), starts, 2);
        SegmentSlice slice = new SegmentSlice(1);
        int[] expectedCounts = {2, 1, 0, 0, 3};            // 7.0 and 7.5 fall in the gap; 14.0 after the last segment
        for (int k = 0; k < starts.length; k++) {
            assertTrue(s.next(slice));
            assertEquals(k, slice.index);
            assertEquals(expectedCounts[k], slice.count, "segment " + k);
        }
        assertTrue(!s.next(slice));
    }

    @Test
    void progressCountsEverySegmentAndFailuresPropagate() {
        AtomicLong last = new AtomicLong();
        try (EventFileReader reader = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            double[] starts = Segments.starts(reader.gti(), MONOL_SPEC);
            SpectralJobs.power(stream(reader, null, starts, MONOL_SPEC, 50), MONOL_SPEC, false, PoolSettings.ofThreads(2),
                    (done, total) -> last.accumulateAndGet(done, Math::max));
            assertEquals(starts.length, last.get());
        }
        SegmentSpec spec = SegmentSpec.of(0.5, 2);
        SegmentEventStream bad = new SegmentEventStream(c -> {
            throw new BadEventFileException(Path.of("x.evt"), "times not sorted");
        }, new EventChunk(4), Segments.starts(GtiList.of(new double[] {0}, new double[] {4}), spec), 2);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> SpectralJobs.power(bad, spec,
                false, PoolSettings.ofThreads(2), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("times not sorted"));
    }

    private static SegmentEventStream.ChunkSource chunkSource(double[] times, int perChunk) {
        int[] next = {0};
        return c -> {
            c.size = 0;
            while (c.size < perChunk && next[0] < times.length) {
                c.time[c.size++] = times[next[0]++];
            }
            return c.size > 0;
        };
    }

    /**
     * Relative error per bin, against at least 1e-6 of the largest reference magnitude (cross powers and
     * lags pass through zero); non-finite values must match exactly.
     */
    private static void assertClose(double[] expected, double[] actual, double rtol) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (double e : expected) {
            scale = Double.isFinite(e) ? Math.max(scale, Math.abs(e)) : scale;
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!Double.isFinite(e)) {
                assertEquals(e, a, "bin " + i);
                continue;
            }
            double err = Math.abs(a - e) / Math.max(Math.abs(e), scale * 1e-6);
            assertTrue(err <= rtol, "bin " + i + ": expected " + e + ", got " + a + " (relative error " + err + ")");
        }
    }
}
