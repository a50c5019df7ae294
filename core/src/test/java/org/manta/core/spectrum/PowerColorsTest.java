package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.fourier.FourierKernels;
import org.manta.core.events.EventList;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.simulate.DemoConfig;
import org.manta.core.simulate.DemoSimulation;
import org.manta.core.spectrum.PowerColors.PowerColor;

/**
 * Power colours and hue (science.md §15) against Stingray ({@code stats_significance_powercolors.json}) and on a
 * simulated Lorentzian whose colours are known in closed form.
 */
class PowerColorsTest {
    /**
     * Colours of the monol_testA dynamical spectrum: ratios of sums of ~7–900 powers that agree to 1e-12
     * (FFT rounding), summed in another order than numpy; the noise-subtracted sums cancel, which
     * amplifies the relative error by up to ~100.
     */
    static final double DYNPS_RTOL = 1e-9;
    /** The analytic spectrum: the same doubles in, sums of up to 7000 terms in another order. */
    static final double ANALYTIC_RTOL = 1e-12;
    /** Standard deviations allowed for a statistical comparison (5σ: probability 6e-7 for a Gaussian). */
    static final double SIGMAS = 5;

    private static final JsonNode REF = StingrayReference.load("stats_significance_powercolors.json");

    @Test
    void dynamicalSpectrumColoursOfMonolA() {
        JsonNode ref = REF.get("dynps_monolA_dt1-64_seg256_frac");
        EventList ev = StingrayReference.events("monol_testA", null);
        DynamicalPowerSpectrum dyn = Spectra.dynamicalPowerSpectrum(ev.time(), ev.gti(), SegmentSpec.of(1.0 / 64, 256),
                Normalization.FRAC);
        assertEquals(ref.get("columns").asInt(), dyn.time().length, "columns");
        assertEquals(ref.get("meanrate").asDouble(), dyn.meanrate(), 0.0, "meanrate");
        double[] first5 = new double[5];
        for (int j = 0; j < 5; j++) {
            first5[j] = dyn.dynPs()[j][0];
        }
        assertMatches("dyn_ps[0:5, 0]", doubles(ref.get("dyn_ps_col0_first5")), first5, 1e-12);
        assertColours("default poisson", ref.get("power_colors_default_poisson"), dyn.powerColors(PowerColors.heilEdges()));
        assertColours("poisson 0", ref.get("power_colors_poisson_0"), dyn.powerColors(PowerColors.heilEdges(), 0.0));
        assertColours("poisson 0, freqs_to_exclude [0.5, 0.7], [3, 4]", ref.get("power_colors_poisson_0_exclude"),
                dyn.powerColors(PowerColors.heilEdges(), 0.0,
                        List.of(new FrequencyRange(0.5, 0.7), new FrequencyRange(3, 4))));
    }

    @Test
    void coloursOfAnAnalyticSpectrum() {
        JsonNode ref = REF.get("power_color_analytic");
        double df = ref.get("df").asDouble();
        double[] freq = new double[16384];
        double[] power = new double[freq.length];
        analyticSpectrum(freq, power);
        for (String label : List.of("heil_m1_p0.01", "heil_m16_p0", "offgrid_m4_p0.01")) {
            JsonNode c = ref.get(label);
            double[] edges = doubles(c.get("freq_edges"));
            double m = c.get("m").asDouble();
            double noise = c.get("poisson_power").asDouble();
            PowerColor pc = PowerColors.of(freq, power, null, edges, df, m, noise);
            double[] expected = {num(c, "pc0"), num(c, "pc0_err"), num(c, "pc1"), num(c, "pc1_err"), num(c, "hue"),
                num(c, "log_pc0"), num(c, "log_pc0_err"), num(c, "log_pc1"), num(c, "log_pc1_err")};
            double[] actual = {pc.pc0(), pc.pc0Err(), pc.pc1(), pc.pc1Err(), pc.hue(), Math.log10(pc.pc0()),
                pc.pc0Err() / pc.pc0(), Math.log10(pc.pc1()), pc.pc1Err() / pc.pc1()};
            assertMatches(label + " pc0, err, pc1, err, hue, log forms", expected, actual, ANALYTIC_RTOL);
            PowerColors.IntegratedPower v = PowerColors.integrate(freq, power, null, edges[1], edges[2], df, m, noise);
            assertMatches(label + " integrate_power_in_frequency_range [f1, f2]", doubles(c.get("integrated_f1_f2")),
                    new double[] {v.value(), v.error()}, ANALYTIC_RTOL);
        }
    }

    @Test
    void excludedQpoIsBridged() {
        JsonNode c = REF.get("power_color_analytic").get("heil_m1_p0.01_exclude_3.5-4.5");
        double[] freq = new double[16384];
        double[] power = new double[freq.length];
        analyticSpectrum(freq, power);
        double[] before = power.clone();
        PowerColor pc = PowerColors.of(freq, power, null, PowerColors.heilEdges(), 1.0 / 512, 1, 0.01,
                List.of(new FrequencyRange(3.5, 4.5)));
        assertMatches("freqs_to_exclude [3.5, 4.5]: pc0, err, pc1, err",
                new double[] {num(c, "pc0"), num(c, "pc0_err"), num(c, "pc1"), num(c, "pc1_err")},
                new double[] {pc.pc0(), pc.pc0Err(), pc.pc1(), pc.pc1Err()}, ANALYTIC_RTOL);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, power, 0.0, "the caller's powers are not modified");
    }

    @Test
    void hueAgainstStingray() {
        for (JsonNode row : REF.get("hue_from_power_color").get("rows")) {
            double[] r = doubles(row);
            assertMatches("hue(" + r[0] + ", " + r[1] + ")", r[2], PowerColors.hue(r[0], r[1]), 1e-15);
        }
        assertEquals(315.0, PowerColors.hueDegrees(-Math.PI / 4), 1e-12, "wrapped into [0, 360)");
    }

    @Test
    void badEdgesAreNamed() {
        double[] freq = {0.5, 1.0, 1.5, 2.0};
        double[] power = {1, 1, 1, 1};
        InvalidParameterException low = assertThrows(InvalidParameterException.class,
                () -> PowerColors.of(freq, power, null, new double[] {0.1, 0.5, 1, 1.5, 2}, 0.5, 1, 0));
        assertEquals("freq-edges F0 = 0.1: expected at least the lowest frequency of the spectrum, 0.250000 Hz "
                + "(segments of at least 1/(2 F0) = 5.00000 s, or other --freq-edges)", low.getMessage());
        InvalidParameterException high = assertThrows(InvalidParameterException.class,
                () -> PowerColors.of(freq, power, null, new double[] {0.5, 1, 1.5, 2, 4}, 0.5, 1, 0));
        assertEquals("freq-edges F4 = 4.0: expected at most the highest frequency of the spectrum, 2.25000 Hz "
                + "(a bin time of at most 1/(2 F4 + 1/segment) = 0.117647 s, or other --freq-edges)", high.getMessage());
        InvalidParameterException order = assertThrows(InvalidParameterException.class,
                () -> PowerColors.of(freq, power, null, new double[] {0.5, 1.5, 1, 1.8, 2}, 0.5, 1, 0));
        assertTrue(order.getMessage().contains("ascending"), order.getMessage());
    }

    /** The check before the segments are made ({@code manta colors}, {@code manta submit colors}) is the spectrum's. */
    @Test
    void edgesAreCheckedAgainstTheSegmentsBeforeTheSpectrumIsMade() {
        double[] heil = PowerColors.heilEdges();
        for (SegmentSpec segment : new SegmentSpec[] {SegmentSpec.of(1.0 / 128, 64), SegmentSpec.of(1.0 / 16, 256)}) {
            double[] freq = FourierKernels.frequencies(segment.nbin(), segment.dt());
            double[] power = new double[freq.length];
            Arrays.fill(power, 1);
            InvalidParameterException after = assertThrows(InvalidParameterException.class,
                    () -> PowerColors.of(freq, power, null, heil, segment.df(), 1, 0));
            InvalidParameterException before = assertThrows(InvalidParameterException.class,
                    () -> PowerColors.requireEdges(heil, segment));
            assertEquals(after.getMessage(), before.getMessage());
        }
        PowerColors.requireEdges(heil, SegmentSpec.of(1.0 / 128, 256));    // 1/512 .. 63.998 Hz holds 1/256 .. 16 Hz
    }

    /**
     * The hints of a refusal are the limits themselves: F0 needs segments of at least 1/(2 F0), F4 a bin time of at
     * most 1/(2 F4 + 1/segment); just inside each the edges are taken, just outside refused.
     */
    @Test
    void theSegmentAndBinTimeTheHintsNameAreTheLimits() {
        double[] heil = PowerColors.heilEdges();
        PowerColors.requireEdges(heil, SegmentSpec.of(1.0 / 64, 128));
        assertThrows(InvalidParameterException.class, () -> PowerColors.requireEdges(heil, SegmentSpec.of(1.0 / 64, 127)));
        PowerColors.requireEdges(heil, SegmentSpec.of(0.99 / (2 * heil[4] + 1.0 / 256), 256));
        assertThrows(InvalidParameterException.class,
                () -> PowerColors.requireEdges(heil, SegmentSpec.of(1.01 / (2 * heil[4] + 1.0 / 256), 256)));
    }

    /** The default edges are refused in the words of the options given: --segment, --dt; not --freq-edges. */
    @Test
    void defaultEdgesThatTheSegmentsDoNotReachNameTheSegmentOrTheBinTime() {
        InvalidParameterException shortSegments = assertThrows(InvalidParameterException.class,
                () -> PowerColors.requireHeilEdges(SegmentSpec.of(1.0 / 64, 64)));
        assertEquals("segment = 64: expected at least 1/(2 F0) = 128 s for the default frequency edges (Heil et al. "
                + "2015: 1/256,1/32,0.25,2,16 Hz), or give --freq-edges", shortSegments.getMessage());
        InvalidParameterException coarseBins = assertThrows(InvalidParameterException.class,
                () -> PowerColors.requireHeilEdges(SegmentSpec.of(1.0 / 32, 256)));
        assertEquals("dt = 0.03125: expected at most 1/(2 F4 + 1/segment) = 0.0312462 s for the default frequency edges "
                + "(Heil et al. 2015: 1/256,1/32,0.25,2,16 Hz), or give --freq-edges", coarseBins.getMessage());
        PowerColors.requireHeilEdges(SegmentSpec.of(1.0 / 64, 128));
    }

    /** An excluded range that ends above the last frequency is refused before the segments, as by the spectrum. */
    @Test
    void excludedRangesAreCheckedAgainstTheSegmentsBeforeTheSpectrumIsMade() {
        SegmentSpec segment = SegmentSpec.of(1.0 / 64, 256);
        double[] freq = FourierKernels.frequencies(segment.nbin(), segment.dt());
        double[] power = new double[freq.length];
        Arrays.fill(power, 1);
        List<FrequencyRange> tooHigh = List.of(new FrequencyRange(0.5, 0.7), new FrequencyRange(0.001, 100));
        InvalidParameterException after = assertThrows(InvalidParameterException.class,
                () -> PowerColors.of(freq, power, null, PowerColors.heilEdges(), segment.df(), 1, 0, tooHigh));
        InvalidParameterException before = assertThrows(InvalidParameterException.class,
                () -> PowerColors.requireExcluded(tooHigh, segment));
        assertEquals("excluded range = 0.001:100.0: expected a range ending below the last frequency, 31.99609375 Hz",
                before.getMessage());
        assertEquals(after.getMessage(), before.getMessage());
        PowerColors.requireExcluded(List.of(new FrequencyRange(0.001, freq[freq.length - 1])), segment);
    }

    /**
     * A zero-centred Lorentzian of half width h and fractional rms r has, per Hz and one-sided,
     * {@code P(f) = 2r²(h/π)/(f² + h²)}, so {@code V_ab = (2r²/π)(atan(b/h) - atan(a/h))}: the colours and hue of
     * a simulated light curve must match these within their errors.
     */
    @Test
    void simulatedLorentzianHasItsAnalyticColoursAndHue() {
        double halfWidth = 0.5;
        double rms = 0.2;
        DemoConfig config = new DemoConfig(20261206L, GtiList.of(List.of(new Gti(0, 8192))), 100, 1,
                EnergyBand.energy(0.5, 3), EnergyBand.energy(3, 10), halfWidth, rms, 3.0, 10.0, 0.0, 0.0, 1.0 / 256);
        EventList ev = DemoSimulation.simulate(config).events();
        AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(ev, SegmentSpec.of(1.0 / 64, 256), Normalization.FRAC,
                true);
        double[] e = PowerColors.heilEdges();
        PowerColor measured = PowerColors.of(ps.freq(), ps.power(), null, e, ps.df(), ps.segments(), ps.poissonLevel());
        double pc0 = lorentzianBand(e[0], e[1], halfWidth) / lorentzianBand(e[2], e[3], halfWidth);
        double pc1 = lorentzianBand(e[1], e[2], halfWidth) / lorentzianBand(e[3], e[4], halfWidth);
        System.out.printf(java.util.Locale.ROOT, "COLOURS Lorentzian: PC0 %.4f vs %.4f ± %.4f, PC1 %.4f vs %.4f ± %.4f, "
                + "hue %.4f vs %.4f rad%n", pc0, measured.pc0(), measured.pc0Err(), pc1, measured.pc1(), measured.pc1Err(),
                PowerColors.hue(pc0, pc1), measured.hue());
        assertEquals(pc0, measured.pc0(), SIGMAS * measured.pc0Err(), "PC0 of the Lorentzian");
        assertEquals(pc1, measured.pc1(), SIGMAS * measured.pc1Err(), "PC1 of the Lorentzian");
        // hue error: the log-colour errors over the distance from the centre of the wheel
        double dx = Math.log10(measured.pc0()) - Math.log10(PowerColors.HUE_CENTER_PC0);
        double dy = Math.log10(measured.pc1()) - Math.log10(PowerColors.HUE_CENTER_PC1);
        double sx = measured.pc0Err() / measured.pc0() / Math.log(10);
        double sy = measured.pc1Err() / measured.pc1() / Math.log(10);
        double hueErr = Math.hypot(sx, sy) / Math.hypot(dx, dy);
        assertEquals(PowerColors.hue(pc0, pc1), measured.hue(), SIGMAS * hueErr, "hue of the Lorentzian");
    }

    /** The script's spectrum: {@code f = (j+1)/512}, a zero-centred Lorentzian + a 4 Hz QPO + 0.01 of noise. */
    private static void analyticSpectrum(double[] freq, double[] power) {
        for (int j = 0; j < freq.length; j++) {
            double f = (j + 1) / 512.0;
            freq[j] = f;
            power[j] = 0.3 * 0.3 * (0.5 / Math.PI) / (f * f + 0.5 * 0.5) * 2
                    + 0.1 * 0.1 * (0.25 / Math.PI) / ((f - 4) * (f - 4) + 0.25 * 0.25) + 0.01;
        }
    }

    /** {@code ∫_a^b (h/π)/(f² + h²) df}, the band integral of a unit Lorentzian (the factor 2r² cancels in colours). */
    private static double lorentzianBand(double a, double b, double h) {
        return (Math.atan(b / h) - Math.atan(a / h)) / Math.PI;
    }

    private static void assertColours(String what, JsonNode ref, PowerColor[] actual) {
        double[][] columns = new double[5][actual.length];
        for (int i = 0; i < actual.length; i++) {
            columns[0][i] = actual[i].pc0();
            columns[1][i] = actual[i].pc0Err();
            columns[2][i] = actual[i].pc1();
            columns[3][i] = actual[i].pc1Err();
            columns[4][i] = actual[i].hue();
        }
        String[] names = {"pc0", "pc0_err", "pc1", "pc1_err", "hue"};
        for (int k = 0; k < names.length; k++) {
            assertMatches(what + " " + names[k], doubles(ref.get(names[k])), columns[k], DYNPS_RTOL);
        }
    }

    private static double num(JsonNode node, String field) {
        return StingrayReference.number(node.get(field));
    }
}
