package org.manta.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.manta.core.events.EnergyBand;
import org.manta.core.io.Refs;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.PowerAccumulator;

/**
 * The GPU engine's partials equal the CPU's: on the reference cases through the embedded pipeline (and
 * Stingray's numbers), and on random segments folded directly (odd and even N, segments with 0, 1 and 2
 * events, events on the bin edges and at T, batches cut by slots, by event capacity, and a segment larger
 * than the capacity). Used segments, m and photon counts are exact; sums within {@link #tolerance()} of the
 * largest value of their array. Runs on a device given by the subclass.
 */
abstract class DeviceParityTest {
    /** Against Stingray, as the core's reference tests (numpy's FFT against ours). */
    static final double STINGRAY = 1e-9;
    private static final Path MONOL = Refs.data("monol_testA.evt");

    /** A fresh device. */
    abstract SpectralDevice device();

    /** Relative to the largest value of each compared array. */
    abstract double tolerance();

    /** The embedded pipeline on the device, with batches of {@code slots} segments and room for {@code events}. */
    private static EmbeddedPipeline gpu(SpectralDevice device, JobPlan plan, int slots, long events) {
        long memory = EmulatedDevice.memoryFor(plan.segment(), plan.kind(), slots, events);
        GpuSegmentEngine engine = new GpuSegmentEngine(device, events, memory);
        assertEquals(slots, engine.layout(plan.segment(), plan.kind()).slots());
        return new EmbeddedPipeline(engine, PoolSettings.ofThreads(1));
    }

    private static final EmbeddedPipeline CPU = new EmbeddedPipeline(PoolSettings.ofThreads(1));

    private static JobPlan plan(SpectrumKind kind, double dt, double segment, boolean commonMean,
                                Optional<EnergyBand> b1, Optional<EnergyBand> b2) {
        JobRequest request = new JobRequest(kind, dt, segment, Normalization.LEAHY, commonMean, b1, b2, 1);
        return EmbeddedPipeline.plan(request, List.of(MONOL));
    }

    @ParameterizedTest
    @CsvSource({"true, 3", "false, 7", "true, 1"})
    void averagedPowerSpectrumOfTheReferenceEqualsTheCpuAndStingray(boolean commonMean, int slots) {
        JobPlan plan = plan(SpectrumKind.PDS, 1.0 / 128, 64, commonMean, Optional.empty(), Optional.empty());
        try (SpectralDevice device = device()) {
            AveragedPowerSpectrum want = CPU.powerSpectrum(plan, List.of(MONOL), ProgressListener.NONE);
            AveragedPowerSpectrum got = gpu(device, plan, slots, 5000).powerSpectrum(plan, List.of(MONOL), ProgressListener.NONE);
            assertEquals(want.segments(), got.segments());
            assertEquals(want.nphots(), got.nphots());
            assertClose(want.power(), got.power(), tolerance());
            assertClose(want.unnormPower(), got.unnormPower(), tolerance());
            String ref = commonMean ? "aps_monolA_dt1-128_seg64_leahy.json" : null;
            if (ref != null) {
                JsonNode json = Refs.json(ref);
                assertEquals(json.get("m").asInt(), got.segments());
                assertClose(Refs.doubles(json.get("power")), got.power(), STINGRAY);
            }
        }
    }

    @Test
    void crossSpectrumOfTwoBandsEqualsTheCpuAndStingray() {
        JobPlan plan = plan(SpectrumKind.CPDS, 1.0 / 128, 64, true, Optional.of(EnergyBand.energy(0, 10)),
                Optional.of(EnergyBand.energy(10, 100)));
        try (SpectralDevice device = device()) {
            AveragedCrossSpectrum want = CPU.crossSpectrum(plan, List.of(MONOL), ProgressListener.NONE);
            AveragedCrossSpectrum got = gpu(device, plan, 3, 4000).crossSpectrum(plan, List.of(MONOL), ProgressListener.NONE);
            assertEquals(want.segments(), got.segments());
            assertEquals(want.nphots1(), got.nphots1());
            assertEquals(want.nphots2(), got.nphots2());
            assertClose(want.unnormPower().re(), got.unnormPower().re(), tolerance());
            assertClose(want.unnormPower().im(), got.unnormPower().im(), tolerance());
            assertClose(want.pds1().unnormPower(), got.pds1().unnormPower(), tolerance());
            assertClose(want.pds2().unnormPower(), got.pds2().unnormPower(), tolerance());
            JsonNode ref = Refs.json("acs_monolA_E0-10_vs_E10-100_dt1-128_seg64_frac.json");
            assertEquals(ref.get("m").asInt(), got.segments());
            assertEquals(ref.get("nphots1").asDouble(), got.nphots1());
        }
    }

    @Test
    void dynamicalSpectrumEqualsTheCpu() {
        JobPlan plan = plan(SpectrumKind.DYNPS, 1.0 / 16, 64, true, Optional.empty(), Optional.empty());
        try (SpectralDevice device = device()) {
            DynamicalPowerSpectrum want = CPU.dynamicalPowerSpectrum(plan, List.of(MONOL), ProgressListener.NONE);
            DynamicalPowerSpectrum got = gpu(device, plan, 3, 2000).dynamicalPowerSpectrum(plan, List.of(MONOL),
                    ProgressListener.NONE);
            assertEquals(want.time().length, got.time().length);
            for (int c = 0; c < want.time().length; c++) {
                assertEquals(want.time()[c], got.time()[c]);
            }
            for (int f = 0; f < want.freq().length; f++) {
                assertClose(want.dynPs()[f], got.dynPs()[f], tolerance());
            }
        }
    }

    /** Random segments: what the CPU kernel folds into a partial equals the GPU batches' partial. */
    @ParameterizedTest
    @CsvSource({"1001, 3, 64", "1024, 2, 40", "4096, 5, 3000"})
    void randomSegmentsGiveTheCpuPartials(int nbin, int slots, long capacity) {
        SegmentSpec spec = new SegmentSpec(0.01, nbin, nbin * 0.01);
        SplittableRandom random = new SplittableRandom(nbin);
        List<SegmentSlice[]> segments = RandomSegments.make(spec, 2, 23, random);
        SegmentKernel kernel = new SegmentKernel(spec);

        PowerAccumulator cpuPower = new PowerAccumulator(spec);
        CrossAccumulator cpuCross = new CrossAccumulator(spec);
        DynamicalPowerAccumulator cpuDyn = new DynamicalPowerAccumulator(spec);
        for (SegmentSlice[] s : segments) {
            kernel.add(cpuPower, s[0]);
            kernel.add(cpuCross, s[0], s[1]);
            kernel.add(cpuDyn, s[0]);
        }
        PowerAccumulator gpuPower;
        CrossAccumulator gpuCross;
        DynamicalPowerAccumulator gpuDyn;
        try (SpectralDevice d = device();
             BatchAccumulator b = new BatchAccumulator(d, new BatchLayout(spec, SpectrumKind.PDS, slots, capacity),
                     true, ProgressListener.NONE, segments.size())) {
            segments.forEach(b::add);
            gpuPower = b.power();
        }
        try (SpectralDevice d = device();
             BatchAccumulator b = new BatchAccumulator(d, new BatchLayout(spec, SpectrumKind.CPDS, slots, capacity),
                     false, ProgressListener.NONE, segments.size())) {
            segments.forEach(b::add);
            gpuCross = b.cross();
        }
        try (SpectralDevice d = device();
             BatchAccumulator b = new BatchAccumulator(d, new BatchLayout(spec, SpectrumKind.DYNPS, slots, capacity),
                     false, ProgressListener.NONE, segments.size())) {
            segments.forEach(b::add);
            gpuDyn = b.dynamical();
        }
        assertTrue(cpuPower.segmentCount() > 5 && cpuPower.segmentCount() < segments.size(),
                "the random segments include skipped ones: " + cpuPower.segmentCount() + " of " + segments.size());

        PowerAccumulator.State want = cpuPower.state();
        PowerAccumulator.State got = gpuPower.state();
        assertEquals(want.used(), got.used());
        assertEquals(want.sumNph(), got.sumNph());
        assertClose(want.sumPower(), got.sumPower(), tolerance());
        assertClose(want.sumPowerOverNph(), got.sumPowerOverNph(), tolerance());
        assertClose(want.sumPowerOverNph2(), got.sumPowerOverNph2(), tolerance());

        CrossAccumulator.State wc = cpuCross.state();
        CrossAccumulator.State gc = gpuCross.state();
        assertEquals(wc.used(), gc.used());
        assertEquals(wc.sumNph1(), gc.sumNph1());
        assertEquals(wc.sumNph2(), gc.sumNph2());
        assertClose(wc.sumRe(), gc.sumRe(), tolerance());
        assertClose(wc.sumIm(), gc.sumIm(), tolerance());
        assertClose(wc.sumPower1(), gc.sumPower1(), tolerance());
        assertClose(wc.sumPower2(), gc.sumPower2(), tolerance());

        List<DynamicalPowerAccumulator.SegmentPower> wd = cpuDyn.columns();
        List<DynamicalPowerAccumulator.SegmentPower> gd = gpuDyn.columns();
        assertEquals(wd.size(), gd.size());
        for (int i = 0; i < wd.size(); i++) {
            assertEquals(wd.get(i).index(), gd.get(i).index());
            assertEquals(wd.get(i).start(), gd.get(i).start());
            assertEquals(wd.get(i).nph(), gd.get(i).nph());
            assertClose(wd.get(i).unnormPower(), gd.get(i).unnormPower(), tolerance());
        }
        assertFalse(wd.isEmpty());
    }

    static void assertClose(double[] want, double[] got, double relative) {
        assertEquals(want.length, got.length, "length");
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < want.length; i++) {
            double tol = relative * scale;
            if (Math.abs(want[i] - got[i]) > tol) {
                throw new AssertionError("index " + i + ": expected " + want[i] + " but was " + got[i]
                        + " (tolerance " + tol + " = " + relative + " of the largest value " + scale + ")");
            }
        }
    }
}
