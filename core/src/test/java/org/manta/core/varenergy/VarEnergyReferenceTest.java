package org.manta.core.varenergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EnergyBand;
import org.manta.core.io.Refs;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.JobPlan;
import org.manta.core.spectrum.Normalization;

/**
 * Every variability-versus-energy spectrum stored in the Stingray references {@code varenergy_sim.json} and
 * {@code varenergy_monolA_calib.json} (science.md §13), computed from the event files by the one-pass pipeline.
 * NaN in the reference (bands Stingray skips or cannot compute) must be NaN here.
 */
class VarEnergyReferenceTest {
    /**
     * Window means are summed left to right here and pairwise by numpy (a few ulp); measured agreement is
     * within 1e-14 relative on every value, so this leaves a factor 10 for other summation orders (threads).
     */
    static final double FOURIER_RTOL = 1e-13;
    /** Counts are exact integers. */
    static final double COUNT_RTOL = 0;
    /**
     * The population variance is Σx²/N − x̄² here (exact integer sums), two-pass in numpy: a few ulp of x̄²,
     * i.e. ~1e-15 of the excess for F_var ≈ 0.3; measured within 1e-14.
     */
    static final double EXCESS_VARIANCE_RTOL = 1e-13;

    private static final VarEnergyPipeline PIPELINE = new VarEnergyPipeline(PoolSettings.ofThreads(2));

    private record Case(String reference, String data) {
        JsonNode json() {
            return Refs.json(reference);
        }

        VarEnergyRequest request(VarEnergyKind kind, Normalization norm, double dt, double segment) {
            JsonNode p = json().get("params");
            double[] edges = doubles(p.get("energy_spec"));
            double[] ref = doubles(p.get("ref_band"));
            double[] f = doubles(p.get("freq_interval"));
            return new VarEnergyRequest(kind, norm, dt, segment, EnergyBands.energy(edges),
                    EnergyBand.energy(ref[0], ref[1]), f[0], f[1], 1);
        }

        VarEnergyRequest request(VarEnergyKind kind, Normalization norm) {
            JsonNode p = json().get("params");
            return request(kind, norm, p.get("bin_time").asDouble(), p.get("segment_size").asDouble());
        }

        /** One pass: all Fourier kinds from one accumulator. */
        VarEnergyAccumulator accumulate() {
            VarEnergyRequest r = request(VarEnergyKind.LAG, Normalization.FRAC);
            List<Path> files = List.of(Refs.data(data));
            JobPlan plan = VarEnergyPipeline.plan(r, files);
            return PIPELINE.accumulate(VarEnergyPipeline.layout(r, plan), plan, files, ProgressListener.NONE);
        }
    }

    private static final Case SIM = new Case("varenergy_sim.json", "sim_varenergy.evt.gz");
    private static final Case MONOL = new Case("varenergy_monolA_calib.json", "monol_testA_calib.evt");

    static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            JsonNode v = a.get(i);
            d[i] = v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
        }
        return d;
    }

    static void assertMatches(String what, double[] expected, double[] actual, double rtol) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), what + "[" + i + "]: expected NaN, got " + actual[i]);
            } else {
                double tol = rtol * Math.abs(expected[i]);
                assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
            }
        }
    }

    private static void assertSpectrum(JsonNode ref, VarEnergySpectrum s, double rtol) {
        String what = s.kind().label();
        double[][] intervals = s.energyIntervals();
        for (int i = 0; i < intervals.length; i++) {
            assertEquals(ref.get("energy_intervals").get(i).get(0).asDouble(), intervals[i][0]);
            assertEquals(ref.get("energy_intervals").get(i).get(1).asDouble(), intervals[i][1]);
        }
        JsonNode v = ref.get("spectrum");
        JsonNode e = ref.get("spectrum_error");
        if (v.isObject()) {
            assertMatches(what + " re", doubles(v.get("re")), s.spectrum().re(), rtol);
            assertMatches(what + " im", doubles(v.get("im")), s.spectrum().im(), rtol);
            assertMatches(what + " err re", doubles(e.get("re")), s.spectrumError().re(), rtol);
            assertMatches(what + " err im", doubles(e.get("im")), s.spectrumError().im(), rtol);
        } else {
            assertMatches(what, doubles(v), s.values(), rtol);
            assertMatches(what + " err", doubles(e), s.errors(), rtol);
        }
    }

    /** A stored Stingray spectrum: its key in the reference JSON, and the kind and norm that make it. */
    private record Stored(String key, VarEnergyKind kind, Normalization norm, double rtol) {
    }

    /** Every stored spectrum of a case, all from one pass over its file. */
    private static void assertAllMatch(Case c, List<Stored> stored) {
        JsonNode ref = c.json();
        VarEnergyAccumulator acc = c.accumulate();
        for (Stored s : stored) {
            assertSpectrum(ref.get(s.key()), acc.result(s.kind(), s.norm()), s.rtol());
        }
    }

    @Test
    void simulatedFourierSpectraMatchStingray() {
        assertAllMatch(SIM, List.of(
                new Stored("RmsSpectrum_frac", VarEnergyKind.RMS, Normalization.FRAC, FOURIER_RTOL),
                new Stored("RmsSpectrum_abs", VarEnergyKind.RMS, Normalization.ABS, FOURIER_RTOL),
                new Stored("LagSpectrum", VarEnergyKind.LAG, Normalization.NONE, FOURIER_RTOL),
                new Stored("CovarianceSpectrum_abs", VarEnergyKind.COVARIANCE, Normalization.ABS, FOURIER_RTOL),
                new Stored("CovarianceSpectrum_frac", VarEnergyKind.COVARIANCE, Normalization.FRAC, FOURIER_RTOL),
                new Stored("CountSpectrum", VarEnergyKind.COUNT, Normalization.NONE, COUNT_RTOL)));
    }

    @Test
    void monolCalibFourierSpectraMatchStingrayNaNsIncluded() {
        assertAllMatch(MONOL, List.of(
                new Stored("RmsSpectrum_frac", VarEnergyKind.RMS, Normalization.FRAC, FOURIER_RTOL),
                new Stored("RmsSpectrum_abs", VarEnergyKind.RMS, Normalization.ABS, FOURIER_RTOL),
                new Stored("LagSpectrum", VarEnergyKind.LAG, Normalization.NONE, FOURIER_RTOL),
                new Stored("CovarianceSpectrum_abs", VarEnergyKind.COVARIANCE, Normalization.ABS, FOURIER_RTOL),
                new Stored("ComplexCovarianceSpectrum_frac", VarEnergyKind.COMPLEX_COVARIANCE, Normalization.FRAC,
                        FOURIER_RTOL),
                new Stored("CountSpectrum", VarEnergyKind.COUNT, Normalization.NONE, COUNT_RTOL)));
    }

    @Test
    void excessVarianceIsWhatStingrayIntends() {
        JsonNode ref = SIM.json().get("ExcessVarianceSpectrum_fvar_bin1s_intended");
        VarEnergyRequest r = SIM.request(VarEnergyKind.EXCESS_VARIANCE, Normalization.NONE, 1.0, 128.0);
        VarEnergySpectrum s = PIPELINE.spectrum(r, List.of(Refs.data(SIM.data())), ProgressListener.NONE);
        assertMatches("fvar", doubles(ref.get("spectrum")), s.values(), EXCESS_VARIANCE_RTOL);
        assertMatches("fvar err", doubles(ref.get("spectrum_error")), s.errors(), EXCESS_VARIANCE_RTOL);
    }

    @Test
    void excessVarianceWithPoissonDominatedBinsIsNaN() {
        // bin_time 1/64 s: the mean squared error exceeds the variance, the excess is negative -> F_var NaN
        // (the reference note); Stingray's stored spectrum is NaN for that reason and for its bug.
        VarEnergyRequest r = SIM.request(VarEnergyKind.EXCESS_VARIANCE, Normalization.NONE);
        VarEnergySpectrum s = PIPELINE.spectrum(r, List.of(Refs.data(SIM.data())), ProgressListener.NONE);
        assertMatches("fvar 1/64 s", doubles(SIM.json().get("ExcessVarianceSpectrum_fvar").get("spectrum")),
                s.values(), 0);
    }
}
