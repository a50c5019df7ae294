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
}
