package org.manta.cli.output;

import java.util.Objects;

/**
 * One value of a {@link Product}. Arrays are owned by the product once added: callers must not modify
 * them afterwards (no defensive copies are made, products can be large).
 */
public sealed interface Field
        permits Field.Real, Field.Int, Field.Bool, Field.Text, Field.RealArray, Field.ComplexArray, Field.Matrix, Field.GtiTable {

    /** A floating-point scalar (may be NaN or infinite; writers encode those explicitly). */
    record Real(double value) implements Field {
    }

    /** An integer scalar (counts such as {@code m}, {@code n}). */
    record Int(long value) implements Field {
    }

    /**
     * A yes/no scalar ({@code adaptive}, {@code is_compliant}, ...): a JSON {@code true}/{@code false}, a FITS logical
     * keyword ({@code T}/{@code F}), never the text "true" (which Python reads as true whatever it says).
     */
    record Bool(boolean value) implements Field {
    }

    /** A text scalar ({@code norm}, ...). */
    record Text(String value) implements Field {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A 1-D array, one value per frequency (or time) bin. */
    record RealArray(double[] values) implements Field {
        public RealArray {
            Objects.requireNonNull(values, "values");
        }

        public int length() {
            return values.length;
        }
    }

    /** A 1-D complex array as separate real and imaginary parts of equal length. */
    record ComplexArray(double[] re, double[] im) implements Field {
        public ComplexArray {
            Objects.requireNonNull(re, "re");
            Objects.requireNonNull(im, "im");
            if (re.length != im.length) {
                throw new IllegalArgumentException("complex array: re has " + re.length + " values, im " + im.length);
            }
        }

        public int length() {
            return re.length;
        }
    }

    /**
     * A rectangular 2-D array {@code rows[i][j]}; for dynamical spectra {@code i} is the frequency index and
     * {@code j} the time index (the {@code dyn_ps} layout of docs/cli.md).
     */
    record Matrix(double[][] rows) implements Field {
        public Matrix {
            Objects.requireNonNull(rows, "rows");
            int width = rows.length == 0 ? 0 : rows[0].length;
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null || rows[i].length != width) {
                    throw new IllegalArgumentException("matrix row " + i + " has "
                            + (rows[i] == null ? "no" : rows[i].length) + " values, expected " + width);
                }
            }
        }

        public int nRows() {
            return rows.length;
        }

        public int nColumns() {
            return rows.length == 0 ? 0 : rows[0].length;
        }
    }

    /** Good time intervals as {@code double[n][2]} ({@code [start, stop]} in MET seconds). */
    record GtiTable(double[][] intervals) implements Field {
        public GtiTable {
            Objects.requireNonNull(intervals, "intervals");
            for (int i = 0; i < intervals.length; i++) {
                if (intervals[i] == null || intervals[i].length != 2) {
                    throw new IllegalArgumentException("gti row " + i + ": expected [start, stop]");
                }
            }
        }

        public int size() {
            return intervals.length;
        }
    }
}
