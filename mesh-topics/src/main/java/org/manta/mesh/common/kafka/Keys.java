package org.manta.mesh.common.kafka;

/**
 * Record keys of the mesh topics (declared with the topics in {@code org.manta.mesh.Topics}): the
 * job id, or {@code "<job id>/<index>"} for work units, partials and product pieces.
 */
public final class Keys {
    private Keys() {
    }

    /** {@code manta.units} key: one job's units spread over every partition. */
    public static String unit(String jobId, long unitIndex) {
        return jobId + "/" + unitIndex;
    }

    /**
     * {@code manta.partials} key: {@code "<job id>/<shard>"}, so one job's partials spread over the
     * partitions and the combiners (tree level 2); the shard is e.g. the first segment index of the partial.
     */
    public static String shard(String jobId, long shard) {
        return jobId + "/" + shard;
    }

    /** {@code manta.products} key. */
    public static String productPiece(String jobId, int pieceIndex) {
        return jobId + "/" + pieceIndex;
    }

    /** The job id of any mesh key (the part before the first '/'). */
    public static String jobOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }
}
