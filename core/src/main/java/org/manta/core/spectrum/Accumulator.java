package org.manta.core.spectrum;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collector;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;

/**
 * A mergeable aggregate of per-segment spectra (style.md §3): segments are added one at a time
 * (the {@code add} method is type-specific), partial accumulators built over disjoint sets of
 * segments are merged with {@link #combine}, and {@code result(norm)} finalises. Normalisation
 * happens only in {@code result}. {@code combine} is associative and commutative up to
 * floating-point reassociation of the sums; it checks that both sides have the same segment
 * layout (N, dt) and saw disjoint segments. One accumulator per thread: not thread-safe.
 *
 * @param <A> the accumulator type itself
 * @param <R> the product its {@code result} makes
 */
public interface Accumulator<A extends Accumulator<A, R>, R> {

    /** Segment layout (bin time, bins per segment) shared by everything added. */
    SegmentSpec spec();

    /**
     * Merges {@code other} into this accumulator and returns {@code this}. {@code other} is not
     * modified. An empty accumulator is neutral.
     *
     * @throws org.manta.core.IncompatibleSpectraException if N or dt differ, or if both hold the same
     *         segment index (this accumulator is then unchanged)
     */
    A combine(A other);

    /** An independent copy. */
    A copy();

    /** The indices of the segments used so far (a copy), ascending. */
    SegmentSet segments();

    /** Number of segments used so far (skipped segments are not counted). */
    default int segmentCount() {
        return Math.toIntExact(segments().count());
    }

    /** Whether no segment has been used yet. */
    default boolean isEmpty() {
        return segmentCount() == 0;
    }

    /**
     * The finished product in the given normalisation.
     *
     * @throws org.manta.core.NoDataException if no segment was used
     */
    R result(Normalization norm);

    /** Adds one stream element to an accumulator, using the caller's FFT plan. */
    @FunctionalInterface
    interface Adder<A, T> {
        void add(A accumulator, T element, RealFft fft);
    }

    /**
     * A {@link Collector} over segment elements built from an accumulator type: every container the
     * stream creates holds its own accumulator and its own lazily created {@link RealFft} plan, the
     * combiner is {@link #combine}, and the finisher makes the product. Works with parallel streams
     * (one container per sub-task, so no plan is shared between threads).
     *
     * @param empty  new empty accumulator
     * @param add    how one element is added
     * @param finish how the product is made (e.g. {@code a -> a.result(norm)})
     */
    static <T, A extends Accumulator<A, R>, R> Collector<T, ?, R> collector(Supplier<A> empty, Adder<A, T> add,
            Function<A, R> finish) {
        final class Container {
            final A accumulator = empty.get();
            RealFft fft;

            void accept(T element) {
                if (fft == null) {
                    fft = new RealFft(accumulator.spec().nbin());
                }
                add.add(accumulator, element, fft);
            }

            Container merge(Container other) {
                accumulator.combine(other.accumulator);
                return this;
            }
        }
        return Collector.of(Container::new, Container::accept, Container::merge, c -> finish.apply(c.accumulator),
                Collector.Characteristics.UNORDERED);
    }
}
