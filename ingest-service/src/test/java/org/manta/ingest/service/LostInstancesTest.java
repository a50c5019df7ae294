package org.manta.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/** Which jobs of lost ingest instances are taken over, by whom and when. */
class LostInstancesTest {
    private static final Duration ADOPT_AFTER = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.ofEpochSecond(1000);
    private static final JobSpec FILES = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("a.evt").setDt(1)
            .setSegmentSize(16).build();
    private static final JobSpec UPLOAD = FILES.toBuilder().clearInputs().build();

    private static JobRecord job(String id, JobSpec spec, String instance, JobRecord... later) {
        JobRecord r = JobRecords.queued(id, spec, "alice", instance, T0);
        for (JobRecord next : later) {
            r = JobRecords.merge(r, next);
        }
        return r;
    }

    private static final List<JobRecord> JOBS = List.of(
            job("file-of-9", FILES, "9", JobRecords.running("file-of-9", "reading", T0)),
            job("upload-of-9", UPLOAD, "9", JobRecords.running("upload-of-9", "receiving", T0)),
            job("sent-of-9", FILES, "9", JobRecords.inputSent("sent-of-9", T0)),
            job("cancelled-of-9", FILES, "9", JobRecords.cancelled("cancelled-of-9", T0)),
            job("file-of-1", FILES, "1", JobRecords.running("file-of-1", "reading", T0)),
            job("file-of-0", FILES, "0"));

    private static List<String> ids(List<LostInstances.Takeover> due) {
        return due.stream().map(t -> t.job().getJobId() + ":" + t.action() + ":" + t.lostInstance()).sorted().toList();
    }

    @Test
    void theUnfinishedJobsOfAnInstanceMissingForTheAdoptionTimeAreTakenOverByTheLeastLiveId() {
        LostInstances lost = new LostInstances(ADOPT_AFTER);
        Set<String> live = Set.of("0", "1");
        assertEquals(List.of(), ids(lost.due(JOBS, live, "0", T0)), "missing from now on");
        assertEquals(List.of(), ids(lost.due(JOBS, live, "0", T0.plus(ADOPT_AFTER).minusMillis(1))), "not yet");
        assertEquals(List.of("file-of-9:RESUME:9", "upload-of-9:FAIL:9"),
                ids(lost.due(JOBS, live, "0", T0.plus(ADOPT_AFTER))),
                "a file job is adopted, an upload fails; sent, final and live instances' jobs are left");
        LostInstances other = new LostInstances(ADOPT_AFTER);
        other.due(JOBS, live, "1", T0);
        assertEquals(List.of(), ids(other.due(JOBS, live, "1", T0.plus(ADOPT_AFTER))), "only the least live id takes over");
    }

    @Test
    void anInstanceThatComesBackInTimeKeepsItsJobsAndNothingIsTakenOverByAnInstanceNotLiveItself() {
        LostInstances lost = new LostInstances(ADOPT_AFTER);
        lost.due(JOBS, Set.of("0", "1"), "0", T0);
        assertEquals(List.of(), ids(lost.due(JOBS, Set.of("0", "1", "9"), "0", T0.plusSeconds(30))), "9 restarted");
        assertEquals(List.of(), ids(lost.due(JOBS, Set.of("0", "1"), "0", T0.plusSeconds(70))),
                "missing again from 70 s: its time starts again");
        assertEquals(2, lost.due(JOBS, Set.of("0", "1"), "0", T0.plusSeconds(130)).size());

        LostInstances starting = new LostInstances(ADOPT_AFTER);
        assertEquals(List.of(), ids(starting.due(JOBS, Set.of("1"), "0", T0)));
        assertEquals(List.of(), ids(starting.due(JOBS, Set.of("1"), "0", T0.plusSeconds(600))), "0 is not live (yet)");
    }
}
