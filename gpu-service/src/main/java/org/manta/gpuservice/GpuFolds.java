package org.manta.gpuservice;

import org.manta.core.InvalidParameterException;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.gpu.BatchAccumulator;
import org.manta.gpu.GpuSegmentEngine;
import org.manta.mesh.common.fold.FoldEngine;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.proto.v1.ProductKind;

/**
 * The GPU {@link FoldEngine}: a job's segments of a batch go into a {@link BatchAccumulator} on the worker's
 * device (many segments per launch); the partial is made from the accumulator it returns and the processed
 * segments kept here ({@link MeshPartial#of}), so the reducer gets the same partials as from fft-service,
 * up to the FFT's rounding. The device buffers live from a job's first segment in a batch to its partial.
 */
final class GpuFolds implements FoldEngine {
    private final GpuSegmentEngine engine;

    GpuFolds(GpuSegmentEngine engine) {
        this.engine = engine;
    }

    @Override
    public JobFold open(String jobId, ProductKind kind, SegmentSpec spec, boolean perSegmentSums) {
        return new Fold(jobId, JobSpecs.kind(kind), spec, perSegmentSums);
    }

    private final class Fold implements JobFold {
        final String jobId;
        final SpectrumKind kind;
        final SegmentSpec spec;
        final boolean perSegmentSums;
        BatchAccumulator acc;
        SegmentSet processed = SegmentSet.empty();
        long events1;
        long events2;

        Fold(String jobId, SpectrumKind kind, SegmentSpec spec, boolean perSegmentSums) {
            this.jobId = jobId;
            this.kind = kind;
            this.spec = spec;
            this.perSegmentSums = perSegmentSums;
        }

        @Override
        public void fold(SegmentSlice[] channels) {
            long index = channels[0].index;
            if (processed.contains(index)) {
                throw new InvalidParameterException("segment index", index, "a segment not folded yet into this partial");
            }
            if (acc == null) {
                acc = new BatchAccumulator(engine.device(), engine.layout(spec, kind), perSegmentSums,
                        ProgressListener.NONE, 0);
            }
            acc.add(channels);
            processed.add(index);
            events1 += channels[0].count;
            events2 += kind.channels() > 1 ? channels[1].count : 0;
        }

        @Override
        public long processed() {
            return processed.count();
        }

        @Override
        public long rows() {
            return processed.count();
        }

        @Override
        public MeshPartial take() {
            MeshPartial p;
            if (acc == null) {
                p = MeshPartial.empty(jobId, JobSpecs.kind(kind), spec, perSegmentSums);
            } else {
                p = switch (kind) {
                    case PDS -> MeshPartial.of(jobId, processed, events1, acc.power());
                    case CPDS -> MeshPartial.of(jobId, processed, events1, events2, acc.cross());
                    default -> MeshPartial.of(jobId, processed, events1, acc.dynamical());
                };
                acc.close();
                acc = null;
            }
            processed = SegmentSet.empty();
            events1 = 0;
            events2 = 0;
            return p;
        }

        @Override
        public void close() {
            if (acc != null) {
                acc.close();
                acc = null;
            }
        }
    }
}
