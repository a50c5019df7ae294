package org.manta.core.io;

/** Numeric FITS table columns (as nom-tam-fits returns them) as doubles. */
public final class FitsArrays {
    private FitsArrays() {
    }

    /**
     * A 1-D column of doubles, floats, longs, ints or shorts as a {@code double[]} (the same array for doubles).
     *
     * @throws IllegalArgumentException naming the type when the column is not numeric
     */
    public static double[] toDoubles(Object column) {
        if (column instanceof double[] d) {
            return d;
        }
        double[] out;
        switch (column) {
            case float[] f -> {
                out = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = f[i];
                }
            }
            case long[] l -> {
                out = new double[l.length];
                for (int i = 0; i < l.length; i++) {
                    out[i] = l[i];
                }
            }
            case int[] a -> {
                out = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    out[i] = a[i];
                }
            }
            case short[] s -> {
                out = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    out[i] = s[i];
                }
            }
            default -> throw new IllegalArgumentException("a column of " + column.getClass().getSimpleName()
                    + ": expected real numbers");
        }
        return out;
    }
}
