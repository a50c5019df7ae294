package org.manta.core.fourier;

import org.manta.core.InvalidParameterException;

/**
 * An array of complex numbers stored as two parallel double arrays (the layout of the reference
 * JSON's {@code {"re": [...], "im": [...]}}). Arrays are owned by the record: do not modify them.
 *
 * @param re real parts
 * @param im imaginary parts, same length
 */
public record ComplexArray(double[] re, double[] im) {
    public ComplexArray {
        if (re.length != im.length) {
            throw new InvalidParameterException("im.length", im.length, "the length of re, " + re.length);
        }
    }

    public static ComplexArray zeros(int length) {
        return new ComplexArray(new double[length], new double[length]);
    }

    public int length() {
        return re.length;
    }

    /** Squared modulus {@code |z_i|² = re² + im²}. */
    public double abs2(int i) {
        return re[i] * re[i] + im[i] * im[i];
    }

    /** Argument {@code atan2(im, re)} in {@code (-π, π]} (numpy {@code angle}). */
    public double arg(int i) {
        return Math.atan2(im[i], re[i]);
    }
}
