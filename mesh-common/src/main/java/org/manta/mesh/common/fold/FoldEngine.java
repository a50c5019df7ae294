package org.manta.mesh.common.fold;

import java.util.LinkedHashMap;
import java.util.Map;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.proto.v1.ProductKind;

/**
 * Where a worker's segments become partials: on the CPU ({@link #cpu()}: {@link MeshPartial#fold} through a
 * {@link SegmentKernel}, fft-service) or on a device (gpu-service's GPU engine). {@link BatchFolder} does
 * everything else (records, plans, input files, failures, DYNPS cuts) the same for both. One per worker
 * thread; not thread-safe.
 */
public interface FoldEngine {

    /** A fold of one job's segments in one batch. */
    JobFold open(String jobId, ProductKind kind, SegmentSpec spec, boolean perSegmentSums);

    /** The segments of one job folded so far, and the partial they make. */
    interface JobFold extends AutoCloseable {
        /**
         * Folds one segment, channels aligned (valid only during the call), with the core's per-segment rules.
         *
         * @throws org.manta.core.InvalidParameterException if the segment was folded already
         */
        void fold(SegmentSlice[] channels);

        /** Segments folded since the last {@link #take}. */
        long processed();

        /** At least the DYNPS rows the partial would hold now (when to cut one before it outgrows a record). */
        long rows();

        /** The partial of the segments folded since the last take; the fold starts empty again. */
        MeshPartial take();

        /** Releases what the fold holds (device buffers). */
        @Override
        void close();
    }

    /** The CPU engine: one {@link SegmentKernel} (FFT plan, count buffers) for each of the last {@value CpuFolds#KERNELS_KEPT} layouts. */
    static FoldEngine cpu() {
        return new CpuFolds();
    }

    /** The CPU engine's folds: a {@link MeshPartial} folded through a kernel. */
    final class CpuFolds implements FoldEngine {
        /** Segment layouts whose kernel (up to a few times 32 MiB at the largest layout) is kept. */
        public static final int KERNELS_KEPT = 2;
        private final Map<SegmentSpec, SegmentKernel> kernels = new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SegmentSpec, SegmentKernel> eldest) {
                return size() > KERNELS_KEPT;
            }
        };

        @Override
        public JobFold open(String jobId, ProductKind kind, SegmentSpec spec, boolean perSegmentSums) {
            SegmentKernel kernel = kernels.computeIfAbsent(spec, SegmentKernel::new);
            return new KernelFold(() -> MeshPartial.empty(jobId, kind, spec, perSegmentSums), kernel);
        }
    }
}
