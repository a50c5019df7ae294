package org.manta.mesh.common.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.ProductKind;

class JobRecordsTest {
    private static final String JOB = "j";
    private static final JobSpec SPEC = JobSpec.newBuilder().setKind(ProductKind.PDS).setDt(1).build();
    private static final Instant T0 = Instant.ofEpochSecond(1000);
    private static final String INGEST = "ingest-service-0";
    private static final String OWNER = "alice";

    @Test
    void partialRecordsFoldIntoTheFullState() {
        JobRecord r = JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0);
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

    /** The plan's warnings stay on the job's state through later records and reach Get and Watch. */
    @Test
    void thePlansWarningsStayAndReachStatusAndProgress() {
        List<String> warnings = List.of("a.evt: the input event list has a time resolution of 0.44104 s (TIMEDEL); ...",
                "segment size fixed to a whole number of bins: 99.675 s (226 bins of dt = 0.44104 s) instead of 100 s");
        JobRecord r = JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0);
        r = JobRecords.merge(r, JobRecords.warned(JOB, warnings, T0.plusSeconds(1)));
        r = JobRecords.merge(r, JobRecords.progress(JOB, 3, OptionalLong.of(16), T0.plusSeconds(2)));
        assertEquals(warnings, r.getWarningsList(), "a record without warnings keeps them");
        r = JobRecords.merge(r, JobRecords.succeeded(JOB, 16, "done", T0.plusSeconds(3)));
        assertEquals(warnings, r.getWarningsList());
        assertEquals(warnings, JobRecords.status(r).getWarningsList());
        assertEquals(warnings, JobRecords.progress(r, 0, T0.plusSeconds(4)).getWarningsList());
        assertEquals(List.of(), JobRecords.status(JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0)).getWarningsList());
    }

    @Test
    void ingestsBookkeepingSurvivesOtherServicesRecordsAndTheFirstStartStays() {
        List<InputFile> inputs = List.of(InputFile.newBuilder().setPath("a.evt").setSha256("ab12").setSizeBytes(2880).build());
        JobRecord r = JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0);
        r = JobRecords.merge(r, JobRecords.running(JOB, "reading a.evt", T0.plusSeconds(1)));
        assertFalse(JobRecords.inputComplete(r));
        r = JobRecords.merge(r, JobRecords.inputsOpened(JOB, inputs, T0.plusSeconds(2)));
        r = JobRecords.merge(r, JobRecords.progress(JOB, 5, OptionalLong.empty(), T0.plusSeconds(3)));
        assertEquals(INGEST, r.getIngest().getInstanceId(), "a partial record of another service keeps the instance");
        assertEquals(OWNER, r.getOwner(), "... and the job's owner");
        assertEquals(OWNER, JobRecords.status(r).getOwner(), "Get tells the owner");
        assertEquals(inputs, r.getIngest().getInputsList());
        assertFalse(JobRecords.inputComplete(r), "neither sent nor counted");

        JobRecord resumed = JobRecords.merge(r, JobRecords.running(JOB, "reading a.evt again", T0.plusSeconds(9)));
        assertEquals(1001, resumed.getTimings().getStarted().getSeconds(), "a resumed job keeps its first start");
        assertEquals("reading a.evt again", resumed.getMessage());

        JobRecord sent = JobRecords.merge(resumed, JobRecords.inputSent(JOB, T0.plusSeconds(10)));
        sent = JobRecords.merge(sent, JobRecords.progress(JOB, 7, OptionalLong.empty(), T0.plusSeconds(11)));
        assertTrue(JobRecords.inputComplete(sent));
        assertEquals(inputs, sent.getIngest().getInputsList(), "the input-sent record keeps the inputs");
        assertEquals(INGEST, sent.getIngest().getInstanceId());
        JobRecord again = JobRecords.merge(sent, JobRecords.inputsOpened(JOB, inputs, T0.plusSeconds(12)));
        assertTrue(again.getIngest().getInputSent(), "a sent input stays sent");
        assertEquals(1, again.getIngest().getInputsCount(), "inputs are replaced, not appended");

        JobRecord counted = JobRecords.merge(r, JobRecords.progress(JOB, 5, OptionalLong.of(16), T0.plusSeconds(4)));
        assertTrue(JobRecords.inputComplete(counted), "segment-service planned the job from its input");
    }

    @Test
    void theFirstFinalStateWinsAndStatesNeverGoBack() {
        JobRecord r = JobRecords.merge(JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0), JobRecords.cancelled(JOB, T0));
        JobRecord after = JobRecords.merge(r, JobRecords.succeeded(JOB, 16, "done", T0));
        assertEquals(JobState.CANCELLED, after.getState());
        JobRecord running = JobRecords.merge(JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0), JobRecords.running(JOB, "", T0));
        assertEquals(JobState.RUNNING, JobRecords.merge(running, JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0)).getState());
        assertTrue(JobRecords.isFinal(JobState.FAILED));
        assertFalse(JobRecords.isFinal(JobState.RUNNING));
    }

    @Test
    void progressHasARateAndAnEta() {
        JobRecord r = JobRecords.merge(JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0), JobRecords.progress(JOB, 4, OptionalLong.of(16), T0));
        JobProgress p = JobRecords.progress(r, 2.0, T0);
        assertEquals(6.0, p.getEtaSeconds());
        assertEquals(16, p.getSegmentsExpected());
        assertFalse(JobRecords.progress(JobRecords.queued(JOB, SPEC, OWNER, INGEST, T0), 0, T0).hasEtaSeconds());
    }
}
