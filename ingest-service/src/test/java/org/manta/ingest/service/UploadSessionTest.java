package org.manta.ingest.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EventList;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.mesh.common.errors.LimitExceededException;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ObservationInfo;
import org.manta.proto.v1.ProductKind;

/**
 * An upload staged as event files: each list's file holds exactly the uploaded times, energies, PI, GTIs
 * and header; the order and size rules refuse with messages naming field, value and expectation; an
 * aborted upload leaves no file behind.
 */
class UploadSessionTest {
    private static final JobSpec CPDS_TWO_LISTS = JobSpec.newBuilder().setKind(ProductKind.CPDS).setDt(0.5)
            .setSegmentSize(16).setBand1(Band.newBuilder().setLo(6).setHi(12)).setBand2(Band.newBuilder().setLo(0.5)
                    .setHi(2)).setUploadInputs(2).build();
    private static final JobSpec PDS = JobSpec.newBuilder().setKind(ProductKind.PDS).setDt(0.5).setSegmentSize(16).build();
    private static final ObservationInfo NUSTAR_A = ObservationInfo.newBuilder().setMission("NUSTAR").setTelescope("NUSTAR")
            .setInstrument("FPMA").setTimesys("TT").setMjdref(org.manta.proto.v1.Mjdref.newBuilder().setDays(55197)
                    .setFraction(7.6601852e-4)).setTimedel(1.0 / 1024).setTstart(0).setTstop(200).setObject("Her X-1").build();

    @TempDir
    Path root;

    private Storage storage;

    @BeforeEach
    void storage() throws Exception {
        Files.createDirectories(root.resolve("data"));
        storage = new Storage(root.resolve("data"), root.resolve("staging"));
    }

    private UploadSession session(String jobId, JobSpec spec, long maxBytes) {
        return new UploadSession(jobId, spec, JobSpecs.request(spec, true), storage, maxBytes);
    }

    /** {@code n} events from {@code t0} every {@code step} s; energies on a 1/4 keV grid (exact in the file's floats). */
    private static EventBatch.Builder batch(int input, double t0, double step, int n, boolean energy, boolean pi) {
        EventBatch.Builder b = EventBatch.newBuilder().setInput(input);
        for (int i = 0; i < n; i++) {
            b.addTime(t0 + i * step);
            if (energy) {
                b.addEnergy(0.25 * ((i * 7) % 60));
            }
            if (pi) {
                b.addPi(35 + (i * 13) % 1900);
            }
        }
        return b;
    }

    private static Gti gti(double start, double stop) {
        return Gti.newBuilder().setStart(start).setStop(stop).build();
    }

    @Test
    void twoListsOfACpdsWithBothBandsAreStagedWithExactlyTheUploadedEvents() throws Exception {
        UploadSession s = session("job-1", CPDS_TWO_LISTS, 1 << 20);
        ObservationInfo fpmb = NUSTAR_A.toBuilder().setInstrument("FPMB").clearObject().build();   // an older client
        List<EventBatch> batches = List.of(
                batch(0, 0.125, 0.5, 300, true, true).addGti(gti(0, 100)).addGti(gti(120, 200)).setInfo(NUSTAR_A).build(),
                batch(1, 1.0, 0.25, 500, true, false).addGti(gti(10, 190)).setInfo(fpmb).build(),
                batch(0, 150.5, 0.125, 200, true, true).build(),
                batch(1, 126.0, 0.25, 0, true, false).build(),                       // an empty batch is fine
                batch(1, 126.0, 0.25, 200, true, false).build());
        long events = 0;
        for (EventBatch b : batches) {
            events += s.add(b);
        }
        assertEquals(1200, events);
        List<InputStaging.Staged> staged = s.finish();
        assertEquals(2, staged.size());
        for (int i = 0; i < 2; i++) {
            InputFile f = staged.get(i).input();
            Path file = root.resolve("staging").resolve("job-1").resolve("upload-" + i + ".fits");
            assertEquals("upload:" + i, f.getPath());
            assertEquals("staging:job-1/upload-" + i + ".fits", f.getLocation());
            assertEquals(file.toRealPath(), storage.resolve(f.getLocation()).toRealPath());
            assertEquals(Files.size(file), f.getSizeBytes());
            assertEquals(Files.size(file), f.getLocationSizeBytes());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))),
                    f.getSha256());
        }
        try (Stream<Path> dir = Files.list(root.resolve("staging").resolve("job-1"))) {
            assertEquals(2, dir.count(), "two files, no temporary one");
        }

        EventList list0 = readAll(staged.get(0));
        assertArrayEquals(times(batches.get(0), batches.get(2)), list0.time());
        assertArrayEquals(energies(batches.get(0), batches.get(2)), list0.energy());
        assertEquals(GtiList.of(new double[] {0, 120}, new double[] {100, 200}), list0.gti());
        assertEquals("NUSTAR", list0.info().telescope());
        assertEquals("FPMA", list0.info().instrument());
        assertEquals("TT", list0.info().timesys());
        assertEquals(new Mjdref(55197, 7.6601852e-4), list0.info().mjdref());
        assertEquals(1.0 / 1024, list0.info().timedel());
        assertEquals(0.0, list0.info().tstart());
        assertEquals(200.0, list0.info().tstop());
        assertEquals(500, staged.get(0).events());
        assertEquals("Her X-1", object(staged.get(0)), "the OBJECT the client sent");

        EventList list1 = readAll(staged.get(1));
        assertArrayEquals(times(batches.get(1), batches.get(4)), list1.time());
        assertArrayEquals(energies(batches.get(1), batches.get(4)), list1.energy());
        assertEquals(GtiList.of(new double[] {10}, new double[] {190}), list1.gti());
        assertEquals("FPMB", list1.info().instrument());
        assertEquals("", object(staged.get(1)), "no OBJECT sent: none in the file");
        assertEquals(700, staged.get(1).events());
        assertTrue(staged.get(0).header().hasEnergy());
        assertFalse(staged.get(1).header().hasPi(), "sent without PI: the zeros the file holds are not PI");

        JobPlan plan = JobPlan.of(s.request(), staged.stream().map(InputStaging.Staged::header).toList());
        assertEquals(GtiList.of(new double[] {10, 120}, new double[] {100, 190}), plan.gti(), "the common good time");
    }

    @Test
    void aListWithPiAndEnergiesWhoseBandSelectsOnPiIsStagedWithItsPi() throws Exception {
        JobSpec spec = PDS.toBuilder().setBand1(Band.newBuilder().setLo(100).setHi(1000).setOnPi(true)).build();
        UploadSession s = session("job-2", spec, 1 << 20);
        EventBatch b = batch(0, 0, 0.5, 100, true, true).addGti(gti(0, 64)).setInfo(NUSTAR_A).build();
        s.add(b);
        InputStaging.Staged staged = s.finish().get(0);
        EventList list = readAll(staged);
        assertArrayEquals(b.getPiList().stream().mapToInt(Integer::intValue).toArray(), list.pi());
        assertTrue(staged.header().hasPi());
        assertEquals(GtiList.of(new double[] {0}, new double[] {64}),
                JobPlan.of(s.request(), List.of(staged.header())).gti());
        try (EventFileReader r = EventFileReader.open(storage.resolve(staged.input().getLocation()))) {
            assertFalse(r.columns().contains("ENERGY"), "PI would not be read next to an ENERGY column: " + r.columns());
        }
    }

    /**
     * An upload of several observations (observation_inputs 1 then 2 of a CPDS): three lists, and the band on PI of
     * the subject keeps the PI of each observation's subject list (inputs 0 and 1), not of the reference (input 2).
     */
    @Test
    void theListsOfSeveralObservationsAreStagedOneAfterAnother() throws Exception {
        JobSpec spec = CPDS_TWO_LISTS.toBuilder().setBand1(Band.newBuilder().setLo(100).setHi(1000).setOnPi(true))
                .setUploadInputs(3).addObservationInputs(1).addObservationInputs(2).build();
        UploadSession s = session("job-obs", spec, 1 << 20);
        for (int i = 0; i < 3; i++) {
            double t0 = i == 0 ? 0 : 100;     // the second observation's two lists at the same time
            s.add(batch(i, t0, 0.5, 100, true, true).addGti(gti(t0, t0 + 64)).setInfo(NUSTAR_A).build());
        }
        List<InputStaging.Staged> staged = s.finish();
        assertEquals(3, staged.size());
        assertEquals(List.of(true, true, false), staged.stream().map(f -> {
            try (EventFileReader r = EventFileReader.open(storage.resolve(f.input().getLocation()))) {
                return !r.columns().contains("ENERGY");
            }
        }).toList(), "PI kept (no ENERGY column) where a subject band selects on it");
        List<JobPlan> plans = JobLimits.of(1000, 1 << 22, 256L << 20).plans(spec, s.request(),
                staged.stream().map(InputStaging.Staged::header).toList());
        assertEquals(List.of(GtiList.of(new double[] {0}, new double[] {64}),
                GtiList.of(new double[] {100}, new double[] {164})), plans.stream().map(JobPlan::gti).toList(),
                "the first observation's list, then the common time of the second's two");
        assertRefused(session("job-obs-4", spec, 1 << 20), "events.input = 3: expected below 3 (the event lists of this CPDS upload)",
                batch(0, 0, 1, 10, true, true).addGti(gti(0, 64)).build(), batch(3, 0, 1, 10, true, true)
                        .addGti(gti(0, 64)).build());
    }

    @Test
    void aListSentWithoutPiCannotBeSelectedOnPi() {
        JobSpec spec = PDS.toBuilder().setBand1(Band.newBuilder().setLo(100).setHi(1000).setOnPi(true)).build();
        UploadSession s = session("job-3", spec, 1 << 20);
        s.add(batch(0, 0, 0.5, 100, false, false).addGti(gti(0, 64)).build());
        List<InputStaging.Staged> staged = s.finish();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> JobPlan.of(s.request(), List.of(staged.get(0).header())));
        assertTrue(e.getMessage().startsWith("band1 = ") && e.getMessage().contains("upload 0 has: it has no PI column"),
                e.getMessage());
    }

    @Test
    void batchesThatBreakTheRulesAreRefusedNamingFieldValueAndExpectation() {
        EventBatch first = batch(0, 0, 1, 10, true, false).addGti(gti(0, 64)).build();
        assertRefused(session("r1", PDS, 1 << 20), "events.input = 1: expected below 1 (the event lists of this PDS upload)",
                batch(1, 0, 1, 10, false, false).addGti(gti(0, 64)).build());
        JobSpec oneListCpds = CPDS_TWO_LISTS.toBuilder().setUploadInputs(1).build();
        assertRefused(session("r2", oneListCpds, 1 << 20), "events.input = 1: expected below 1 (the event lists of this "
                + "CPDS upload; JobSpec.upload_inputs = 2 uploads two)", first, batch(1, 0, 1, 10, true, false)
                .addGti(gti(0, 64)).build());
        assertRefused(session("r3", CPDS_TWO_LISTS, 1 << 20), "events.input = 1: expected 0 for the first batch of an upload",
                batch(1, 0, 1, 10, true, false).addGti(gti(0, 64)).build());
        assertRefused(session("r4", PDS, 1 << 20), "events.time = 5.0: expected times ascending within input 0 (event 10 "
                + "follows t = 9.0 s)", first, batch(0, 5, 1, 3, true, false).build());
        assertRefused(session("r5", PDS, 1 << 20), "events.energy = 3 values: expected none or 4", first,
                batch(0, 20, 1, 4, false, false).addEnergy(1).addEnergy(2).addEnergy(3).build());
        assertRefused(session("r6", PDS, 1 << 20), "events.energy = 0 values: expected 4, as the first events of input 0 "
                + "came with them", first, batch(0, 20, 1, 4, false, false).build());
        assertRefused(session("r7", PDS, 1 << 20), "events.pi = 4 values: expected none, as the first events of input 0 "
                + "came without", first, batch(0, 20, 1, 4, true, true).build());
        assertRefused(session("r8", PDS, 1 << 20), "events.gti = empty: expected the GTIs of input 0 on its first batch",
                batch(0, 0, 1, 10, false, false).build());

        UploadSession noSecond = session("r9", CPDS_TWO_LISTS, 1 << 20);
        noSecond.add(first);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, noSecond::finish);
        assertEquals("events = no batch for input 1: expected 2 event list(s) for this CPDS upload", e.getMessage());
    }

    @Test
    void theUploadLimitNamesTheLimitAndItsProperty() {
        UploadSession s = session("big", PDS, 4096);
        s.add(batch(0, 0, 1, 200, true, false).addGti(gti(0, 1000)).build());    // 3200 bytes
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> s.add(batch(0, 200, 1, 60, true, false).build()));
        assertEquals("the upload (4160 bytes of events so far) exceeds the limit of 4096 bytes "
                + "(manta.ingest.max-upload-bytes)", e.getMessage());
        s.abort();
        assertFalse(Files.exists(root.resolve("staging").resolve("big")));
    }

    /** The job's size is checked once every list's GTIs have come (their first batch), before the rest of the events. */
    @Test
    void aJobTooLargeIsRefusedWithTheFirstBatchesGtis() {
        JobRequest request = JobSpecs.request(CPDS_TWO_LISTS, true);
        UploadSession s = new UploadSession("many", CPDS_TWO_LISTS, request, storage, 1 << 20,
                headers -> JobLimits.of(999, 1 << 22, 256L << 20).plan(CPDS_TWO_LISTS, request, headers));
        s.add(batch(0, 0, 1, 10, true, false).addGti(gti(0, 1e6)).build());       // input 1's GTIs still to come
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> s.add(batch(1, 0, 1, 10, true, false).addGti(gti(0, 16_000)).build()));
        assertEquals("the job's 1000 segments of 16.0 s exceeds the limit of 999 segments (manta.ingest.max-segments)",
                e.getMessage());
        s.abort();
        // the common good time of the two lists decides a cross spectrum's count: at the limit it passes
        UploadSession ok = new UploadSession("fewer", CPDS_TWO_LISTS, request, storage, 1 << 20,
                headers -> JobLimits.of(1000, 1 << 22, 256L << 20).plan(CPDS_TWO_LISTS, request, headers));
        ok.add(batch(0, 0, 1, 10, true, false).addGti(gti(0, 1e6)).build());
        assertEquals(10, ok.add(batch(1, 0, 1, 10, true, false).addGti(gti(0, 16_000)).build()));
        ok.abort();
    }

    @Test
    void anAbortedUploadLeavesNoStagingDirectory() throws Exception {
        long start = System.nanoTime();
        UploadSession s = session("gone", CPDS_TWO_LISTS, 1 << 20);
        assertTrue(s.idleNanos(start) <= 0, "heard at its start");
        s.add(batch(0, 0, 1, 10, true, false).addGti(gti(0, 64)).build());
        long beforeSecond = System.nanoTime();
        s.add(batch(1, 0, 1, 10, true, false).addGti(gti(0, 64)).build());
        assertTrue(s.idleNanos(beforeSecond) <= 0, "heard again at each batch");
        assertTrue(s.idleNanos(beforeSecond + 60_000_000_000L) < 60_000_000_000L, "idle from its last batch");
        try (Stream<Path> dir = Files.list(root.resolve("staging").resolve("gone"))) {
            assertEquals(2, dir.count(), "two temporary files while the stream runs");
        }
        s.abort();
        assertFalse(Files.exists(root.resolve("staging").resolve("gone")));
    }

    private void assertRefused(UploadSession s, String message, EventBatch... batches) {
        for (int i = 0; i < batches.length - 1; i++) {
            s.add(batches[i]);
        }
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> s.add(batches[batches.length - 1]));
        assertEquals(message, e.getMessage());
        s.abort();
        assertFalse(Files.exists(root.resolve("staging").resolve(s.jobId())), "no staging directory after a refusal");
    }

    private EventList readAll(InputStaging.Staged staged) {
        try (EventFileReader r = EventFileReader.open(storage.resolve(staged.input().getLocation()))) {
            return r.readAll(null);
        }
    }

    private String object(InputStaging.Staged staged) {
        try (EventFileReader r = EventFileReader.open(storage.resolve(staged.input().getLocation()))) {
            return r.object();
        }
    }

    private static double[] times(EventBatch... batches) {
        return Stream.of(batches).flatMap(b -> b.getTimeList().stream()).mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] energies(EventBatch... batches) {
        return Stream.of(batches).flatMap(b -> b.getEnergyList().stream()).mapToDouble(Double::doubleValue).toArray();
    }
}
