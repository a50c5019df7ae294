package org.manta.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/** Which jobs a restarted ingest-service resumes, fails or leaves alone. */
class ResumptionTest {
    private static final String ME = "ingest-service-0";
    private static final String OTHER = "ingest-service-1";
    private static final Instant T0 = Instant.ofEpochSecond(1000);
    private static final JobSpec FILES = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("a.evt").setDt(1)
            .setSegmentSize(16).build();
    private static final JobSpec UPLOAD = FILES.toBuilder().clearInputs().build();
    private static final List<InputFile> OPENED = List.of(InputFile.newBuilder().setPath("a.evt").setSha256("ab12")
            .setSizeBytes(2880).setLocation("data:a.evt").setLocationSizeBytes(2880).build());

    /** The fold of a job's records, the first being ingest's QUEUED one by {@code owner}. */
    private static JobRecord job(JobSpec spec, String owner, JobRecord... later) {
        JobRecord r = JobRecords.queued("j", spec, "alice", owner, T0);
        for (JobRecord next : later) {
            r = JobRecords.merge(r, next);
        }
        return r;
    }

    private static JobRecord running() {
        return JobRecords.running("j", "reading", T0);
    }

    private static JobRecord opened() {
        return JobRecords.inputsOpened("j", OPENED, T0);
    }

    private static JobRecord merged(long done, OptionalLong expected) {
        return JobRecords.progress("j", done, expected, T0);
    }

    @Test
    void fileJobsThisInstanceWasSendingAreResumed() {
        assertEquals(Resumption.RESUME, Resumption.of(job(FILES, ME), ME), "queued, never started");
        assertEquals(Resumption.RESUME, Resumption.of(job(FILES, ME, running()), ME), "started, files not opened yet");
        assertEquals(Resumption.RESUME, Resumption.of(job(FILES, ME, running(), opened()), ME), "inputs opened, the JobInput not known to be durable");
        assertEquals(Resumption.RESUME, Resumption.of(job(FILES, ME, running(), opened(), merged(40, OptionalLong.empty())),
                ME), "segments merged, the expected count not known yet");
    }

    @Test
    void uploadsThisInstanceWasReceivingFail() {
        assertEquals(Resumption.FAIL, Resumption.of(job(UPLOAD, ME, running()), ME));
        assertEquals(Resumption.FAIL, Resumption.of(job(UPLOAD, ME, running(), merged(3, OptionalLong.empty())), ME));
    }

    @Test
    void jobsWhoseInputIsOnKafkaAreLeft() {
        JobRecord sent = JobRecords.inputSent("j", T0);
        assertEquals(Resumption.LEAVE, Resumption.of(job(FILES, ME, running(), opened(), sent), ME));
        assertEquals(Resumption.LEAVE, Resumption.of(job(UPLOAD, ME, running(), sent), ME), "a complete upload");
        assertEquals(Resumption.LEAVE, Resumption.of(job(FILES, ME, running(), opened(), sent, merged(5, OptionalLong.empty())),
                ME), "a later record of the reducer keeps the input sent");
        // died between publishing the JobInput and the input-sent record, but segment-service has planned the job
        assertEquals(Resumption.LEAVE, Resumption.of(job(FILES, ME, running(), opened(), merged(0, OptionalLong.of(16))), ME));
        assertEquals(Resumption.LEAVE, Resumption.of(job(UPLOAD, ME, running(), merged(0, OptionalLong.of(16))), ME));
    }

    @Test
    void finalJobsOtherInstancesJobsAndOlderJobsAreLeft() {
        assertEquals(Resumption.LEAVE, Resumption.of(job(FILES, ME, running(), JobRecords.cancelled("j", T0)), ME),
                "cancelled meanwhile");
        assertEquals(Resumption.LEAVE, Resumption.of(job(UPLOAD, ME, running(), JobRecords.failed("j", "bad", T0)), ME));
        assertEquals(Resumption.LEAVE, Resumption.of(job(FILES, ME, running(), JobRecords.succeeded("j", 16, "done", T0)), ME));
        assertEquals(Resumption.LEAVE, Resumption.of(job(FILES, OTHER, running(), opened()), ME));
        assertEquals(Resumption.LEAVE, Resumption.of(job(UPLOAD, OTHER, running()), ME));
        JobRecord beforeOwners = job(FILES, ME, running()).toBuilder().clearIngest().build();
        assertEquals(Resumption.LEAVE, Resumption.of(beforeOwners, ME), "a job written before ingest recorded its owner");
        assertEquals(Resumption.LEAVE, Resumption.of(beforeOwners, ""));
    }
}
