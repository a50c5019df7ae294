package org.manta.core.gti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Float80Test {

    @Test
    void doubleRoundingThroughExtendedPrecisionIsReproduced() {
        // 1 + (2^-53 + 2^-66): rounding to 64 bits drops 2^-66, leaving a double tie that goes to even.
        // numpy: float64(longdouble(1) + longdouble(2**-53 + 2**-66)) == 1.0; plain double gives 1 + 2^-52.
        double off = 0x1p-53 + 0x1p-66;
        assertEquals(1.0 + 0x1p-52, 1.0 + off);
        assertEquals(1.0, Float80.addToDouble(1.0, Float80.of(off)));
    }

    @Test
    void roundingKeeps64SignificantBits() {
        Float80.Value v = Float80.add(Float80.of(1.0), Float80.of(0x1p-63));
        assertEquals(1.0, v.hi());
        assertEquals(0x1p-63, v.lo(), "representable in 64 bits");
        Float80.Value w = Float80.add(Float80.of(1.0), Float80.of(0x1p-64));
        assertEquals(0.0, w.lo(), "2^-64 is a tie at 64 bits: to even");
        Float80.Value x = Float80.add(Float80.of(1.0), Float80.of(0x1p-64 + 0x1p-80));
        assertEquals(0x1p-63, x.lo(), "just above the tie: up");
        assertEquals(new BigDecimal(1.0).add(new BigDecimal(0x1p-63)), x.exact());
    }

    @Test
    void compareIsExact() {
        Float80.Value v = Float80.add(Float80.of(1.0), Float80.of(0x1p-60));
        assertTrue(Float80.compare(1.0, v) < 0);
        assertTrue(Float80.compare(Math.nextUp(1.0), v) > 0);
        assertEquals(0, Float80.compare(1.0, Float80.of(1.0)));
    }

    /** The fast path of addToDouble agrees with the exact BigDecimal route, also next to double ties. */
    @Test
    void fastPathAgreesWithExactRounding() {
        Random rng = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            double t = (rng.nextDouble() + 0.5) * Math.scalb(1.0, rng.nextInt(40) - 5);
            double offHi = rng.nextDouble() * Math.scalb(1.0, rng.nextInt(20) - 15);
            Float80.Value off;
            if (i % 2 == 0) {
                // place t + off within a few extended ulps of a double midpoint
                double u = Math.ulp(t);
                double target = t + u / 2 + (rng.nextInt(9) - 4) * u * 0x1p-12;
                off = Float80.round(new BigDecimal(target).subtract(new BigDecimal(t))
                        .add(new BigDecimal((rng.nextInt(5) - 2) * u * 0x1p-14)));
            } else {
                off = Float80.round(new BigDecimal(offHi).add(new BigDecimal(rng.nextDouble() * Math.ulp(offHi))));
            }
            double expected = Float80.round(new BigDecimal(t).add(off.exact())).hi();
            assertEquals(expected, Float80.addToDouble(t, off), "t=" + t + " off=" + off);
        }
    }

    /** Values from numpy's longdouble (x87) on Debian bookworm. */
    @Test
    void divideParseAndBoundsAsNumpy() {
        Float80.Value third = Float80.divide(Float80.of(1), Float80.of(3));   // np.longdouble(1) / np.longdouble(3)
        assertEquals(0.3333333333333333, third.hi(), 0.0);
        assertEquals(1.8512752095189988e-17, third.lo(), 0.0);
        Float80.Value g0 = Float80.add(Float80.of(499.9), Float80.of(0.1));   // np.longdouble(499.9) + np.longdouble(0.1)
        assertEquals(500.0, g0.hi(), 0.0);
        assertEquals(-2.273181642920008e-14, g0.lo(), 0.0);
        assertEquals(500.0, Float80.ceilToDouble(g0), 0.0, "below 500: 500 is the first double >=");
        Float80.Value above = new Float80.Value(509.99899999999997, 1.1018963519404679e-14);
        assertEquals(509.999, Float80.ceilToDouble(above), 0.0);
        assertEquals(Float80.of(7), Float80.rint(Float80.divide(Float80.of(0.0031 * 2.25), Float80.of(1e-3))));
        assertEquals(-5.549759870410176e-18, Float80.ofDecimal(new BigDecimal("0.1")).lo(), 0.0);
        assertTrue(Float80.compare(g0, Float80.of(500)) < 0);
    }

    /** The double-only ways of add and multiply give the exactly rounded result, ties and lo parts included. */
    @Test
    void fastAddAndMultiplyAgreeWithExactRounding() {
        Random rng = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            double scale = Math.pow(10, rng.nextInt(10));
            Float80.Value a = randomExtended(rng, scale);
            Float80.Value b = rng.nextInt(4) == 0 ? Float80.of(rng.nextInt(1000) * 0.001) : randomExtended(rng, scale);
            assertEquals(Float80.round(a.exact().add(b.exact())), Float80.add(a, b), a + " + " + b);
            Float80.Value k = Float80.of(rng.nextInt(100_000));
            Float80.Value t = rng.nextBoolean() ? Float80.of(scale * rng.nextDouble()) : randomExtended(rng, scale);
            assertEquals(Float80.round(k.exact().multiply(t.exact())), Float80.multiply(k, t), k + " * " + t);
        }
        // a tie on the 64-bit grid: 1 + 2^-52 + 2^-64 goes to the even neighbour, 1 + 2^-52
        assertEquals(Float80.of(1 + 0x1p-52), Float80.add(Float80.of(1 + 0x1p-52), Float80.of(0x1p-64)));
        assertEquals(new Float80.Value(1 + 0x1p-52, 0x1p-62), Float80.add(Float80.of(1 + 0x1p-52), Float80.of(3 * 0x1p-64)));
    }

    /** A value with a non-zero extended remainder: a double plus a random 64-bit offset, rounded. */
    private static Float80.Value randomExtended(Random rng, double scale) {
        double hi = (rng.nextBoolean() ? 1 : -1) * scale * rng.nextDouble();
        return Float80.round(new BigDecimal(hi).add(new BigDecimal(Math.ulp(hi) * (rng.nextDouble() - 0.5))));
    }
}
