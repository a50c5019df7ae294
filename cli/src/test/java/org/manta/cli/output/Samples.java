package org.manta.cli.output;

import java.time.Instant;
import java.util.List;

/** Products used by the writer tests. */
final class Samples {
    private Samples() {
    }

    static Provenance provenance() {
        return new Provenance("manta", "9.9.9-test", "manta pds 'my file.evt' --dt 1/512 " + "x".repeat(150),
                List.of(new Provenance.InputFile("data/my file.evt", "ab".repeat(32), 12345)),
                Instant.parse("2026-11-26T06:28:00Z"));
    }

    /** Doubles that stress shortest round-trip printing. */
    static final double[] AWKWARD = {0.1, 1.0 / 3, 2.0 / 3, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -0.0, 0.0,
        80000000.23635569, 1.0 / 512, 5e-324, 123456789012345678.0, Math.PI, -Math.E};

    /** A cross-spectrum-like product with every field type, including non-finite values. */
    static Product crossSpectrum() {
        int n = 6;
        double[] freq = new double[n];
        double[] re = new double[n];
        double[] im = new double[n];
        double[] lag = new double[n];
        for (int i = 0; i < n; i++) {
            freq[i] = (i + 1) / 64.0;
            re[i] = Math.cos(i) / 3;
            im[i] = Math.sin(i) / 7;
            lag[i] = 1e-3 * (i - 2.5);
        }
        lag[1] = Double.NaN;
        im[2] = Double.POSITIVE_INFINITY;
        re[3] = Double.NEGATIVE_INFINITY;
        return Product.builder(ProductKind.CROSS_SPECTRUM)
                .array("freq", freq)
                .complex("power", re, im)
                .array("time_lag", lag)
                .array("awkward", AWKWARD)
                .integer("m", 16)
                .integer("n", 8192)
                .real("df", 1.0 / 64)
                .real("dt", 1.0 / 512)
                .real("nphots", 1000)
                .real("segment_size", 64.0)
                .real("mean", Double.NaN)
                .real("variance", Double.NEGATIVE_INFINITY)
                .text("norm", "frac")
                .gti("gti", new double[][] {{80000000.0, 80000512.0}, {80000600.5, 80001025.0}})
                .provenance(provenance())
                .build();
    }

    /** A dynamical-power-spectrum-like product: 4 frequencies x 3 times. */
    static Product dynamical() {
        double[][] dyn = new double[4][3];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                dyn[i][j] = 10 * i + j + 0.5;
            }
        }
        dyn[2][1] = Double.NaN;
        return Product.builder(ProductKind.DYNAMICAL_POWER_SPECTRUM)
                .array("freq", new double[] {0.25, 0.5, 0.75, 1.0})
                .array("time", new double[] {32.0, 96.0, 160.0})
                .matrix("dyn_ps", dyn)
                .real("dt", 0.0625)
                .text("norm", "leahy")
                .gti("gti", new double[][] {{0, 192}})
                .provenance(provenance())
                .build();
    }
}
