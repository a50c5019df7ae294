package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.manta.core.gti.GtiList;

/**
 * {@link LightCurveFiles} against Stingray's {@code io.lcurve_from_fits} on light curves written by astropy
 * ({@code reference/lcurve_from_fits.json}, {@code reference/scripts/lcurve_from_fits_cases.py}): NaN rates, a
 * single-precision FRACEXP column (0.9 stored as 0.89999998, below the limit), a RATE1 column, a GTI extension.
 */
class LightCurveFilesReferenceTest {
    /**
     * Relative tolerance on counts: Stingray divides by FRACEXP in {@code longdouble} and rounds to double, Manta
     * divides in double (at most an ulp apart).
     */
    private static final double COUNTS_RTOL = 1e-15;

    static Stream<String> cases() {
        List<String> names = new ArrayList<>();
        Refs.json("lcurve_from_fits.json").get("cases").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void readsTheCountsAndGtisStingrayReads(String name) {
        JsonNode ref = Refs.json("lcurve_from_fits.json").get("cases").get(name);
        Path file = Refs.data(name);
        assertEquals(ref.get("sha256").asText(), EventFiles.sha256(file), name + " is the file Stingray read");
        LightCurveFiles.Contents c = LightCurveFiles.read(file);
        assertEquals(ref.get("dt").asDouble(), c.dt(), 0.0, name + " dt");
        double[] time = Refs.doubles(ref.get("time"));
        double[] counts = Refs.doubles(ref.get("counts"));
        assertEquals(counts.length, c.counts().length, name + " bins");
        for (int i = 0; i < counts.length; i++) {
            assertEquals(time[i], c.time()[i], 0.0, name + " time of bin " + i);
            assertEquals(counts[i], c.counts()[i], COUNTS_RTOL * counts[i], name + " counts of bin " + i);
        }
        double[][] gti = Refs.pairs(ref.get("gti"));
        double[] starts = new double[gti.length];
        double[] stops = new double[gti.length];
        for (int i = 0; i < gti.length; i++) {
            starts[i] = gti[i][0];
            stops[i] = gti[i][1];
        }
        assertEquals(GtiList.of(starts, stops), c.gti(), name + " GTIs");
    }
}
