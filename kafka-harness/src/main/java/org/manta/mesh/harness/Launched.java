package org.manta.mesh.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes that one mesh (or broker) launched: the storage format, the broker, the services. {@link #stop}
 * may come from another thread at any moment, a JVM shutdown hook in the middle of a start included (Ctrl-C or
 * SIGTERM while the services come up): it ends every process launched so far, and {@link #start} launches
 * none after it, so nothing outlives the JVM that started it.
 */
final class Launched {
    private final List<Process> processes = new ArrayList<>();
    private boolean stopped;

    /**
     * Starts {@code builder}'s process and records it.
     *
     * @throws KafkaBrokerException if {@link #stop} was called: nothing is launched then
     */
    synchronized Process start(ProcessBuilder builder, String what) throws IOException {
        if (stopped) {
            throw new KafkaBrokerException("not starting " + what + ": the mesh is stopping");
        }
        Process p = builder.start();
        processes.removeIf(q -> !q.isAlive());
        processes.add(p);
        return p;
    }

    /** Whether {@link #stop} was called. */
    synchronized boolean stopped() {
        return stopped;
    }

    /**
     * SIGTERM to every live process (the newest first), SIGKILL to those still alive after {@code timeout};
     * launches nothing after. Idempotent.
     *
     * @return how many processes were alive
     */
    int stop(Duration timeout) {
        List<Process> alive;
        synchronized (this) {
            stopped = true;
            alive = new ArrayList<>(processes.stream().filter(Process::isAlive).toList());
        }
        java.util.Collections.reverse(alive);
        alive.forEach(Process::destroy);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Process p : alive) {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            }
            for (Process p : alive) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            alive.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        return alive.size();
    }
}
