package org.manta.core.gti;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Emulation of {@code numpy.longdouble} on x86-64 Linux (the x87 80-bit extended format: 64-bit
 * significand, round to nearest, ties to even), for the few places where Stingray computes time
 * quantities in extended precision and only then rounds them to double: the time offset
 * {@code TIMEZERO + (0.5 - TIMEPIXR)·TIMEDEL} and its sums with {@code TIME}, GTI bounds, TSTART and
 * TSTOP (science-errata H2, L13), and the GTI-mask thresholds of {@code create_gti_mask}
 * (science.md §2.3). Reproducing the two roundings (to 64 bits, then to 53) is what makes such
 * times equal to Stingray's bit for bit rather than only to the nearest ulp.
 *
 * <p>Values are held exactly as a pair of doubles {@code hi + lo}, with {@code hi} the double nearest
 * to the value. Arithmetic on {@link Value}s goes through {@link BigDecimal} (exact) and then rounds
 * to 64 bits: it is meant for per-file or per-GTI scalars. The per-event operation
 * {@link #addToDouble(double, Value)} has a fast double-only path that is exact except in a narrow
 * zone near double rounding ties (about 1 event in 500), where it falls back to the exact route.
 * Exponent range and subnormals of the x87 format are not modelled (not needed for times).
 */
public final class Float80 {
    /** Bits of the x87 extended significand. */
    public static final int SIGNIFICAND_BITS = 64;
    private static final int DOUBLE_BITS = 53;

    private Float80() {
    }

    /**
     * An extended-precision value, exactly {@code hi + lo}, with {@code hi} the double nearest to it
     * (ties to even) and {@code |lo| <= ulp(hi)/2}.
     *
     * @param hi the value rounded to double
     * @param lo the exact remainder
     */
    public record Value(double hi, double lo) {
        public static final Value ZERO = new Value(0.0, 0.0);

        /** The exact value as a {@link BigDecimal}. */
        public BigDecimal exact() {
            return new BigDecimal(hi).add(new BigDecimal(lo));
        }

        /** The value rounded to double (what numpy's {@code float(x)} gives). */
        public double toDouble() {
            return hi;
        }
    }

    /** A double, exactly. */
    public static Value of(double x) {
        return new Value(x, 0.0);
    }

    /** {@code round64(a + b)}. */
    public static Value add(Value a, Value b) {
        double s = a.hi() + b.hi();
        double bp = s - a.hi();
        double e = (a.hi() - (s - bp)) + (b.hi() - bp);      // TwoSum: a.hi + b.hi == s + e exactly
        double r1 = e + a.lo();
        double r = r1 + b.lo();
        if (Double.isFinite(s) && isExactSum(e, a.lo(), r1) && isExactSum(r1, b.lo(), r)) {
            Value v = roundSum(s, r);
            if (v != null) {
                return v;
            }
        }
        return round(a.exact().add(b.exact()));
    }

    /** {@code round64(a - b)}. */
    public static Value subtract(Value a, Value b) {
        return add(a, new Value(-b.hi(), -b.lo()));
    }

    /** {@code round64(a · b)}. */
    public static Value multiply(Value a, Value b) {
        if (a.lo() == 0 || b.lo() == 0) {
            Value x = a.lo() == 0 ? a : b;                     // x is a double
            Value y = x == a ? b : a;
            double p = x.hi() * y.hi();
            double e = Math.fma(x.hi(), y.hi(), -p);          // x·y.hi == p + e exactly (no underflow for times)
            double q = x.hi() * y.lo();
            double r = e + q;
            if (Double.isFinite(p) && Math.abs(p) > 0x1p-900 && Math.fma(x.hi(), y.lo(), -q) == 0
                    && isExactSum(e, q, r)) {
                Value v = roundSum(p, r);
                if (v != null) {
                    return v;
                }
            }
        }
        return round(a.exact().multiply(b.exact()));
    }

    /** Whether {@code z = x + y} (computed in double) is exact. */
    private static boolean isExactSum(double x, double y, double z) {
        double bp = z - x;
        return (x - (z - bp)) + (y - bp) == 0;
    }

    /**
     * {@code round64(s + r)} for an exact sum of two doubles, without big numbers: on the 64-bit grid of
     * {@code s}'s binade, spacing {@code q = 2^(e-63)}, the sum rounds to {@code s + rint(r/q)·q} ({@code s/q} is
     * even, so {@code rint}'s ties to even are the format's). Null where that does not apply (zero, a power of
     * two, a result in another binade, tiny values): the caller takes the exact route.
     */
    private static Value roundSum(double s, double r) {
        if (r == 0) {
            return new Value(s + 0.0, 0.0);
        }
        if (s == 0 || !Double.isFinite(s) || !Double.isFinite(r)) {
            return null;
        }
        int e = Math.getExponent(s);
        double binade = Math.scalb(1.0, e);
        if (e < Double.MIN_EXPONENT + 2 * SIGNIFICAND_BITS || Math.abs(s) == binade || Math.abs(r) >= Math.abs(s) / 4) {
            return null;
        }
        double q = Math.scalb(1.0, e - (SIGNIFICAND_BITS - 1));
        double d = Math.rint(r / q) * q;                      // exact: r/q is a scaling, the product is small
        double hi = s + d;
        if (Math.getExponent(hi) != e || Math.abs(hi) == binade) {
            return null;
        }
        return new Value(hi, (d - (hi - s)) + 0.0);           // Fast2Sum remainder (exact, as |d| < |s|), no -0
    }

    /**
     * {@code double(round64(t + off))}: a double time plus an extended offset, rounded first to the
     * extended format and then to double, as numpy does for {@code float64_array + longdouble} followed
     * by a conversion to float64.
     *
     * @param t   a time, s
     * @param off the extended offset, s
     * @return the doubly rounded sum
     */
    public static double addToDouble(double t, Value off) {
        double hi = off.hi();
        double s = t + hi;
        // TwoSum (Knuth): t + hi == s + err exactly
        double bp = s - t;
        double err = (t - (s - bp)) + (hi - bp);
        double e = err + off.lo();
        if (e == 0.0) {
            return s;
        }
        if (Double.isInfinite(s) || Double.isNaN(s)) {
            return s;
        }
        double neighbour = e > 0 ? Math.nextUp(s) : Math.nextDown(s);
        double halfGap = Math.abs(neighbour - s) * 0.5;
        // The extended grid near s is 2^11 times finer than the double grid: rounding to it moves the
        // value by at most halfGap / 2^11. Far enough from the double midpoint, the result is s.
        if (Math.abs(e) < halfGap * (1.0 - 0x1p-9)) {
            return s;
        }
        return round(new BigDecimal(t).add(off.exact())).hi();
    }

    /**
     * {@code round64(a / b)}, correctly rounded (ties to even).
     *
     * @throws ArithmeticException when {@code b} is zero
     */
    public static Value divide(Value a, Value b) {
        if (b.hi() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (a.hi() == 0) {
            return Value.ZERO;
        }
        Dyadic x = Dyadic.of(a.exact());
        Dyadic y = Dyadic.of(b.exact());
        BigInteger mx = x.mantissa().abs();
        BigInteger my = y.mantissa().abs();
        // enough quotient bits for the 64-bit significand and a guard bit; the remainder becomes a sticky bit
        int shift = Math.max(0, SIGNIFICAND_BITS + 2 + my.bitLength() - mx.bitLength());
        BigInteger[] qr = mx.shiftLeft(shift).divideAndRemainder(my);
        BigInteger q = qr[0].shiftLeft(1).or(qr[1].signum() != 0 ? BigInteger.ONE : BigInteger.ZERO);
        int sign = x.mantissa().signum() * y.mantissa().signum();
        Dyadic r64 = new Dyadic(sign < 0 ? q.negate() : q, x.exponent() - y.exponent() - shift - 1)
                .roundTo(SIGNIFICAND_BITS);
        Dyadic r53 = r64.roundTo(DOUBLE_BITS);
        return new Value(r53.toDouble(), r64.subtract(r53).toDouble());
    }

    /** numpy {@code floor} of an extended value (exact). */
    public static Value floor(Value v) {
        return round(v.exact().setScale(0, RoundingMode.FLOOR));
    }

    /** numpy {@code ceil} of an extended value (exact). */
    public static Value ceil(Value v) {
        return round(v.exact().setScale(0, RoundingMode.CEILING));
    }

    /** numpy {@code rint} of an extended value: the nearest integer, halves to even (exact). */
    public static Value rint(Value v) {
        return round(v.exact().setScale(0, RoundingMode.HALF_EVEN));
    }

    /** Compares two extended values exactly: negative, zero or positive as {@code a <, ==, > b}. */
    public static int compare(Value a, Value b) {
        if (a.hi() != b.hi()) {
            return a.hi() < b.hi() ? -1 : 1;
        }
        return Double.compare(a.lo() + 0.0, b.lo() + 0.0);
    }

    /**
     * The smallest double at or above {@code v}: for a double {@code t}, {@code t >= v} exactly iff
     * {@code t >= ceilToDouble(v)}, so a per-event test against an extended bound runs on doubles.
     */
    public static double ceilToDouble(Value v) {
        return v.lo() > 0 ? Math.nextUp(v.hi()) : v.hi();
    }

    /**
     * Compares a double with an extended value, exactly.
     *
     * @return negative, zero or positive as {@code t <, ==, > v}
     */
    public static int compare(double t, Value v) {
        if (t != v.hi()) {
            return t < v.hi() ? -1 : 1;
        }
        // t == hi, so t - v == -lo
        return v.lo() > 0 ? -1 : (v.lo() < 0 ? 1 : 0);
    }

    /**
     * A decimal number rounded to the extended format, as {@code numpy.longdouble("0.1")} parses a string
     * (to the 64-bit significand, not first to double).
     *
     * @param decimal an exact decimal value
     */
    public static Value ofDecimal(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return Value.ZERO;
        }
        BigDecimal abs = decimal.abs();
        // scale by 2^shift so that the integer part has 64 bits (or 65 before a carry), then round
        int shift = SIGNIFICAND_BITS - 1 - (int) Math.floor(Math.log(abs.doubleValue()) / Math.log(2));
        BigDecimal scaled = shift >= 0 ? abs.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(shift)))
                : abs.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-shift)));
        while (scaled.compareTo(new BigDecimal(BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS))) >= 0) {
            scaled = scaled.divide(BigDecimal.valueOf(2));
            shift--;
        }
        while (scaled.compareTo(new BigDecimal(BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS - 1))) < 0) {
            scaled = scaled.multiply(BigDecimal.valueOf(2));
            shift++;
        }
        BigInteger m = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal exact = new BigDecimal(m);
        exact = shift >= 0 ? exact.divide(new BigDecimal(BigInteger.ONE.shiftLeft(shift)))
                : exact.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-shift)));
        return round(decimal.signum() < 0 ? exact.negate() : exact);
    }

    /** Rounds an exact (dyadic) value to the extended format. */
    public static Value round(BigDecimal exact) {
        if (exact.signum() == 0) {
            return Value.ZERO;
        }
        Dyadic d = Dyadic.of(exact);
        Dyadic r64 = d.roundTo(SIGNIFICAND_BITS);
        Dyadic r53 = r64.roundTo(DOUBLE_BITS);
        double hi = r53.toDouble();
        double lo = r64.subtract(r53).toDouble();
        return new Value(hi, lo);
    }

    /** {@code mantissa · 2^exponent}, exactly. */
    private record Dyadic(BigInteger mantissa, int exponent) {
        private static final BigInteger FIVE = BigInteger.valueOf(5);

        static Dyadic of(BigDecimal x) {
            BigInteger u = x.unscaledValue();
            int scale = x.scale();
            if (scale <= 0) {
                return new Dyadic(u.multiply(BigInteger.TEN.pow(-scale)), 0);
            }
            BigInteger[] qr = u.divideAndRemainder(FIVE.pow(scale));
            if (qr[1].signum() != 0) {
                throw new IllegalArgumentException("not a dyadic rational: " + x);
            }
            return new Dyadic(qr[0], -scale);
        }

        Dyadic roundTo(int bits) {
            int excess = mantissa.abs().bitLength() - bits;
            if (excess <= 0) {
                return this;
            }
            BigInteger abs = mantissa.abs();
            BigInteger q = abs.shiftRight(excess);
            BigInteger rem = abs.subtract(q.shiftLeft(excess));
            BigInteger half = BigInteger.ONE.shiftLeft(excess - 1);
            int c = rem.compareTo(half);
            if (c > 0 || (c == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            return new Dyadic(mantissa.signum() < 0 ? q.negate() : q, exponent + excess);
        }

        Dyadic subtract(Dyadic o) {
            int e = Math.min(exponent, o.exponent);
            BigInteger a = mantissa.shiftLeft(exponent - e);
            BigInteger b = o.mantissa.shiftLeft(o.exponent - e);
            return new Dyadic(a.subtract(b), e);
        }

        /** Exact when the mantissa has at most 53 significant bits. */
        double toDouble() {
            if (mantissa.signum() == 0) {
                return 0.0;
            }
            return Math.scalb(mantissa.doubleValue(), exponent);
        }
    }
}
