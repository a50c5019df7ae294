package org.manta.reduce.service;

import java.util.List;
import org.manta.proto.v1.SegmentRow;

/** Where the reducer keeps the DYNPS rows of unfinished jobs (a Kafka Streams store; a map in tests). */
public interface RowStore {
    void put(String jobId, SegmentRow row);

    /** Every row of the job, in segment-index order. */
    List<SegmentRow> rows(String jobId);

    void deleteAll(String jobId);
}
