package org.manta.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.manta.core.MantaException;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;

/**
 * Runs a segment job on a bounded pool: the calling thread pulls segments from one stream per
 * channel (the streaming reader behind them is the only producer), queues them with back-pressure,
 * and {@code threads} workers fold them into per-thread partials that are combined at the end.
 *
 * <p>Segment {@code k} always goes to worker {@code k mod threads} and the partials are combined in
 * worker order, so a run is bit-for-bit reproducible for a given thread count; different thread counts
 * differ only by floating-point summation order (the accumulators' combine is associative and
 * commutative). Segment buffers are recycled through a free list, so the steady state allocates nothing
 * per segment.
 */
public final class SegmentPipeline {
    private SegmentPipeline() {
    }

    /**
     * @param streams  one stream per channel over the same segment starts (1 for a power spectrum,
     *                 2 for a cross spectrum)
     * @param workers  makes one worker per thread
     * @param combine  merges two partials (associative, commutative)
     * @param settings pool size and queue depth
     * @param progress told after each processed segment
     * @return the combined partial of all workers
     */
    public static <P> P run(List<SegmentEventStream> streams, Supplier<? extends SegmentWorker<P>> workers,
                            BinaryOperator<P> combine, PoolSettings settings, ProgressListener progress) {
        int channels = streams.size();
        long total = streams.get(0).segmentCount();
        int slots = settings.queueDepth() + settings.threads() + 1;
        BlockingQueue<SegmentSlice[]> free = new ArrayBlockingQueue<>(slots);
        for (int i = 0; i < slots; i++) {
            SegmentSlice[] group = new SegmentSlice[channels];
            for (int c = 0; c < channels; c++) {
                group[c] = new SegmentSlice(1024);
            }
            free.add(group);
        }
        List<BlockingQueue<SegmentSlice[]>> queues = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            queues.add(new ArrayBlockingQueue<>(slots));
        }
        SegmentSlice[] endOfWork = new SegmentSlice[0];
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        List<Thread> threads = new ArrayList<>();
        List<SegmentWorker<P>> started = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            SegmentWorker<P> worker = workers.get();
            BlockingQueue<SegmentSlice[]> work = queues.get(t);
            started.add(worker);
            Thread thread = Thread.ofPlatform().name("manta-segment-" + t).daemon().unstarted(() -> {
                try {
                    while (true) {
                        SegmentSlice[] group = work.take();
                        if (group == endOfWork) {
                            return;
                        }
                        try {
                            if (failure.get() == null) {
                                worker.accept(group);
                                progress.progress(done.incrementAndGet(), total);
                            }
                        } finally {
                            free.put(group);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    drain(work, free, endOfWork);
                }
            });
            threads.add(thread);
            thread.start();
        }

        try {
            produce(streams, free, queues, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            for (BlockingQueue<SegmentSlice[]> work : queues) {
                putUninterruptibly(work, endOfWork);
            }
            for (Thread thread : threads) {
                joinUninterruptibly(thread);
            }
        }
        Throwable error = failure.get();
        if (error instanceof MantaException me) {
            throw me;
        }
        if (error instanceof Error err) {
            throw err;
        }
        if (error != null) {
            throw new IllegalStateException("segment pipeline failed: " + error, error);
        }
        P result = started.get(0).partial();
        for (int t = 1; t < started.size(); t++) {
            result = combine.apply(result, started.get(t).partial());
        }
        return result;
    }

    private static void produce(List<SegmentEventStream> streams, BlockingQueue<SegmentSlice[]> free,
                                List<BlockingQueue<SegmentSlice[]>> queues, AtomicReference<Throwable> failure)
            throws InterruptedException {
        while (streams.get(0).hasNext() && failure.get() == null) {
            SegmentSlice[] group = free.take();
            for (int c = 0; c < streams.size(); c++) {
                streams.get(c).next(group[c]);
            }
            queues.get(group[0].index % queues.size()).put(group);
        }
    }

    /** After a worker failed: keep the queue moving so the producer does not block forever. */
    private static void drain(BlockingQueue<SegmentSlice[]> work, BlockingQueue<SegmentSlice[]> free,
                              SegmentSlice[] endOfWork) {
        try {
            while (true) {
                SegmentSlice[] group = work.take();
                if (group == endOfWork) {
                    return;
                }
                free.put(group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void putUninterruptibly(BlockingQueue<SegmentSlice[]> q, SegmentSlice[] item) {
        while (true) {
            try {
                q.put(item);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
