package org.manta.ingest.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.manta.proto.v1.JobRecord;

/**
 * Which jobs of lost ingest-service instances this instance takes over, so that no job waits forever for an
 * instance that never comes back (a replica removed, a pod renamed). An instance is lost once it has been
 * missing from the live instances (the members of ingest's consumer group) for {@code adoptAfter}, counted
 * from when this instance first saw it missing; its jobs are those {@link Resumption} would have it act on after
 * a restart (not final, input not complete). One live instance takes them over, the one with the least id
 * (all live instances see the same members): a job on files is adopted and prepared again ({@link Resumption#RESUME}),
 * an upload fails ({@link Resumption#FAIL}: its events went with the lost process). Nothing is taken over while
 * this instance is not among the live ones itself (it has just started, or lost its own session).
 * Thread-safe.
 */
public final class LostInstances {
    private final Duration adoptAfter;
    private final Map<String, Instant> missingSince = new HashMap<>();

    /** A job of a lost instance and what to do with it. */
    public record Takeover(JobRecord job, String lostInstance, Resumption action) {
    }

    /** @param adoptAfter how long an instance must be missing before its jobs are taken over ({@code manta.ingest.adopt-after}) */
    public LostInstances(Duration adoptAfter) {
        this.adoptAfter = adoptAfter;
    }

    /**
     * @param jobs every job's current state
     * @param live the ids ({@code manta.kafka.instance-id}) of the live ingest instances
     * @param self this instance's id
     * @return the jobs to take over now (each once, provided the caller records the takeover on the job)
     */
    public synchronized List<Takeover> due(Collection<JobRecord> jobs, Set<String> live, String self, Instant now) {
        missingSince.keySet().removeAll(live);
        if (!live.contains(self)) {
            return List.of();
        }
        boolean adopter = self.equals(Collections.min(live));
        Set<String> missing = new HashSet<>();
        List<Takeover> due = new ArrayList<>();
        for (JobRecord job : jobs) {
            String owner = job.getIngest().getInstanceId();
            Resumption action = Resumption.of(job, owner);    // what the owner would do after a restart
            if (owner.isEmpty() || live.contains(owner) || action == Resumption.LEAVE) {
                continue;
            }
            missing.add(owner);
            Instant since = missingSince.computeIfAbsent(owner, o -> now);
            if (adopter && !now.isBefore(since.plus(adoptAfter))) {
                due.add(new Takeover(job, owner, action));
            }
        }
        missingSince.keySet().retainAll(missing);
        return due;
    }
}
