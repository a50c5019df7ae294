package org.manta.core.spectrum;

import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.core.Numbers;
import org.manta.core.segment.SegmentSpec;

/**
 * Power colours and hue (science.md §15; Stingray {@code power_colors.py}, {@code fourier.integrate_power_in_frequency_range};
 * Heil, Uttley &amp; Klein-Wolt 2015, MNRAS 448, 3348). Given edges {@code f0 < f1 < f2 < f3 < f4} and
 * {@code V_ab} the noise-subtracted power integrated over {@code [f_a, f_b]}:
 * {@code PC0 = V01/V23}, {@code PC1 = V12/V34}.
 */
public final class PowerColors {
    /** Heil et al. (2015) edges, Hz: 1/256, 1/32, 0.25, 2, 16 (Stingray's default {@code freq_edges}). */
    private static final double[] HEIL_EDGES = {1.0 / 256, 1.0 / 32, 0.25, 2.0, 16.0};
    /** Centre of the hue wheel in the (PC0, PC1) plane, linear colours (Heil et al. 2015; Stingray's default). */
    public static final double HUE_CENTER_PC0 = 4.51920;
    /** See {@link #HUE_CENTER_PC0}. */
    public static final double HUE_CENTER_PC1 = 0.453724;
    /** Direction from which hue is measured: 3π/4 (a line at -45° in the log–log colour diagram). */
    public static final double HUE_REFERENCE_ANGLE = 3 * Math.PI / 4;

    private PowerColors() {
    }

    /** The two colours of one spectrum with their errors (linear, not log10). */
    public record PowerColor(double pc0, double pc0Err, double pc1, double pc1Err) {
        /** Hue of this point, radians ({@link PowerColors#hue}). */
        public double hue() {
            return PowerColors.hue(pc0, pc1);
        }
    }

    /** Power integrated over a frequency range and its 1σ error (variance, in the spectrum's rms norm × Hz). */
    public record IntegratedPower(double value, double error) {
    }

    /** A copy of the Heil et al. (2015) edges {@code [1/256, 1/32, 0.25, 2, 16]} Hz. */
    public static double[] heilEdges() {
        return HEIL_EDGES.clone();
    }

    /**
     * Power integrated over {@code [f0, f1]} (Stingray {@code integrate_power_in_frequency_range}, science.md §11.4):
     * bins with {@code ν + δν/2 > f0} and {@code ν - δν/2 < f1}; the first selected bin weighted by
     * {@code (ν_first + δν/2 - f0)/δν}, the last by {@code (f1 - ν_last + δν/2)/δν} (the last wins when they
     * are the same bin); value {@code Σ(P - P_noise)·w·δν}, error {@code √Σ(σ_P·w·δν)²}.
     *
     * @param freq         bin centres, Hz, ascending
     * @param power        powers
     * @param powerErr     their errors, or {@code null} for {@code P/√m}
     * @param df           bin width δν, Hz
     * @param m            powers averaged per bin (for the default errors)
     * @param poissonPower noise level subtracted from every power
     * @throws InvalidParameterException if no bin overlaps the range
     */
    public static IntegratedPower integrate(double[] freq, double[] power, double[] powerErr, double f0, double f1,
            double df, double m, double poissonPower) {
        int first = -1;
        int last = -1;
        for (int j = 0; j < freq.length; j++) {
            if (freq[j] + df / 2 > f0 && freq[j] - df / 2 < f1) {
                first = first < 0 ? j : first;
                last = j;
            }
        }
        if (first < 0) {
            throw new InvalidParameterException("frequency range", "[" + f0 + ", " + f1 + "]",
                    "a range overlapping the spectrum's bins");
        }
        double sqrtM = Math.sqrt(m);
        double value = 0;
        double variance = 0;
        for (int j = first; j <= last; j++) {
            double weight = 1.0;
            if (j == last) {
                weight = (f1 - freq[j] + 0.5 * df) / df;
            } else if (j == first) {
                weight = (freq[j] + 0.5 * df - f0) / df;
            }
            double width = df * weight;
            double err = powerErr == null ? power[j] / sqrtM : powerErr[j];
            value += (power[j] - poissonPower) * width;
            variance += (err * width) * (err * width);
        }
        return new IntegratedPower(value, Math.sqrt(variance));
    }

    /**
     * The two power colours of one spectrum (Stingray {@code power_color(freq, power, power_err, freq_edges,
     * df, m, poisson_power)}): {@code PC0 = V01/V23}, {@code PC1 = V12/V34}, errors
     * {@code PC·(δV_a/V_a + δV_b/V_b)} (a linear sum of relative errors, as Stingray).
     *
     * @param edges five ascending edges, Hz, inside {@code [ν_0 - δν/2, ν_last + δν/2]}
     * @throws InvalidParameterException if the edges are not five ascending positive values within the spectrum
     */
    public static PowerColor of(double[] freq, double[] power, double[] powerErr, double[] edges, double df, double m,
            double poissonPower) {
        return of(freq, power, powerErr, edges, df, m, poissonPower, List.of());
    }

    /**
     * As {@link #of(double[], double[], double[], double[], double, double, double)} with Stingray's
     * {@code freqs_to_exclude} (e.g. a QPO): for each range {@code (a, b)}, the powers of the bins lying
     * entirely inside it ({@code ν - δν/2 > a} and {@code ν + δν/2 < b}) are replaced by the mean of the powers at
     * {@code searchsorted(freq, a)} and {@code searchsorted(freq, b)}; the default errors {@code P/√m} are those
     * of the original powers, as in Stingray. {@code power} is not modified.
     *
     * @param exclude frequency ranges to bridge; each must end below the last frequency
     */
    public static PowerColor of(double[] freq, double[] power, double[] powerErr, double[] edges, double df, double m,
            double poissonPower, List<FrequencyRange> exclude) {
        requireEdges(edges, freq[0] - df / 2, freq[freq.length - 1] + df / 2, df);
        double[] err = powerErr;
        double[] p = power;
        if (!exclude.isEmpty()) {
            if (err == null) {
                err = new double[power.length];
                for (int j = 0; j < err.length; j++) {
                    err[j] = power[j] / Math.sqrt(m);
                }
            }
            p = power.clone();
            for (FrequencyRange range : exclude) {
                bridge(freq, p, df, range);
            }
        }
        IntegratedPower v01 = integrate(freq, p, err, edges[0], edges[1], df, m, poissonPower);
        IntegratedPower v23 = integrate(freq, p, err, edges[2], edges[3], df, m, poissonPower);
        IntegratedPower v12 = integrate(freq, p, err, edges[1], edges[2], df, m, poissonPower);
        IntegratedPower v34 = integrate(freq, p, err, edges[3], edges[4], df, m, poissonPower);
        double pc0 = v01.value() / v23.value();
        double pc1 = v12.value() / v34.value();
        double pc0Err = pc0 * (v01.error() / v01.value() + v23.error() / v23.value());
        double pc1Err = pc1 * (v12.error() / v12.value() + v34.error() / v34.value());
        return new PowerColor(pc0, pc0Err, pc1, pc1Err);
    }

    /** Replaces the powers of the bins inside {@code range} by the mean of the powers at its two ends (in place). */
    private static void bridge(double[] freq, double[] power, double df, FrequencyRange range) {
        requireEndsInside(range, freq[freq.length - 1]);
        int i0 = searchSorted(freq, range.lo());
        int i1 = searchSorted(freq, range.hi());
        double fill = (power[i0] + power[i1]) / 2;
        for (int j = 0; j < freq.length; j++) {
            if (freq[j] - df / 2 > range.lo() && freq[j] + df / 2 < range.hi()) {
                power[j] = fill;
            }
        }
    }

    /** numpy {@code searchsorted(a, v)} (side "left"): the first index with {@code a[i] >= v}. */
    private static int searchSorted(double[] a, double v) {
        int i = Arrays.binarySearch(a, v);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && a[i - 1] == v) {
            i--;
        }
        return i;
    }

    /**
     * Hue of a point of the colour–colour diagram, radians (Stingray {@code hue_from_power_color}): the angle,
     * measured clockwise from the line at -45° through the centre, {@code 3π/4 - atan2(log10 PC1 - log10 c1,
     * log10 PC0 - log10 c0)} with {@code c = (4.51920, 0.453724)}. Not wrapped: it lies in {@code (-π/4, 7π/4]}.
     * NaN when a colour is not positive.
     *
     * @param pc0 first colour (linear)
     * @param pc1 second colour (linear)
     */
    public static double hue(double pc0, double pc1) {
        return HUE_REFERENCE_ANGLE - Math.atan2(Math.log10(pc1) - Math.log10(HUE_CENTER_PC1),
                Math.log10(pc0) - Math.log10(HUE_CENTER_PC0));
    }

    /** Hue in degrees within {@code [0, 360)}, as Stingray's {@code plot_hues} draws it ({@code degrees(hue mod 2π)}). */
    public static double hueDegrees(double hueRadians) {
        double wrapped = hueRadians % (2 * Math.PI);
        if (wrapped < 0) {
            wrapped += 2 * Math.PI;
        }
        return Math.toDegrees(wrapped);
    }

    /**
     * Checks excluded ranges against the spectrum of segments of {@code segment}, before the segments are made: the
     * same rule and message as {@link #of} applies to the spectrum itself (each range ends at or below its last
     * frequency, {@code nFreq·df}).
     *
     * @throws InvalidParameterException naming the first range that ends above the last frequency
     */
    public static void requireExcluded(List<FrequencyRange> exclude, SegmentSpec segment) {
        for (FrequencyRange range : exclude) {
            requireEndsInside(range, segment.nFreq() * segment.df());   // the frequencies are j·df, j = 1..nFreq
        }
    }

    /** Stingray bridges a range with the power at {@code searchsorted(freq, hi)}: there must be one. */
    private static void requireEndsInside(FrequencyRange range, double lastFreq) {
        if (range.hi() > lastFreq) {
            throw new InvalidParameterException("excluded range", range.lo() + ":" + range.hi(),
                    "a range ending below the last frequency, " + lastFreq + " Hz");
        }
    }

    /**
     * Checks five frequency edges against the spectrum of segments of {@code segment}, before the segments are
     * made: the same rule and message as {@link #of} applies to the spectrum itself.
     *
     * @throws InvalidParameterException if the edges are not five ascending positive values within the spectrum
     */
    public static void requireEdges(double[] edges, SegmentSpec segment) {
        double df = segment.df();
        requireEdges(edges, df / 2, segment.nFreq() * df + df / 2, df);    // the frequencies are j·df, j = 1..nFreq
    }

    /**
     * Checks that the default edges ({@link #heilEdges}, 1/256 to 16 Hz) lie within the spectrum of segments of
     * {@code segment}, before the segments are made, in the words of the options the user gave: F0 needs segments
     * of at least {@code 1/(2 F0)} = 128 s, F4 a bin time of at most {@code 1/(2 F4 + 1/segment)}.
     *
     * @throws InvalidParameterException naming the segment length or the bin time that does not reach them
     */
    public static void requireHeilEdges(SegmentSpec segment) {
        double df = segment.df();
        String why = "for the default frequency edges (Heil et al. 2015: 1/256,1/32,0.25,2,16 Hz), or give --freq-edges";
        if (HEIL_EDGES[0] < df / 2) {
            throw new InvalidParameterException("segment", Numbers.compact(segment.segmentSize()), String.format(
                    Locale.ROOT, "at least 1/(2 F0) = %s s %s", Numbers.compact(1 / (2 * HEIL_EDGES[0])), why));
        }
        if (HEIL_EDGES[4] > segment.nFreq() * df + df / 2) {
            throw new InvalidParameterException("dt", Numbers.compact(segment.dt()), String.format(Locale.ROOT,
                    "at most 1/(2 F4 + 1/segment) = %.6g s %s", 1 / (2 * HEIL_EDGES[4] + df), why));
        }
    }

    /**
     * The edges within {@code [low, high]}: the spectrum's first bin's lower and last bin's upper end, Hz, for bins
     * of {@code df}: {@code low = df/2} needs segments of at least {@code 1/(2 F0)}, {@code high = 1/(2 dt) - df/2}
     * (even N) a bin time of at most {@code 1/(2 F4 + df)}.
     */
    private static void requireEdges(double[] edges, double low, double high, double df) {
        if (edges.length != 5) {
            throw new InvalidParameterException("freq_edges", Arrays.toString(edges), "5 frequencies, Hz");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!(edges[i] > 0) || (i > 0 && !(edges[i] > edges[i - 1])) || Double.isInfinite(edges[i])) {
                throw new InvalidParameterException("freq_edges", Arrays.toString(edges),
                        "5 positive, strictly ascending frequencies, Hz");
            }
        }
        if (edges[0] < low) {
            throw new InvalidParameterException("freq-edges F0", edges[0], String.format(Locale.ROOT, "at least the "
                    + "lowest frequency of the spectrum, %.6g Hz (segments of at least 1/(2 F0) = %.6g s, or other "
                    + "--freq-edges)", low, 1 / (2 * edges[0])));
        }
        if (edges[4] > high) {
            throw new InvalidParameterException("freq-edges F4", edges[4], String.format(Locale.ROOT, "at most the "
                    + "highest frequency of the spectrum, %.6g Hz (a bin time of at most 1/(2 F4 + 1/segment) = %.6g s, or "
                    + "other --freq-edges)", high, 1 / (2 * edges[4] + df)));
        }
    }
}
