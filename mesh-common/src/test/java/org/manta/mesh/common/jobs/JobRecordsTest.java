package org.manta.mesh.common.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.ProductKind;

class JobRecordsTest {
    private static final String JOB = "j";
    private static final JobSpec SPEC = JobSpec.newBuilder().setKind(ProductKind.PDS).setDt(1).build();
    private static final Instant T0 = Instant.ofEpochSecond(1000);

    @Test
    void partialRecordsFoldIntoTheFullState() {
        JobRecord r = JobRecords.queued(JOB, SPEC, T0);
        r = JobRecords.merge(r, JobRecords.running(JOB, "reading a.evt", T0.plusSeconds(1)));
        r = JobRecords.merge(r, JobRecords.progress(JOB, 5, OptionalLong.empty(), T0.plusSeconds(2)));
        r = JobRecords.merge(r, JobRecords.progress(JOB, 3, OptionalLong.of(16), T0.plusSeconds(3)));
        assertEquals(JobState.RUNNING, r.getState());
        assertEquals(SPEC, r.getSpec(), "the spec of the first record stays");
        assertEquals("reading a.evt", r.getMessage(), "an empty message keeps the earlier one");
        assertEquals(5, r.getSegmentsDone(), "counts only grow");
        assertEquals(16, r.getSegmentsExpected());
        assertEquals(1000, r.getTimings().getSubmitted().getSeconds());
        assertEquals(1001, r.getTimings().getStarted().getSeconds());
        r = JobRecords.merge(r, JobRecords.succeeded(JOB, 16, "done", T0.plusSeconds(4)));
        assertEquals(JobState.SUCCEEDED, r.getState());
        assertEquals(1004, r.getTimings().getFinished().getSeconds());
        assertEquals(1000, r.getTimings().getSubmitted().getSeconds());
    }

    @Test
    void theFirstFinalStateWinsAndStatesNeverGoBack() {
        JobRecord r = JobRecords.merge(JobRecords.queued(JOB, SPEC, T0), JobRecords.cancelled(JOB, T0));
        JobRecord after = JobRecords.merge(r, JobRecords.succeeded(JOB, 16, "done", T0));
        assertEquals(JobState.CANCELLED, after.getState());
        JobRecord running = JobRecords.merge(JobRecords.queued(JOB, SPEC, T0), JobRecords.running(JOB, "", T0));
        assertEquals(JobState.RUNNING, JobRecords.merge(running, JobRecords.queued(JOB, SPEC, T0)).getState());
        assertTrue(JobRecords.isFinal(JobState.FAILED));
        assertFalse(JobRecords.isFinal(JobState.RUNNING));
    }

    @Test
    void progressHasARateAndAnEta() {
        JobRecord r = JobRecords.merge(JobRecords.queued(JOB, SPEC, T0), JobRecords.progress(JOB, 4, OptionalLong.of(16), T0));
        JobProgress p = JobRecords.progress(r, 2.0, T0);
        assertEquals(6.0, p.getEtaSeconds());
        assertEquals(16, p.getSegmentsExpected());
        assertFalse(JobRecords.progress(JobRecords.queued(JOB, SPEC, T0), 0, T0).hasEtaSeconds());
    }
}
