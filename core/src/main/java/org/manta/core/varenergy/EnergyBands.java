package org.manta.core.varenergy;

import java.util.Arrays;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;

/**
 * The subject bands of a variability-versus-energy spectrum: consecutive half-open intervals
 * {@code [E_i, E_{i+1})} between ascending edges (Stingray's {@code energy_spec} given as a list of edges,
 * science.md §13). The edges are owned by the record: do not modify them.
 *
 * @param edges {@code E_0 < E_1 < … < E_n}, keV or PI channel; at least two
 * @param onPi  true: the edges are PI channels; false: energies in keV
 */
public record EnergyBands(double[] edges, boolean onPi) {
    public EnergyBands {
        if (edges.length < 2) {
            throw new InvalidParameterException("bands", Arrays.toString(edges), "at least two edges E0,E1");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
                throw new InvalidParameterException("bands", Arrays.toString(edges),
                        "finite, strictly ascending edges (edge " + i + " = " + edges[i] + ")");
            }
        }
    }

    /** Bands on energy (keV) edges. */
    public static EnergyBands energy(double... edges) {
        return new EnergyBands(edges.clone(), false);
    }

    /** Number of bands, {@code edges.length - 1}. */
    public int count() {
        return edges.length - 1;
    }

    /** Band {@code i} as a selection. */
    public EnergyBand band(int i) {
        return new EnergyBand(edges[i], edges[i + 1], onPi);
    }

    /**
     * The band that holds {@code value} ({@code E_i <= value < E_{i+1}}), or -1 (outside every band, or NaN).
     * A bisection: O(log n).
     */
    public int indexOf(double value) {
        if (!(value >= edges[0] && value < edges[edges.length - 1])) {
            return -1;
        }
        int lo = 0;
        int hi = edges.length - 1;     // edges[lo] <= value < edges[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (value >= edges[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The intervals {@code [[E_0, E_1], [E_1, E_2], …]} (Stingray {@code energy_intervals}), new arrays. */
    public double[][] intervals() {
        double[][] out = new double[count()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {edges[i], edges[i + 1]};
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnergyBands b && onPi == b.onPi && Arrays.equals(edges, b.edges);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Boolean.hashCode(onPi);
    }

    @Override
    public String toString() {
        return (onPi ? "PI " : "") + Arrays.toString(edges) + (onPi ? "" : " keV");
    }
}
