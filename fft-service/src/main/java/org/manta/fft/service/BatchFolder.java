package org.manta.fft.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.Workspace;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Segment;

/**
 * Folds one batch of {@code manta.segments} record values into one partial accumulator per job (tree
 * level 1, design.md §2): histogram, real FFT and accumulate per segment, through
 * {@link MeshPartial#fold}. A segment that cannot be used (unreadable, or inconsistent with its job's
 * other segments) fails its job: the job's partial of this batch is dropped and the job is reported,
 * the other jobs go on. Holds the worker's FFT plan and buffers between batches; not thread-safe.
 */
public final class BatchFolder {
    /** What a batch produced: partials to publish and jobs to fail (job id → reason). */
    public record Result(List<PartialAccumulator> partials, Map<String, String> failedJobs, long segments,
                         long usedSegments) {
    }

    private final Workspace workspace = new Workspace();

    /**
     * @param keys   record keys ({@code "<job id>/<segment index>"}), parallel to {@code values}
     * @param values record values (serialised {@code Segment}s)
     */
    public Result fold(List<String> keys, List<byte[]> values) {
        Map<String, MeshPartial> partials = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        long segments = 0;
        long used = 0;
        for (int i = 0; i < values.size(); i++) {
            String jobId = Keys.jobOf(keys.get(i) == null ? "" : keys.get(i));
            if (failed.containsKey(jobId)) {
                continue;
            }
            try {
                Segment s = RecordCodec.segment(values.get(i));
                MeshPartial p = partials.get(jobId);
                if (p == null) {
                    p = MeshPartial.empty(jobId, s.getKind(), MeshPartial.specOf(s), s.getPerSegmentSums());
                    partials.put(jobId, p);
                }
                if (p.fold(s, workspace)) {
                    used++;
                }
                segments++;
            } catch (RuntimeException e) {
                partials.remove(jobId);
                failed.put(jobId, "fft-service: cannot fold segment record " + keys.get(i) + ": " + e.getMessage());
            }
        }
        List<PartialAccumulator> out = new ArrayList<>(partials.size());
        for (MeshPartial p : partials.values()) {
            out.add(p.toProto(true));
        }
        return new Result(out, failed, segments, used);
    }
}
