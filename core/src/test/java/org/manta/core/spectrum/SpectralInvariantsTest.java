package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EventList;
import org.manta.core.fourier.RealFft;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.CountSegment;
import org.manta.core.segment.CountSegmentPair;
import org.manta.core.segment.EventCursor;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;

/** Properties every spectrum must have, independent of the reference outputs (style.md §6). */
class SpectralInvariantsTest {
    /** Reassociated sums (different segment order or parallel combination): a few ulp of the largest term. */
    static final double REORDER_TOL = 1e-13;
    /** Standard deviations allowed for a statistical mean: a 5σ excursion has probability 6e-7. */
    static final double SIGMAS = 5;

    private static final EventList MONOL_A = StingrayReference.events("monol_testA", null);

    @Test
    void eventsPathEqualsBinnedPath() {
        double dt = 1.0 / 128;
        SegmentSpec spec = SegmentSpec.of(dt, 64);
        TestLightCurves lc = TestLightCurves.bin(MONOL_A.time(), MONOL_A.gti(), dt);
        for (Normalization norm : Normalization.values()) {
            AveragedPowerSpectrum fromEvents = Spectra.averagedPowerSpectrum(MONOL_A, spec, norm, true);
            AveragedPowerSpectrum fromLightCurve = Spectra.averagedPowerSpectrum(lc.time(), lc.counts(), dt,
                    MONOL_A.gti(), 64, norm, true);
            // Same bins (dt a power of two: histogram and floor division agree), same segments, same FFT.
            assertArrayEquals(fromEvents.freq(), fromLightCurve.freq(), 0.0);
            assertArrayEquals(fromEvents.power(), fromLightCurve.power(), 0.0, norm.label());
            assertArrayEquals(fromEvents.unnormPower(), fromLightCurve.unnormPower(), 0.0);
            assertEquals(fromEvents.segments(), fromLightCurve.segments());
            assertEquals(fromEvents.nphots(), fromLightCurve.nphots());
        }
        DynamicalPowerSpectrum dynEvents = Spectra.dynamicalPowerSpectrum(MONOL_A.time(), MONOL_A.gti(), spec,
                Normalization.FRAC);
        DynamicalPowerSpectrum dynLc = Spectra.dynamicalPowerSpectrum(lc.time(), lc.counts(), dt, MONOL_A.gti(), 64,
                Normalization.FRAC);
        assertArrayEquals(dynEvents.time(), dynLc.time(), 0.0);
        for (int j = 0; j < dynEvents.freq().length; j++) {
            assertArrayEquals(dynEvents.dynPs()[j], dynLc.dynPs()[j], 0.0);
        }
    }

    /** Arrival times of a Poisson process of {@code rate} ct/s over [0, length). */
    static double[] poissonEvents(double rate, double length, long seed) {
        Random random = new Random(seed);
        List<Double> t = new ArrayList<>();
        double now = -Math.log1p(-random.nextDouble()) / rate;
        while (now < length) {
            t.add(now);
            now += -Math.log1p(-random.nextDouble()) / rate;
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void whiteNoiseLeahyPowerAveragesTwo() {
        // Pure Poisson noise: each Leahy power is ~χ²₂ (mean 2, variance 4) and independent across
        // frequencies and segments, so the mean over nFreq·M powers has σ = 2/√(nFreq·M).
        double length = 64 * 16;
        double[] events = poissonEvents(200, length, 4242);
        SegmentSpec spec = SegmentSpec.of(1.0 / 256, 16);
        AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(events, GtiList.of(new Gti(0, length)), spec,
                Normalization.LEAHY, true);
        double mean = 0;
        for (double p : ps.power()) {
            mean += p;
        }
        mean /= ps.power().length;
        double sigma = 2 / Math.sqrt((double) ps.power().length * ps.segments());
        assertEquals(64, ps.segments());
        assertEquals(2.0, mean, SIGMAS * sigma, "mean Leahy power of white noise, σ = " + sigma);
        // frac normalisation: the Poisson level is 2/r̄
        AveragedPowerSpectrum frac = Spectra.averagedPowerSpectrum(events, GtiList.of(new Gti(0, length)), spec,
                Normalization.FRAC, true);
        double fracMean = java.util.Arrays.stream(frac.power()).average().orElseThrow();
        assertEquals(2 / frac.meanRate(), fracMean, SIGMAS * sigma / frac.meanRate());
    }

    @Test
    void segmentOrderDoesNotMatter() {
        SegmentSpec spec = SegmentSpec.of(1.0 / 128, 64);
        List<CountSegment> segments = eventSegments(spec);
        PowerAccumulator inOrder = new PowerAccumulator(spec);
        RealFft fft = new RealFft(spec.nbin());
        for (CountSegment s : segments) {
            inOrder.add(s.index(), s.counts(), fft);
        }
        List<CountSegment> shuffled = new ArrayList<>(segments);
        Collections.shuffle(shuffled, new Random(3));
        PowerAccumulator outOfOrder = new PowerAccumulator(spec);
        for (CountSegment s : shuffled) {
            outOfOrder.add(s.index(), s.counts(), fft);
        }
        assertEquals(inOrder.segments(), outOfOrder.segments());
        AveragedPowerSpectrum a = inOrder.result(Normalization.FRAC);
        AveragedPowerSpectrum b = outOfOrder.result(Normalization.FRAC);
        assertArrayEquals(a.power(), b.power(), REORDER_TOL * max(a.power()));
        assertEquals(a.nphots(), b.nphots());
    }

    @Test
    void parallelCollectorEqualsTheReferencePath() {
        SegmentSpec spec = SegmentSpec.of(1.0 / 128, 64);
        AveragedPowerSpectrum reference = Spectra.averagedPowerSpectrum(MONOL_A, spec, Normalization.LEAHY, true);
        AveragedPowerSpectrum collected = eventSegments(spec).parallelStream()
                .collect(PowerAccumulator.collector(spec, Normalization.LEAHY, true));
        assertEquals(reference.segments(), collected.segments());
        assertArrayEquals(reference.power(), collected.power(), REORDER_TOL * max(reference.power()));

        DynamicalPowerSpectrum dyn = eventSegments(spec).parallelStream()
                .collect(DynamicalPowerAccumulator.collector(spec, Normalization.LEAHY));
        DynamicalPowerSpectrum dynRef = Spectra.dynamicalPowerSpectrum(MONOL_A.time(), MONOL_A.gti(), spec,
                Normalization.LEAHY);
        assertArrayEquals(dynRef.time(), dyn.time(), 0.0);
        assertArrayEquals(dynRef.dynPs()[10], dyn.dynPs()[10], 0.0);

        double[] soft = StingrayReference.select(MONOL_A, org.manta.core.events.EnergyBand.energy(0, 10)).time();
        double[] hard = StingrayReference.select(MONOL_A, org.manta.core.events.EnergyBand.energy(10, 100)).time();
        AveragedCrossSpectrum csRef = Spectra.averagedCrossSpectrum(soft, hard, MONOL_A.gti(), spec,
                Normalization.FRAC);
        List<CountSegment> s1 = eventSegments(soft, spec);
        List<CountSegment> s2 = eventSegments(hard, spec);
        AveragedCrossSpectrum cs = IntStream.range(0, s1.size()).parallel()
                .mapToObj(i -> new CountSegmentPair(i, s1.get(i).start(), s1.get(i).counts(), s2.get(i).counts()))
                .collect(CrossAccumulator.collector(spec, Normalization.FRAC));
        assertArrayEquals(csRef.power().re(), cs.power().re(), REORDER_TOL * max(csRef.pds1().power()));
        assertArrayEquals(csRef.power().im(), cs.power().im(), REORDER_TOL * max(csRef.pds1().power()));
    }

    @Test
    void positiveLagMeansTheSubjectBandLags() {
        // Channel 1 is channel 2 delayed by d: x1(t) = x2(t - d) ⇒ τ = +d at the signal frequency.
        double dt = 1.0 / 64;
        int n = 1024;
        double f = 2.0;
        double d = 0.03;
        SegmentSpec spec = new SegmentSpec(dt, n, n * dt);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        for (int k = 0; k < n; k++) {
            double t = k * dt;
            x1[k] = 100 + 50 * Math.cos(2 * Math.PI * f * (t - d));
            x2[k] = 100 + 50 * Math.cos(2 * Math.PI * f * t);
        }
        CrossAccumulator acc = new CrossAccumulator(spec);
        acc.add(0, x1, x2, new RealFft(n));
        AveragedCrossSpectrum cs = acc.result(Normalization.FRAC);
        int j = (int) Math.round(f / spec.df()) - 1;
        assertEquals(f, cs.freq()[j], 0.0);
        assertEquals(d, cs.timeLag().value()[j], 1e-12);
        assertTrue(cs.phaseLag().value()[j] > 0);
    }

    @Test
    void segmentsWithFewerThanTwoEventsAreSkippedAndNoneLeftIsNoData() {
        SegmentSpec spec = SegmentSpec.of(0.5, 8);
        GtiList gti = GtiList.of(new Gti(0, 32));
        double[] oneEventPerSegment = {1.1, 9.3, 17.2, 25.9};
        org.manta.core.NoDataException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.manta.core.NoDataException.class,
                () -> Spectra.averagedPowerSpectrum(oneEventPerSegment, gti, spec, Normalization.LEAHY, true));
        assertTrue(e.getMessage().contains("fewer than 2 events"), e.getMessage());
        double[] twoInTheThird = {1.1, 9.3, 17.2, 17.6, 25.9};
        AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(twoInTheThird, gti, spec, Normalization.LEAHY, true);
        assertEquals(1, ps.segments());
        assertEquals(2.0, ps.nphots());
    }

    private static List<CountSegment> eventSegments(SegmentSpec spec) {
        return eventSegments(MONOL_A.time(), spec);
    }

    /** The event segments of monol_testA's GTIs, as the reference path forms them (at least 2 events). */
    private static List<CountSegment> eventSegments(double[] times, SegmentSpec spec) {
        double[] starts = Segments.starts(MONOL_A.gti(), spec);
        EventCursor cursor = new EventCursor(times);
        List<CountSegment> out = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            int from = cursor.seek(starts[i]);
            int to = cursor.seek(starts[i] + spec.segmentSize());
            double[] counts = new double[spec.nbin()];
            if (to - from >= Spectra.MIN_EVENTS_PER_SEGMENT) {
                Histogram.countSegment(times, from, to, starts[i], spec, counts);
            }
            out.add(new CountSegment(i, starts[i], counts));
        }
        return out;
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
