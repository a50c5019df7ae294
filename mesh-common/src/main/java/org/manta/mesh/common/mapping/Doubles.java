package org.manta.mesh.common.mapping;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** A {@code double[]} seen as a read-only {@code List<Double>}, for protobuf's {@code addAll...}. */
final class Doubles extends AbstractList<Double> implements RandomAccess {
    private final double[] values;

    private Doubles(double[] values) {
        this.values = values;
    }

    static List<Double> of(double[] values) {
        return new Doubles(values);
    }

    @Override
    public Double get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }
}
