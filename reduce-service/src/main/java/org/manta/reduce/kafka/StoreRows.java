package org.manta.reduce.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.manta.proto.v1.SegmentRow;
import org.manta.reduce.service.RowStore;

/** DYNPS rows in a key-value store under {@code "<job id>/<19-digit segment index>"} (so keys sort by index). */
final class StoreRows implements RowStore {
    private final KeyValueStore<String, byte[]> store;

    StoreRows(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    static String key(String jobId, long segmentIndex) {
        return jobId + "/" + String.format("%019d", segmentIndex);
    }

    @Override
    public void put(String jobId, SegmentRow row) {
        store.put(key(jobId, row.getSegmentIndex()), row.toByteArray());
    }

    @Override
    public List<SegmentRow> rows(String jobId) {
        List<SegmentRow> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(jobId + "/", new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                try {
                    out.add(SegmentRow.parseFrom(kv.value));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new org.manta.mesh.common.kafka.BadRecordException("DYNPS row " + kv.key + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    @Override
    public void deleteAll(String jobId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(jobId + "/", new StringSerializer())) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        keys.forEach(store::delete);
    }

}
