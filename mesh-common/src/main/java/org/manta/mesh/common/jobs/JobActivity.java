package org.manta.mesh.common.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When a stage last saw a record of each job it keeps state for, and which jobs have been idle longer than
 * the state TTL ({@code manta.reduce.state-ttl-ms}, {@code manta.segment.state-ttl-ms}): a punctuator asks every
 * {@link #sweepInterval} and frees those jobs' state. In memory, one per Kafka Streams task; a task (re)started
 * counts its stored jobs as seen at its start, so a restart postpones expiry by at most one TTL. Not thread-safe.
 * reduce-service's job-record fold keeps each final job's finish time in one, with the job-record retention as the TTL.
 */
public final class JobActivity {
    private final Duration ttl;
    private final Map<String, Long> lastSeen = new HashMap<>();

    public JobActivity(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A record of the job was processed at {@code now} (ms). */
    public void touch(String jobId, long now) {
        lastSeen.put(jobId, now);
    }

    /** The job's state is gone (final and freed). */
    public void forget(String jobId) {
        lastSeen.remove(jobId);
    }

    /** The jobs seen (a copy). */
    public List<String> jobs() {
        return List.copyOf(lastSeen.keySet());
    }

    /** Removes and returns the jobs whose last record is more than the TTL before {@code now} (ms). */
    public List<String> expire(long now) {
        List<String> idle = new ArrayList<>();
        lastSeen.entrySet().removeIf(e -> {
            boolean old = now - e.getValue() > ttl.toMillis();
            if (old) {
                idle.add(e.getKey());
            }
            return old;
        });
        return idle;
    }

    /** How often to sweep: {@link #sweepInterval(Duration)} of this TTL. */
    public Duration sweepInterval() {
        return sweepInterval(ttl);
    }

    /** A tenth of the TTL, at least every second and at most every minute. */
    public static Duration sweepInterval(Duration ttl) {
        return Duration.ofMillis(Math.clamp(ttl.toMillis() / 10, 1000, 60_000));
    }
}
