package org.manta.segment.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.events.EventList;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.OgipLightCurves;
import org.manta.core.gti.Gtis;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.ObservationPlans;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnit;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ObservationContext;
import org.manta.proto.v1.ProductKind;

/** Planning reference files: units cover every segment once and hold exactly its events' rows; bad input fails with a reason. */
class JobPlannerTest {
    static final String FILE = "data/monol_testA.evt";
    static final String CALIB = "data/monol_testA_calib.evt";

    @TempDir
    Path staging;

    private Storage storage() throws Exception {
        return new Storage(Path.of(getClass().getResource("/" + FILE).toURI()).getParent().getParent(), staging);
    }

    private JobInput input(JobSpec spec, Storage storage, String... files) throws Exception {
        JobInput.Builder b = JobInput.newBuilder().setJobId("job").setSpec(spec);
        for (String f : files) {
            Path p = storage.dataRoot().resolve(f);
            b.addInputs(InputFile.newBuilder().setPath(f).setLocation("data:" + f).setLocationSizeBytes(Files.size(p)));
        }
        return b.build();
    }

    private static Path file(Storage storage, String name) {
        return storage.dataRoot().resolve(name);
    }

    private static JobSpec.Builder pds() {
        return JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(FILE).setDt(1.0 / 128).setSegmentSize(16);
    }

    @Test
    void unitsCoverEverySegmentOnceAndTheirRowsHoldExactlyTheSegmentsEvents() throws Exception {
        Storage storage = storage();
        JobPlanner planner = new JobPlanner(storage, new UnitSizing(1000, 3, 4));
        JobPlanner.Output out = planner.plan(input(pds().build(), storage, FILE));
        assertTrue(out.failure().isEmpty(), out.failure().toString());
        JobPlan plan = Plans.plan(out.plan());
        EventList events;
        try (EventFileReader r = EventFileReader.open(storage.dataRoot().resolve(FILE))) {
            events = r.readAll(null);
        }
        assertEquals(plan.segmentCount(), out.expected().orElseThrow().getTotalSegments());
        assertEquals(out.units().size(), out.plan().getUnitCount());
        int next = 0;
        for (org.manta.proto.v1.WorkUnit record : out.units()) {
            WorkUnit u = Plans.unit(record, plan);
            assertEquals(next, u.segmentFrom(), "units are consecutive and disjoint");
            assertTrue(u.segments() <= 3, "at most the sizing's segments per unit");
            next = u.segmentTo();
            double[] t = events.time();
            long inside = 0;
            for (int k = u.segmentFrom(); k < u.segmentTo(); k++) {
                for (double v : t) {
                    if (v >= plan.start(k) && v < plan.end(k)) {
                        inside++;
                    }
                }
            }
            long fromRow = u.rowFrom(0);
            long toRow = u.rowTo(0);
            assertTrue(fromRow == t.length || t[(int) fromRow] >= plan.eventsFrom(u.segmentFrom()), "the first row is in the unit");
            assertTrue(fromRow == 0 || t[(int) fromRow - 1] < plan.eventsFrom(u.segmentFrom()), "no row of the unit before it");
            assertTrue(toRow == t.length || t[(int) toRow] >= plan.end(u.segmentTo() - 1), "no row of the unit after it");
            assertTrue(toRow - fromRow >= inside, "every event of the unit's segments is in its rows");
        }
        assertEquals(plan.segmentCount(), next, "every segment in some unit");
    }

    /**
     * Two observations (JobSpec.observation_inputs): each planned on its own file by the embedded pipeline's rule
     * (core ObservationPlans); the units of the second carry its plan and files, segment indices after the first's
     * and unit indices numbered on; the expected count has all segments and the union of the GTIs.
     */
    @Test
    void twoObservationsArePlannedOnTheirOwnFilesWithTheSecondsSegmentsAfterTheFirsts() throws Exception {
        Storage storage = storage();
        JobSpec spec = pds().addInputs(CALIB).addObservationInputs(1).addObservationInputs(1).build();
        JobPlanner.Output out = new JobPlanner(storage, new UnitSizing(1000, 3, 4)).plan(input(spec, storage, FILE, CALIB));
        assertTrue(out.failure().isEmpty(), out.failure().toString());
        List<JobPlan> embedded = ObservationPlans.of(JobSpecs.request(spec, false), List.of(List.of(file(storage, FILE)),
                List.of(file(storage, CALIB))), EmbeddedPipeline::plan);
        int n0 = embedded.get(0).segmentCount();
        int n1 = embedded.get(1).segmentCount();
        assertTrue(n0 > 0 && n1 > 0, n0 + " and " + n1 + " segments");
        ExpectedCount expected = out.expected().orElseThrow();
        assertEquals(n0 + n1, expected.getTotalSegments(), "the segments of both observations");
        assertEquals(Protos.gtis(Gtis.union(List.of(embedded.get(0).gti(), embedded.get(1).gti()))), expected.getGtiList());
        assertEquals(n0, expected.getPlan().getSegmentOffset(), "the count carries the last observation's plan");
        assertEquals(spec, expected.getSpec(), "and the job's spec");

        long nextSegment = 0;
        for (int u = 0; u < out.units().size(); u++) {
            org.manta.proto.v1.WorkUnit record = out.units().get(u);
            assertEquals(u, record.getUnitIndex(), "unit indices numbered on across observations");
            assertEquals(nextSegment, record.getSegmentFrom(), "units consecutive over the job's segments");
            nextSegment = record.getSegmentTo();
            JobPlanRecord plan = record.getPlan();
            assertEquals(out.units().size(), plan.getUnitCount(), "each plan counts the job's units");
            int k = record.getSegmentFrom() < n0 ? 0 : 1;
            assertEquals(k == 0 ? 0 : n0, plan.getSegmentOffset());
            assertEquals(List.of(k == 0 ? FILE : CALIB), plan.getSpec().getInputsList(), "the observation's own spec");
            assertEquals(0, plan.getSpec().getObservationInputsCount());
            assertEquals(k == 0 ? FILE : CALIB, plan.getInputs(0).getPath());
            JobPlan rebuilt = Plans.plan(plan);
            assertEquals(embedded.get(k).segment(), rebuilt.segment(), "observation " + k + ": the embedded layout");
            assertEquals(embedded.get(k).gti(), rebuilt.gti(), "observation " + k + ": its own GTIs");
            WorkUnit core = Plans.unit(record, rebuilt);
            assertEquals(record.getSegmentFrom() - plan.getSegmentOffset(), core.segmentFrom(), "the plan's own index");
        }
        assertEquals(n0 + n1, nextSegment, "every segment of the job in some unit");

        JobSpec cpds = pds().setKind(ProductKind.CPDS).setBand1(Band.newBuilder().setLo(0).setHi(10))
                .setBand2(Band.newBuilder().setLo(10).setHi(100)).addInputs(FILE).addInputs(CALIB)
                .addObservationInputs(1).addObservationInputs(2).build();
        JobPlanner.Output mixed = new JobPlanner(storage, UnitSizing.DEFAULT).plan(input(cpds, storage, FILE, FILE, CALIB));
        assertTrue(mixed.failure().isEmpty(), mixed.failure().toString());
        org.manta.proto.v1.WorkUnit last = mixed.units().get(mixed.units().size() - 1);
        assertEquals(List.of(FILE, CALIB), last.getPlan().getSpec().getInputsList(), "subject and reference lists");
        assertEquals(2, last.getRowsCount(), "a row range per input of its observation");
        assertEquals(1, mixed.units().get(0).getRowsCount(), "two bands of one list");

        assertFailure(new JobPlanner(storage, UnitSizing.DEFAULT).plan(input(spec, storage, FILE)),
                "announces 1 input(s); its spec needs 2");
    }

    @Test
    void aCrossSpectrumOfOneFileWithTwoBandsJoinsTouchingGtisAsStingray() throws Exception {
        Storage storage = storage();
        JobSpec spec = pds().setKind(ProductKind.CPDS).setBand1(Band.newBuilder().setLo(0).setHi(10))
                .setBand2(Band.newBuilder().setLo(10).setHi(100)).build();
        JobPlanner.Output out = new JobPlanner(storage, UnitSizing.DEFAULT).plan(input(spec, storage, FILE));
        assertTrue(out.failure().isEmpty(), out.failure().toString());
        assertEquals(1, out.units().get(0).getRowsCount(), "one input, read once per channel");
    }

    /**
     * The plan record carries the context the embedded command writes: the Chandra file's TELESCOP, INSTRUME, OBJECT,
     * TIMESYS and MJDREF (values of its header), one entry per channel with the spec's band, and an unset band for a
     * channel of all events.
     */
    @Test
    void thePlanRecordCarriesTheHeadersAndTheBandOfEachChannel() throws Exception {
        Storage storage = storage();
        String chandra = "data/chandra_test.fits";
        JobSpec cpds = JobSpec.newBuilder().setKind(ProductKind.CPDS).addInputs(chandra).addInputs(chandra).setDt(0.44104)
                .setSegmentSize(100).setBand1(Band.newBuilder().setLo(0.5).setHi(2)).build();
        JobPlanner.Output out = new JobPlanner(storage, UnitSizing.DEFAULT).plan(input(cpds, storage, chandra, chandra));
        assertTrue(out.failure().isEmpty(), out.failure().toString());
        ObservationContext context = out.plan().getObservation();
        assertEquals("CHANDRA", context.getTelescope());
        assertEquals("ACIS", context.getInstrument(), "one instrument, not joined with itself");
        assertEquals("M82", context.getObject());
        assertEquals("TT", context.getTimesys());
        assertEquals(50814, context.getMjdref().getDays());
        assertEquals(0.0, context.getMjdref().getFraction(), 0.0);
        assertEquals(2, context.getChannelsCount());
        assertEquals(Band.newBuilder().setLo(0.5).setHi(2).build(), context.getChannels(0).getBand());
        assertFalse(context.getChannels(1).hasBand(), "the reference: all events");
        assertEquals(context, out.expected().orElseThrow().getPlan().getObservation(), "the count carries the same plan");
        assertEquals(context, out.units().get(0).getPlan().getObservation());

        JobSpec twoBands = pds().setKind(ProductKind.CPDS).setBand1(Band.newBuilder().setLo(0).setHi(10))
                .setBand2(Band.newBuilder().setLo(10).setHi(100).setOnPi(true)).build();
        ObservationContext one = new JobPlanner(storage, UnitSizing.DEFAULT).plan(input(twoBands, storage, FILE)).plan()
                .getObservation();
        assertEquals(List.of(twoBands.getBand1(), twoBands.getBand2()),
                one.getChannelsList().stream().map(c -> c.getBand()).toList(), "one file, both bands in channel order");
    }

    /**
     * A FITS light curve given to a whole-series job is planned on its own bins as {@code manta bispectrum lc.fits}
     * reads it: its dt (another fails the job with the command's message), its GTIs, one unit of all its bins, the
     * gaps warning, and the context of its headers; a band or a segment product on it fails the job.
     */
    @Test
    void aLightCurveIsPlannedOnItsOwnDtAndGtisAsOneUnitWithItsContext() throws Exception {
        Path data = Files.createDirectories(staging.resolve("data"));
        Storage storage = new Storage(data, staging.resolve("staging"));
        String name = "rate.lc";
        OgipLightCurves.rateOnly(data.resolve(name), "s", 2.0, 1000.0, new double[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3});
        JobPlanner planner = new JobPlanner(storage, UnitSizing.DEFAULT);
        JobSpec.Builder bispectrum = JobSpec.newBuilder().setKind(ProductKind.BISPECTRUM).addInputs(name).setDt(2.0)
                .setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setMaxlag(3));

        JobPlanner.Output out = planner.plan(input(bispectrum.build(), storage, name));
        assertTrue(out.failure().isEmpty(), out.failure().toString());
        JobPlan plan = Plans.plan(out.plan());
        assertEquals(2.0, plan.segment().dt(), 0.0, "the light curve's own dt");
        assertEquals(GtiList.of(new double[] {1000, 1010}, new double[] {1008, 1020}), plan.gti(), "its GTI extension");
        assertEquals(1, out.units().size(), "one unit of the whole light curve");
        WorkUnit unit = Plans.unit(out.units().get(0), plan);
        assertEquals(List.of(0, plan.segmentCount()), List.of(unit.segmentFrom(), unit.segmentTo()));
        assertEquals(List.of(0L, 10L), List.of(unit.rowFrom(0), unit.rowTo(0)), "all its bins");
        assertEquals(1, out.warnings().size(), out.warnings().toString());
        assertTrue(out.warnings().get(0).startsWith(name + ": one bispectrum of the whole span (20 s) over 2 GTIs: the "
                + "gaps between them (1 gap, 2 s) are zeros"), out.warnings().get(0));
        ObservationContext context = out.plan().getObservation();
        assertEquals(List.of("SWIFT", "XRT", "GX 339-4", "TT"), List.of(context.getTelescope(), context.getInstrument(),
                context.getObject(), context.getTimesys()));
        assertEquals(55000, context.getMjdref().getDays());
        assertEquals(0.25, context.getMjdref().getFraction(), 0.0);
        assertEquals(1, context.getChannelsCount());
        assertFalse(context.getChannels(0).hasBand());

        assertFailure(planner.plan(input(bispectrum.setDt(1.0).build(), storage, name)),
                "dt = 1.0: expected the light curve's own dt = 2.0");
        assertFailure(planner.plan(input(JobSpec.newBuilder().setKind(ProductKind.LOMB).addInputs(name).setDt(2.0)
                .setLomb(org.manta.proto.v1.LombSpec.newBuilder().setMethod("fast"))
                .setBand1(Band.newBuilder().setLo(0.5).setHi(2)).build(), storage, name)), "a light curve has no energies");
        assertFailure(planner.plan(input(JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(name).setDt(2.0)
                .setSegmentSize(8).build(), storage, name)), ": is a binned light curve (HDU");
    }

    /**
     * The error distribution of a LOMB or MULTITAPER job ({@code err_dist}) as {@code manta lomb|multitaper --err-dist}
     * takes it: gauss of a light curve with errors is planned; gauss of an event file or of a light curve without
     * errors fails the job with the command's refusal; without err_dist a light curve whose errors are not Poisson is
     * warned of in the command's words (once for the same file twice), which fails the job under strict; poisson
     * asked for, or a bispectrum, is not warned of.
     */
    @Test
    void errDistGaussNeedsErrorsAndWithoutItErrorsThatAreNotPoissonAreWarnedOf() throws Exception {
        Storage storage = storage();
        String gauss = "data/lightcurve_gauss.lc";
        double dt = org.manta.core.lightcurve.LightCurveFile.read(file(storage, gauss), java.util.Optional.empty()).lc()
                .dt();
        JobPlanner planner = new JobPlanner(storage, UnitSizing.DEFAULT);
        JobSpec.Builder lomb = JobSpec.newBuilder().setKind(ProductKind.LOMB).addInputs(gauss).setDt(dt)
                .setLomb(org.manta.proto.v1.LombSpec.newBuilder().setErrDist("gauss"));
        JobPlanner.Output planned = planner.plan(input(lomb.build(), storage, gauss));
        assertTrue(planned.failure().isEmpty(), planned.failure().toString());
        assertEquals(List.of(), planned.warnings(), "gauss asked for");

        String noErrors = "err-dist = gauss: expected a light curve with errors for %s (a FITS ERROR column or a JSON "
                + "counts_err array; an event file or a light curve without them is Poisson: --err-dist poisson)";
        JobPlanner.Output events = planner.plan(input(lomb.clone().setInputs(0, FILE).setDt(1).build(), storage, FILE));
        assertEquals(java.util.Optional.of(String.format(noErrors, FILE)), events.failure(), "an event file");
        Path data = Files.createDirectories(staging.resolve("bare").resolve("data"));
        Storage bareStorage = new Storage(data, staging.resolve("bare").resolve("staging"));
        OgipLightCurves.withFracexp(data.resolve("bare.lc"), 2.0, 1000.0, new double[] {3, 1, 4, 1, 5, 9, 2, 6}, null,
                null);
        JobSpec.Builder multitaper = JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).addInputs("bare.lc").setDt(2.0)
                .setMultitaper(org.manta.proto.v1.MultitaperSpec.newBuilder().setErrDist("gauss"));
        assertEquals(java.util.Optional.of(String.format(noErrors, "bare.lc")), new JobPlanner(bareStorage,
                UnitSizing.DEFAULT).plan(input(multitaper.build(), bareStorage, "bare.lc")).failure(), "no errors");

        String warning = gauss + ": its errors are not Poisson ((mean error)^2 = 28.3414, mean counts = 9.79883): "
                + "normalised as Poisson; --err-dist gauss uses the file's errors, as Stingray's Lightcurve.read does";
        JobSpec.Builder unset = lomb.clone().setLomb(org.manta.proto.v1.LombSpec.newBuilder());
        assertEquals(List.of(warning), planner.plan(input(unset.build(), storage, gauss)).warnings());
        JobSpec.Builder cross = unset.clone().addInputs(gauss);
        assertEquals(List.of(warning), planner.plan(input(cross.build(), storage, gauss, gauss)).warnings(),
                "the same file twice: said once, as the command says it");
        JobSpec.Builder taper = JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).addInputs(gauss).setDt(dt)
                .setMultitaper(org.manta.proto.v1.MultitaperSpec.getDefaultInstance());
        assertEquals(List.of(warning), planner.plan(input(taper.build(), storage, gauss)).warnings());
        assertFailure(planner.plan(input(taper.setStrict(true).build(), storage, gauss)),
                warning + " (an error under --strict)");
        assertEquals(List.of(), planner.plan(input(lomb.clone().setLomb(org.manta.proto.v1.LombSpec.newBuilder()
                .setErrDist("poisson")).build(), storage, gauss)).warnings(), "poisson asked for: a choice");
        assertEquals(List.of(), planner.plan(input(JobSpec.newBuilder().setKind(ProductKind.BISPECTRUM).addInputs(gauss)
                .setDt(dt).setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setMaxlag(4)).build(), storage,
                gauss)).warnings(), "a bispectrum does not depend on how the counts scatter");
    }

    /**
     * An unevenly sampled JSON light curve given to a whole-series job is planned as {@code manta lomb lc.json} reads
     * it: its dt, the span of its times as GTI ({@code [t0 − dt/2, t_last + dt/2]}), whose segments of 2 dt only count
     * the job's progress, one unit of all its times, no warning, the context of its fields.
     */
    @Test
    void anUnevenJsonLightCurveIsPlannedOnTheSpanOfItsTimesAsOneUnitWithItsContext() throws Exception {
        Path data = Files.createDirectories(staging.resolve("data"));
        Storage storage = new Storage(data, staging.resolve("staging"));
        java.util.Random random = new java.util.Random(7);
        double[] time = new double[200];
        double[] counts = new double[time.length];
        for (int i = 0; i < time.length; i++) {
            time[i] = 100 * random.nextDouble();
            counts[i] = random.nextInt(30);
        }
        java.util.Arrays.sort(time);
        String name = "uneven.json";
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(data.resolve(name).toFile(), java.util.Map.of(
                "time", time, "counts", counts, "dt", 1.0, "telescope", "NICER", "instrument", "XTI", "object",
                "Aql X-1", "timesys", "TT", "mjdref", 56658.000777592));
        JobSpec lomb = JobSpec.newBuilder().setKind(ProductKind.LOMB).addInputs(name).setDt(1.0)
                .setLomb(org.manta.proto.v1.LombSpec.newBuilder().setMethod("fast")).build();
        JobPlanner.Output out = new JobPlanner(storage, UnitSizing.DEFAULT).plan(input(lomb, storage, name));
        assertTrue(out.failure().isEmpty(), out.failure().toString());
        JobPlan plan = Plans.plan(out.plan());
        assertEquals(1.0, plan.segment().dt(), 0.0, "its own dt");
        double start = time[0] - 0.5;
        double stop = time[time.length - 1] + 0.5;
        assertEquals(GtiList.of(new double[] {start}, new double[] {stop}), plan.gti(), "the span of its times");
        assertEquals((int) Math.floor((stop - start) / 2), plan.segmentCount(), "segments of 2 dt over the span");
        assertEquals(1, out.units().size(), "one unit of the whole light curve");
        WorkUnit unit = Plans.unit(out.units().get(0), plan);
        assertEquals(List.of(0, plan.segmentCount()), List.of(unit.segmentFrom(), unit.segmentTo()));
        assertEquals(List.of(0L, (long) time.length), List.of(unit.rowFrom(0), unit.rowTo(0)), "all its times");
        assertEquals(List.of(), out.warnings());
        ObservationContext context = out.plan().getObservation();
        assertEquals(List.of("NICER", "XTI", "Aql X-1", "TT"), List.of(context.getTelescope(), context.getInstrument(),
                context.getObject(), context.getTimesys()));
        assertEquals(56658, context.getMjdref().getDays());
        assertEquals(56658.000777592 - 56658, context.getMjdref().getFraction(), 0.0);

        assertFailure(new JobPlanner(storage, UnitSizing.DEFAULT).plan(input(lomb.toBuilder().setDt(0.5).build(),
                storage, name)), "dt = 0.5: expected the light curve's own dt = 1.0");
    }

    @Test
    void badInputFailsTheJobWithAReason() throws Exception {
        Storage storage = storage();
        JobPlanner planner = new JobPlanner(storage, UnitSizing.DEFAULT);
        JobInput changed = input(pds().build(), storage, FILE).toBuilder()
                .setInputs(0, input(pds().build(), storage, FILE).getInputs(0).toBuilder().setLocationSizeBytes(12345)).build();
        assertFailure(planner.plan(changed), "expected the 12345 bytes announced");
        JobInput missing = JobInput.newBuilder().setJobId("job").setSpec(pds().build())
                .addInputs(InputFile.newBuilder().setPath("nope.evt").setLocation("data:nope.evt")).build();
        assertFailure(planner.plan(missing), "nope.evt");
        JobPlanner.Output tooLong = planner.plan(input(pds().setSegmentSize(1100).build(), storage, FILE));
        assertFailure(tooLong, "no GTI is at least one segment long");
        assertTrue(tooLong.failure().get().startsWith("no GTI"), "said as manta pds says it: " + tooLong.failure().get());
        JobPlanner.Output contradicted = planner.plan(input(pds().build(), storage, FILE).toBuilder().clearInputs().build());
        assertFailure(contradicted, "input(s)");
        assertTrue(contradicted.failure().get().startsWith("segment-service: "), "an inconsistent record names the service");
    }

    /**
     * The plan's warnings are those of the embedded command ({@code PlanWarnings}, named by the path the job gave):
     * dt moved to Chandra's 0.44104-s TIMEDEL and the segment fixed to whole bins; GTIs taken from the events of a list
     * without a GTI extension; a bispectrum over two GTIs with the gaps as zeros. None for a plan that is the request.
     * Under strict the first one fails the job.
     */
    @Test
    void thePlansWarningsAreTheEmbeddedCommandsAndStrictMakesTheFirstAFailure() throws Exception {
        Storage storage = storage();
        JobPlanner planner = new JobPlanner(storage, UnitSizing.DEFAULT);
        String chandra = "data/chandra_test.fits";
        JobSpec acis = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(chandra).setDt(0.1).setSegmentSize(100)
                .build();
        JobPlanner.Output out = planner.plan(input(acis, storage, chandra));
        assertTrue(out.failure().isEmpty(), out.failure().toString());
        assertEquals(2, out.warnings().size(), out.warnings().toString());
        assertTrue(out.warnings().get(0).startsWith(chandra + ": the input event list has a time resolution of 0.44104 s"
                + " (TIMEDEL); using a multiple of that as dt (0.44104 s instead of 0.1 s"), out.warnings().get(0));
        assertTrue(out.warnings().get(1).startsWith("segment size fixed to a whole number of bins: 99.675 s"),
                out.warnings().get(1));

        JobPlanner.Output strict = planner.plan(input(acis.toBuilder().setStrict(true).build(), storage, chandra));
        assertFailure(strict, out.warnings().get(0) + " (an error under --strict)");

        String calib = "data/monol_testA_calib.evt";
        JobPlanner.Output noGti = planner.plan(input(pds().setInputs(0, calib).build(), storage, calib));
        assertTrue(noGti.warnings().get(0).startsWith(calib + " has no GTI extension: taking the good time from the first"
                + " and last event, ["), noGti.warnings().toString());

        String gapped = "data/sim_varenergy.evt.gz";
        JobSpec bispectrum = JobSpec.newBuilder().setKind(ProductKind.BISPECTRUM).addInputs(gapped).setDt(1)
                .setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setMaxlag(20)).build();
        JobPlanner.Output whole = planner.plan(input(bispectrum, storage, gapped));
        assertTrue(whole.failure().isEmpty(), whole.failure().toString());
        assertEquals(1, whole.warnings().size(), whole.warnings().toString());
        assertTrue(whole.warnings().get(0).startsWith(gapped + ": one bispectrum of the whole span ("), whole.warnings().get(0));
        assertTrue(whole.warnings().get(0).contains(" over 2 GTIs: the gaps between them (1 gap, "), whole.warnings().get(0));
        // the excess variance's light curves span the same gap, as manta varenergy --kind excvar says
        org.manta.core.varenergy.VarEnergyRequest excvar = new org.manta.core.varenergy.VarEnergyRequest(
                org.manta.core.varenergy.VarEnergyKind.EXCESS_VARIANCE, org.manta.core.spectrum.Normalization.FRAC, 1, 4,
                org.manta.core.varenergy.EnergyBands.energy(new double[] {0.5, 2, 12}),
                org.manta.core.varenergy.VarEnergyRequest.fullBand(false), 0, Double.POSITIVE_INFINITY, 1);
        JobSpec fvar = JobSpec.newBuilder().setKind(ProductKind.VARENERGY).addInputs(gapped).setDt(1).setSegmentSize(4)
                .setVarenergy(org.manta.mesh.common.mapping.VarEnergySpecs.spec(excvar)).build();
        JobPlanner.Output gaps = planner.plan(input(fvar, storage, gapped));
        assertTrue(gaps.failure().isEmpty(), gaps.failure().toString());
        assertEquals(List.of(gapped + ": one light curve per band (excvar) of the whole span (2100 s) over 2 GTIs: the "
                + "gaps between them (1 gap, 100 s) are zeros in the light curve; "
                + org.manta.core.plan.PlanWarnings.EXCESS_VARIANCE_ADVICE), gaps.warnings());

        assertEquals(List.of(), planner.plan(input(pds().build(), storage, FILE)).warnings(), "the plan is the request");
    }

    private static void assertFailure(JobPlanner.Output out, String fragment) {
        assertTrue(out.failure().isPresent(), "failed");
        assertTrue(out.failure().get().contains(fragment), out.failure().get());
        assertTrue(out.units().isEmpty());
    }
}
