package org.manta.reduce.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.manta.core.MantaException;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.PartialSize;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * Tree level 2 (design.md §2.1): merges the fft workers' partials of one batch per job, so the final
 * merge of a job sees one partial per combiner batch instead of one per worker transaction. Each incoming
 * partial is decoded once and added to the job's combined partial (the cost of one state); nothing is
 * kept between batches. A partial whose segments a combined one holds already (a redelivery) is dropped;
 * one that overlaps it only partly is kept apart and passed on as it is, for the final merge to reject
 * (exactly-once would have been broken upstream). DYNPS rows are combined only up to a bound (half the record
 * limit of {@code manta.combined} by default), so a combined DYNPS partial stays a record: more rows start another
 * combined partial. An unreadable partial fails its job. Not thread-safe.
 */
public final class PartialCombiner {
    /**
     * What one batch produced.
     *
     * @param combined   the combined partials, at least one per job of the batch
     * @param failedJobs jobs to fail (job id → reason)
     * @param partials   partials read
     * @param duplicates partials dropped as redeliveries
     */
    public record Result(List<PartialAccumulator> combined, Map<String, String> failedJobs, long partials,
                         long duplicates) {
    }

    private final long maxPartialBytes;

    /** Combines DYNPS rows up to {@link PartialSize#DYNPS_CUT_BYTES} per combined partial. */
    public PartialCombiner() {
        this(PartialSize.DYNPS_CUT_BYTES);
    }

    /** @param maxPartialBytes a DYNPS partial takes no more rows once they reach this size: another one starts */
    public PartialCombiner(long maxPartialBytes) {
        this.maxPartialBytes = maxPartialBytes;
    }

    /** Combines one batch of {@code manta.partials} record values. */
    public Result combine(List<byte[]> values) {
        Map<String, List<MeshPartial>> jobs = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        long duplicates = 0;
        for (byte[] value : values) {
            MeshPartial p;
            PartialAccumulator wire;
            try {
                wire = RecordCodec.partial(value);
                p = MeshPartial.fromProto(wire);
            } catch (MantaException | IllegalArgumentException e) {
                String job = jobOf(value);
                failed.putIfAbsent(job, "reduce-service: unusable partial accumulator: " + e.getMessage());
                continue;
            }
            if (failed.containsKey(p.jobId())) {
                continue;
            }
            List<MeshPartial> groups = jobs.computeIfAbsent(p.jobId(), k -> new ArrayList<>());
            if (groups.stream().anyMatch(g -> g.covers(p))) {
                duplicates++;
                continue;
            }
            MeshPartial into = null;
            for (MeshPartial g : groups) {
                if (!g.overlaps(p) && fits(g, p)) {
                    into = g;
                    break;
                }
            }
            try {
                if (into == null) {
                    groups.add(p);
                } else {
                    into.merge(p);
                }
            } catch (MantaException e) {
                groups.add(p);      // incompatible layouts: the final merge rejects the job with the reason
            }
        }
        List<PartialAccumulator> out = new ArrayList<>();
        for (Map.Entry<String, List<MeshPartial>> e : jobs.entrySet()) {
            if (failed.containsKey(e.getKey())) {
                continue;
            }
            for (MeshPartial g : e.getValue()) {
                out.add(g.toProto(true));
            }
        }
        return new Result(out, failed, values.size(), duplicates);
    }

    /** Whether {@code p} merged into {@code g} stays a record: DYNPS rows grow with every merge, sums do not. */
    private boolean fits(MeshPartial g, MeshPartial p) {
        return g.kind() != ProductKind.DYNPS
                || g.usedCount() + p.usedCount() <= PartialSize.rowsWithin(g.spec().nFreq(), maxPartialBytes);
    }

    /** The job id of a record that does not parse as a whole, if its job id does. */
    private static String jobOf(byte[] value) {
        try {
            return PartialAccumulator.parseFrom(value).getJobId();
        } catch (Exception e) {
            return "";
        }
    }
}
