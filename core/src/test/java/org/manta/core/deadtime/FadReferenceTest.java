package org.manta.core.deadtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.assertMatchesScaled;
import static org.manta.core.spectrum.StingrayReference.complex;
import static org.manta.core.spectrum.StingrayReference.doubles;
import static org.manta.core.spectrum.StingrayReference.geometricMean;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manta.core.io.Refs;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.StingrayReference;

/**
 * The FAD correction of the two simulated dead-timed detectors against Stingray ({@code fad_sim.json}:
 * {@code FAD(ev1, ev2, segment_size=8, dt=1/512, norm='leahy')}), through the embedded pipeline that
 * {@code manta fad} uses (plan of a two-file cross spectrum, streamed segments, 3 workers).
 */
class FadReferenceTest {
    /**
     * Powers: per-segment sums of products divided by the smoothed W, in another order than numpy's
     * (weights 1/N_ph applied per segment before summing, Gaussian weights normalised by a plain instead
     * of a pairwise sum, JTransforms instead of pocketfft): measured 1.7e-15 worst.
     */
    static final double POWER_RTOL = 1e-13;
    /** Cross powers and the amplitude difference: errors relative to the magnitude of the terms summed. */
    static final double CROSS_RTOL = 1e-13;
    /** fad_delta is a difference of two numbers near 0.25 divided by 0.25. */
    static final double FAD_DELTA_ATOL = 1e-12;
    static final double DT = 1.0 / 512;
    static final double SEGMENT = 8.0;

    static JsonNode ref;
    static FadSpectrum fad;

    @BeforeAll
    static void compute() {
        ref = StingrayReference.load("fad_sim.json");
        List<Path> files = List.of(Refs.data("sim_fad_det1.evt"), Refs.data("sim_fad_det2.evt"));
        JobRequest request = new JobRequest(SpectrumKind.CPDS, DT, SEGMENT, Normalization.LEAHY, true,
                Optional.empty(), Optional.empty(), 2);
        JobPlan plan = EmbeddedPipeline.plan(request, files);
        fad = new EmbeddedPipeline(PoolSettings.ofThreads(3)).fad(plan, files, FadSmoothing.GAUSS,
                FadAccumulator.defaultSmoothingLength(plan.segment()), FadAccumulator.DEFAULT_TOLERANCE,
                ProgressListener.NONE);
    }

    @Test
    void metadataMatchesStingray() {
        JsonNode meta = ref.get("meta");
        assertEquals(meta.get("M").asInt(), fad.segments());
        assertEquals(meta.get("smoothing_length").asDouble(), fad.smoothingLength());
        assertEquals(meta.get("dt").asDouble(), fad.dt());
        assertEquals(meta.get("df").asDouble(), fad.df(), 1e-15);
        assertMatches("nph1", meta.get("nph1").asDouble(), fad.nphots1(), 0.0);
        assertMatches("nph2", meta.get("nph2").asDouble(), fad.nphots2(), 0.0);
        assertMatches("nph", meta.get("nph").asDouble(), fad.nphots(), 0.0);
        assertEquals(meta.get("fad_delta").asDouble(), fad.fadDelta(), FAD_DELTA_ATOL);
        assertEquals(meta.get("is_compliant").asBoolean(), fad.isCompliant());
        assertMatches("freq", doubles(ref.get("freq")), fad.freq(), 1e-15);
    }

    @Test
    void correctedPowerSpectraMatchStingray() {
        assertMatches("pds1", doubles(ref.get("pds1")), fad.pds1(), POWER_RTOL);
        assertMatches("pds2", doubles(ref.get("pds2")), fad.pds2(), POWER_RTOL);
        assertMatches("ptot", doubles(ref.get("ptot")), fad.ptot(), POWER_RTOL);
        assertMatches("pds1_unnorm", doubles(ref.get("pds1_unnorm")), fad.pds1Unnorm(), POWER_RTOL);
        assertMatches("pds2_unnorm", doubles(ref.get("pds2_unnorm")), fad.pds2Unnorm(), POWER_RTOL);
        assertMatches("ptot_unnorm", doubles(ref.get("ptot_unnorm")), fad.ptotUnnorm(), POWER_RTOL);
    }

    @Test
    void correctedCrossSpectrumAndAmplitudeDifferenceMatchStingray() {
        assertMatchesScaled("cs", complex(ref.get("cs")), fad.cs(), geometricMean(fad.pds1(), fad.pds2()), CROSS_RTOL);
        assertMatchesScaled("cs_unnorm", complex(ref.get("cs_unnorm")), fad.csUnnorm(),
                geometricMean(fad.pds1Unnorm(), fad.pds2Unnorm()), CROSS_RTOL);
        // fad is dimensionless with a scatter of 2/sqrt(M) per component pair: compare on the scale of 1
        double[] unit = new double[fad.freq().length];
        Arrays.fill(unit, 1.0);
        assertMatchesScaled("fad", complex(ref.get("fad")), fad.fad(), unit, CROSS_RTOL);
    }

    @Test
    void stingrayDeclaredTheCorrectionCompliant() {
        assertTrue(fad.isCompliant(), "fad_delta = " + fad.fadDelta());
    }
}
