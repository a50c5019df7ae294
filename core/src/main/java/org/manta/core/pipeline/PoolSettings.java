package org.manta.core.pipeline;

import org.manta.core.InvalidParameterException;

/**
 * How many segment workers run in parallel and how many segments may wait for them (back-pressure:
 * the reader blocks when {@code queueDepth} segments are queued). The same setting sizes the embedded
 * pipeline and a mesh worker's pool.
 *
 * @param threads    worker threads, at least 1 (default: available processors)
 * @param queueDepth segments buffered between the reader and the workers, at least 1
 */
public record PoolSettings(int threads, int queueDepth) {
    public PoolSettings {
        if (threads < 1) {
            throw new InvalidParameterException("threads", threads, "at least 1");
        }
        if (queueDepth < 1) {
            throw new InvalidParameterException("queue depth", queueDepth, "at least 1");
        }
    }

    /** All available processors (or {@code manta.threads} if set), two queued segments per worker. */
    public static PoolSettings defaults() {
        int n = Integer.getInteger("manta.threads", Runtime.getRuntime().availableProcessors());
        return ofThreads(n);
    }

    public static PoolSettings ofThreads(int threads) {
        return new PoolSettings(threads, 2 * Math.max(1, threads));
    }
}
