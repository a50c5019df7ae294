package org.manta.mesh.common.fold;

import java.util.ArrayList;
import java.util.List;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.FinalJobs;
import org.manta.mesh.common.jobs.JobFinality;

/**
 * The {@link UnitWorker}s of one service process (fft-service's, gpu-service's): each on its own platform
 * thread, stopped together, counted for the readiness check; one {@link FinalJobs} view of {@code manta.jobs}
 * tells them all which jobs' units to skip.
 */
public final class UnitWorkers {
    private final List<UnitWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private FinalJobs finalJobs;

    /**
     * The final jobs of {@code manta.jobs}, read live from now on (one reader for all workers of the process,
     * named {@code name}; closed by {@link #stopAll}).
     */
    public synchronized JobFinality finalJobs(KafkaConfig kafka, String name) {
        if (finalJobs == null) {
            finalJobs = new FinalJobs(kafka, name, FinalJobs.DEFAULT_RETAIN).start();
        }
        return finalJobs;
    }

    /**
     * Starts {@code worker} on a thread named {@code threadName}; {@code onExit} runs when its loop has ended
     * (after the worker closed its folder), e.g. to release a device.
     */
    public void start(UnitWorker worker, String threadName, Runnable onExit) {
        workers.add(worker);
        threads.add(Thread.ofPlatform().name(threadName).start(() -> {
            try {
                worker.run();
            } finally {
                onExit.run();
            }
        }));
    }

    /** Stops every worker and waits up to 10 s for each thread. */
    public void stopAll() {
        workers.forEach(UnitWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (finalJobs != null) {
                finalJobs.close();
            }
        }
    }

    public int size() {
        return workers.size();
    }

    /** Workers whose Kafka clients are up. */
    public long connected() {
        return workers.stream().filter(UnitWorker::healthy).count();
    }

    /** Ready: at least one worker and every one connected. */
    public boolean ready() {
        return !workers.isEmpty() && connected() == workers.size();
    }
}
