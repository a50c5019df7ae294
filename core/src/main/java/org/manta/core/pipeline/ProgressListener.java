package org.manta.core.pipeline;

/** Receives progress of a segment job; called from worker threads, so implementations are thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    /** {@code done} segments of {@code total} have been processed. */
    void progress(long done, long total);
}
