package org.manta.mesh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Product;

/** Comparison of two products field by field, with the tolerances of the mesh == embedded guarantee. */
final class Products {
    /**
     * Mesh and embedded add the same per-segment terms in another order (worker folds, then merges):
     * each power moves by a few ulp per segment; the issue asks for 1e-12 relative.
     */
    static final double POWER_TOL = 1e-12;

    private Products() {
    }

    /** Asserts that {@code actual} (from the mesh) equals {@code expected} (embedded) in every number. */
    static void assertSameProduct(String what, Product expected, Product actual) {
        assertEquals(expected.getKind(), actual.getKind(), what);
        assertEquals(expected.getM(), actual.getM(), what + ": m");
        assertEquals(expected.getN(), actual.getN(), what + ": n");
        assertEquals(expected.getDf(), actual.getDf(), 0.0, what + ": df");
        assertEquals(expected.getDt(), actual.getDt(), 0.0, what + ": dt");
        assertEquals(expected.getNorm(), actual.getNorm(), what + ": norm");
        assertEquals(expected.getGtiList(), actual.getGtiList(), what + ": gti");
        assertEquals(expected.getFreqList(), actual.getFreqList(), what + ": freq");
        assertEquals(expected.getTimeList(), actual.getTimeList(), what + ": time");
        assertEquals(expected.getDynPsShapeList(), actual.getDynPsShapeList(), what + ": dyn_ps shape");
        relative(what + ": nphots", List.of(expected.getNphots()), List.of(actual.getNphots()));
        relative(what + ": nphots1", List.of(expected.getNphots1()), List.of(actual.getNphots1()));
        relative(what + ": nphots2", List.of(expected.getNphots2()), List.of(actual.getNphots2()));
        complex(what + ": power", expected.getPower(), actual.getPower());
        complex(what + ": unnorm_power", expected.getUnnormPower(), actual.getUnnormPower());
        complex(what + ": power_err", expected.getPowerErr(), actual.getPowerErr());
        relative(what + ": pds1_power", expected.getPds1PowerList(), actual.getPds1PowerList());
        relative(what + ": pds2_power", expected.getPds2PowerList(), actual.getPds2PowerList());
        relative(what + ": dyn_ps", expected.getDynPsList(), actual.getDynPsList());
        coherence(what + ": raw_coherence", expected.getRawCoherenceList(), actual.getRawCoherenceList(), expected);
        coherence(what + ": intrinsic_coherence", expected.getIntrinsicCoherenceList(), actual.getIntrinsicCoherenceList(),
                expected);
        angle(what + ": phase_lag", expected.getPhaseLagList(), actual.getPhaseLagList());
    }

    /** Element by element: |a - e| <= tol * max(|a|, |e|). */
    static void relative(String what, List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), what + ": length");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            double a = actual.get(i);
            if (Double.isNaN(e) || Double.isNaN(a)) {
                assertEquals(Double.isNaN(e), Double.isNaN(a), what + "[" + i + "]: NaN in one only");
                continue;
            }
            assertEquals(e, a, POWER_TOL * Math.max(Math.abs(e), Math.abs(a)), what + "[" + i + "]");
        }
    }

    /** Complex arrays: each part within tol of the modulus |z| (a part near zero cannot be relative to itself). */
    static void complex(String what, ComplexArray expected, ComplexArray actual) {
        assertEquals(expected.getReCount(), actual.getReCount(), what + ": length");
        assertEquals(expected.getImCount(), actual.getImCount(), what + ": im length");
        for (int i = 0; i < expected.getReCount(); i++) {
            double eIm = expected.getImCount() > 0 ? expected.getIm(i) : 0;
            double aIm = actual.getImCount() > 0 ? actual.getIm(i) : 0;
            double modulus = Math.max(Math.hypot(expected.getRe(i), eIm), Math.hypot(actual.getRe(i), aIm));
            assertEquals(expected.getRe(i), actual.getRe(i), POWER_TOL * modulus, what + ".re[" + i + "]");
            assertEquals(eIm, aIm, POWER_TOL * modulus, what + ".im[" + i + "]");
        }
    }

    /**
     * Raw coherence {@code g = max(|C|² - b², 0)/(P1·P2)} subtracts the bias {@code b² <= |C|²}, so a
     * relative change tol of C, P1, P2 moves g by at most {@code 4·tol·(r + g)} with
     * {@code r = |C|²/(P1·P2)} (the same in every normalisation); a plain relative test would fail
     * where g is small by cancellation. The intrinsic coherence subtracts noise terms the same way and
     * is held to the same bound.
     */
    static void coherence(String what, List<Double> expectedValues, List<Double> actualValues, Product expected) {
        assertEquals(expectedValues.size(), actualValues.size(), what + ": length");
        for (int i = 0; i < expectedValues.size(); i++) {
            double e = expectedValues.get(i);
            double a = actualValues.get(i);
            if (Double.isNaN(e) || Double.isNaN(a)) {
                assertEquals(Double.isNaN(e), Double.isNaN(a), what + "[" + i + "]: NaN in one only");
                continue;
            }
            double c2 = Math.pow(expected.getPower().getRe(i), 2) + Math.pow(expected.getPower().getIm(i), 2);
            double r = c2 / (expected.getPds1Power(i) * expected.getPds2Power(i));
            assertEquals(e, a, 4 * POWER_TOL * (Math.abs(r) + Math.abs(e)), what + "[" + i + "]");
        }
    }

    /** Angles (rad): a relative change tol of the complex value turns its argument by at most tol rad. */
    static void angle(String what, List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), what + ": length");
        for (int i = 0; i < expected.size(); i++) {
            double d = Math.abs(Math.IEEEremainder(expected.get(i) - actual.get(i), 2 * Math.PI));
            assertEquals(0.0, d, 2 * POWER_TOL, what + "[" + i + "]");
        }
    }
}
