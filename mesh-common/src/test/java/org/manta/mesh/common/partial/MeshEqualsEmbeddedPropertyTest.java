package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.events.ObservationInfo;
import org.manta.core.events.Timing;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.EventFileWriter;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.ObservationPlans;
import org.manta.core.plan.RowIndex;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.plan.TimeFilter;
import org.manta.core.plan.UnitReader;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnit;
import org.manta.core.plan.WorkUnits;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Observations;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.SegmentRow;
import org.manta.proto.v1.TimeFilterSpec;

/**
 * The property of design.md §2.1: a product made by the mesh equals the embedded product of the same
 * job. Each trial makes random event files ({@link SyntheticEventFiles}: touching GTIs, tiny gaps, events
 * on a TIMEDEL grid and on segment boundaries, ENERGY or PI-only columns) and a random job (every
 * product and norm, bands on energy and on PI, dt that TIMEDEL changes or that is not a power of two,
 * segments that are not whole numbers of dt, time filters; in a third of the PDS and CPDS trials two or three
 * observations averaged, as {@code manta pds F1 F2} and {@code manta cpds A1 B1 A2 B2} average them), computes the embedded product ({@link EmbeddedPipeline})
 * and the mesh's, in-process but exactly as the services do it: the spec validated
 * ({@link JobSpecs#request}), planned on the files' headers and cut into work units by random sizing
 * (segment-service), the plan and units through their records ({@link Plans}), units read and folded in
 * random batches ({@link UnitReader}, {@link MeshPartial#fold}: fft-service), partials through the wire
 * form, shuffled and merged in a random two-level tree (combiners, then the final merge with DYNPS rows
 * kept apart: reduce-service), normalised once. Some trials run the mesh on the files staged as
 * ingest stages an upload (the events re-written by {@link EventFileWriter}); the product must still
 * equal the embedded product of the original files.
 *
 * <p>A failing trial is named by its seed: {@link #trial(long, Path)} reruns it alone.
 */
class MeshEqualsEmbeddedPropertyTest {
    /** Seed of the first trial; trial i has seed BASE_SEED + i ({@code -Dmanta.property.seed} for a longer search). */
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_206L);
    /** Trials per run: about 2 s on two cores ({@code -Dmanta.property.trials} for a longer search). */
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 50);
    /**
     * Mesh and embedded products add the same per-segment terms (bit-identical: the same events, the same
     * kernel), only in another order (segments across units and batches, partials in a tree): a few ulp of
     * the largest term. Arrays are compared relative to their largest |value|.
     */
    private static final double SUMMATION_ORDER_TOL = 1e-12;
    private static final String JOB = "job-property";
    /** Requested bin times, s: powers of two and not. */
    private static final double[] DTS = {1.0 / 128, 1.0 / 512, 0.01, 0.003, 0.0117, 0.001};
    /** TIMEDEL of the files, s (0: none written): a dyadic clock, and decimal ones that change dt. */
    private static final double[] TIMEDELS = {0, 0, 0x1p-20, 1e-4, 0.0025, 1.0 / 256};
    private static final double[] TIMEZEROS = {0.1, 3.37849044515625, -1e-3};
    /** Observation start times, MET s: small, and as large as NuSTAR's. */
    private static final double[] T0S = {0, 1000.25, 8.1e7, 3.5e8};

    /** Trials of several observations whose products were compared (not without data). */
    private static final java.util.concurrent.atomic.AtomicInteger SEVERAL_COMPARED = new java.util.concurrent.atomic.AtomicInteger();

    @TempDir
    Path dir;

    @Test
    void meshProductsEqualEmbeddedProductsOverRandomJobs() {
        List<String> failures = new ArrayList<>();
        int[] outcomes = new int[3];    // compared, compared with a staged upload, no data in both paths
        for (int i = 0; i < TRIALS; i++) {
            long seed = BASE_SEED + i;
            try {
                Outcome o = trial(seed, dir.resolve("trial-" + seed));
                outcomes[o.ordinal()]++;
            } catch (AssertionError e) {
                failures.add(e.getMessage());       // names the seed and the trial
            } catch (RuntimeException e) {
                failures.add("seed " + seed + ": " + e);
            }
        }
        System.out.printf("mesh == embedded, %d trials from seed %d: %d equal on server paths, %d equal on staged "
                + "uploads (%d of them of several observations), %d without data in both, %d differ%n", TRIALS, BASE_SEED,
                outcomes[0], outcomes[1], SEVERAL_COMPARED.get(), outcomes[2], failures.size());
        assertTrue(TRIALS < 20 || SEVERAL_COMPARED.get() > 0, "some trials compare jobs of several observations");
        assertTrue(failures.isEmpty(), failures.size() + " of " + TRIALS + " trials differ:\n" + String.join("\n", failures));
    }

    /**
     * Known difference, found by the property (e.g. seed 5000251 of {@code -Dmanta.property.seed=5000000}): an
     * uploaded NuSTAR list with PI only gets energies {@code 0.04·PI + 1.62} keV from the reader's calibration;
     * the client sends them with PI, and ingest stages them in an ENERGY column of single precision (unless a
     * band selects on PI). A band edge on a channel's energy then moves: PI 63 is 4.140000000000001 keV for the
     * original, 4.139999866485596 keV in the staged copy, so a band from 4.14 keV loses channel 63 in the mesh.
     * Fails until staging keeps the energies exact (ENERGY as 1D, or PI without ENERGY when PI came with it).
     */
    @Test
    void stagedUploadOfCalibratedPiSelectsTheSameChannelsAtABandEdge() {
        Random rnd = new Random(63);
        GtiList gti = GtiList.of(new Gti(0, 16));
        double[] time = new double[600];
        int[] pi = new int[time.length];
        for (int i = 0; i < time.length; i++) {
            time[i] = 16.0 * i / time.length;
            pi[i] = 62 + rnd.nextInt(3);        // 4.1, 4.14 and 4.18 keV
        }
        Path file = SyntheticEventFiles.write(dir.resolve("nustar-pi.evt"), Columns.NUSTAR_PI, 0, gti, time, pi, null);
        JobRequest request = JobRequest.power(1.0 / 64, 4, Normalization.LEAHY, Optional.of(EnergyBand.energy(4.14, 8.25)));
        assertEquals(Outcome.STAGED_UPLOAD, check(Trial.of(63, request, List.of(file), List.of(Columns.NUSTAR_PI), 0,
                false, true, new UnitSizing(100, 2, 2), rnd, List.of())));
    }

    private enum Outcome { SERVER_PATHS, STAGED_UPLOAD, NO_DATA }

    /** One random trial: files and job from {@code seed}, embedded product against the mesh's. */
    static Outcome trial(long seed, Path dir) {
        return check(Trial.random(seed, dir));
    }

    /** The embedded product of a trial against the mesh's. */
    private static Outcome check(Trial t) {
        String context = t + ": ";
        Object expected;
        List<EmbeddedPipeline.Observation> embedded;
        try {
            // several observations as `manta pds F1 F2` / `manta cpds A1 B1 A2 B2` plan and average them (one: the plan)
            embedded = EmbeddedPipeline.plans(t.request, t.perObservation(t.files), EmbeddedPipeline::plan);
            EmbeddedPipeline pipeline = new EmbeddedPipeline(PoolSettings.ofThreads(2));
            expected = switch (t.request.kind()) {
                case PDS -> pipeline.powerSpectrum(embedded, ProgressListener.NONE);
                case CPDS -> pipeline.crossSpectrum(embedded, ProgressListener.NONE);
                case DYNPS -> pipeline.dynamicalPowerSpectrum(embedded.get(0).plan(), t.files, ProgressListener.NONE);
            };
        } catch (NoDataException e) {
            try {
                Mesh m = Mesh.run(t);
                fail(context + "embedded: no data (" + e.getMessage() + "), but the mesh made a product of "
                        + m.merged.usedCount() + " segments");
            } catch (NoDataException expectedToo) {
                return Outcome.NO_DATA;
            }
            throw new IllegalStateException("unreachable");
        }
        Mesh m = Mesh.run(t);
        assertEquals(embedded.size(), m.plans.size(), context + "observations");
        for (int k = 0; k < embedded.size(); k++) {
            JobPlan e = embedded.get(k).plan();
            JobPlan a = m.plans.get(k);
            String which = context + (embedded.size() > 1 ? "observation " + k + ": " : "");
            assertEquals(e.segment(), a.segment(), which + "compatible dt and segment layout");
            assertEquals(e.gti(), a.gti(), which + "GTIs");
            assertArrayEquals(e.starts(0, e.segmentCount()), a.starts(0, a.segmentCount()), which + "segment starts");
        }
        long total = ObservationPlans.segmentCount(m.plans);
        assertTrue(m.merged.processed().coversExactly(total),
                context + "processed segments " + m.merged.processed() + " are [0, " + total + ")");
        switch (t.request.kind()) {
            case PDS -> assertPdsEquals((AveragedPowerSpectrum) expected, (AveragedPowerSpectrum) m.product, context);
            case CPDS -> assertCpdsEquals((AveragedCrossSpectrum) expected, (AveragedCrossSpectrum) m.product, context);
            case DYNPS -> assertDynpsEquals((DynamicalPowerSpectrum) expected, (DynamicalPowerSpectrum) m.product, context);
        }
        if (!t.observationInputs.isEmpty()) {
            SEVERAL_COMPARED.incrementAndGet();
        }
        return t.upload ? Outcome.STAGED_UPLOAD : Outcome.SERVER_PATHS;
    }

    // ------------------------------------------------------------------ the random job

    /**
     * A random job on random files.
     *
     * @param request   the job as the embedded pipeline (the cli) gets it
     * @param spec      the same job as a client's JobSpec
     * @param files     the event files, in input order
     * @param upload    whether the mesh gets the files as an upload (staged) or as server paths
     * @param meshFiles what the mesh reads: the files, or their staged copies
     */
    private record Trial(long seed, JobRequest request, JobSpec spec, List<Path> files, List<Columns> columns,
                         double timedel, boolean onGrid, boolean upload, List<Path> meshFiles, UnitSizing sizing,
                         Random rnd, List<Integer> observationInputs) {
        /** The job's inputs (files, ...) cut into those of each observation (one observation: all of them). */
        <T> List<List<T>> perObservation(List<T> inputs) {
            if (observationInputs.isEmpty()) {
                return List.of(inputs);
            }
            List<List<T>> out = new ArrayList<>();
            int first = 0;
            for (int count : observationInputs) {
                out.add(inputs.subList(first, first + count));
                first += count;
            }
            return out;
        }

        static Trial random(long seed, Path dir) {
            Random rnd = new Random(seed);
            SpectrumKind kind = SpectrumKind.values()[rnd.nextInt(3)];
            int inputs = kind == SpectrumKind.CPDS && rnd.nextBoolean() ? 2 : 1;
            Normalization norm = Normalization.values()[rnd.nextInt(Normalization.values().length)];
            boolean commonMean = kind != SpectrumKind.PDS || rnd.nextBoolean();
            double dt = DTS[rnd.nextInt(DTS.length)];
            double timedel = TIMEDELS[rnd.nextInt(TIMEDELS.length)];
            boolean onGrid = timedel > 0 && rnd.nextInt(3) > 0;
            int nbin = (int) Math.round(24 * Math.exp(rnd.nextDouble() * Math.log(1500 / 24.0)));
            double segmentSize = (nbin + (rnd.nextInt(3) == 0 ? 0 : 0.02 + 0.96 * rnd.nextDouble())) * dt;
            double planned = SegmentSpec.of(Timing.compatibleDt(dt, timedel), segmentSize).segmentSize();

            double t0 = T0S[rnd.nextInt(T0S.length)] + 100 * rnd.nextDouble();
            GtiList gti1 = SyntheticEventFiles.randomGtis(rnd, t0, planned);
            GtiList gti2 = inputs == 2 ? SyntheticEventFiles.perturbed(rnd, gti1, planned) : gti1;
            GtiList cross = Gtis.intersect(gti1, gti2);    // where a cross spectrum's segments start
            List<Columns> columns = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < inputs; i++) {
                Columns c = Columns.values()[rnd.nextInt(Columns.values().length)];
                columns.add(c);
                files.add(SyntheticEventFiles.random(rnd, dir.resolve("events-" + i + ".evt"), c, timedel, onGrid,
                        i == 0 ? gti1 : gti2, planned, cross));
                if (rnd.nextInt(3) == 0) {    // longdouble GTIs and segment starts, as Stingray reads TIMEZERO
                    SyntheticEventFiles.withTimezero(files.get(i), TIMEZEROS[rnd.nextInt(TIMEZEROS.length)]);
                }
            }
            boolean bothBands = kind == SpectrumKind.CPDS && inputs == 1;
            Optional<EnergyBand> band1 = band(rnd, columns.get(0), bothBands);
            Optional<EnergyBand> band2 = kind == SpectrumKind.CPDS ? band(rnd, columns.get(inputs - 1), bothBands)
                    : Optional.empty();
            // in one trial of three of a PDS or CPDS, more observations at later times (`manta pds F1 F2`), drawn from
            // another generator so that the one-observation trials stay as they were
            Random more = new Random(seed * 0x9E3779B97F4A7C15L);
            List<Integer> observationInputs = new ArrayList<>();
            List<GtiList> all = new ArrayList<>(List.of(gti1));
            if (kind != SpectrumKind.DYNPS && more.nextInt(3) == 0) {
                observationInputs.add(inputs);
                double after = gti1.stop();
                for (int k = 1, n = 2 + more.nextInt(2); k < n; k++) {
                    // a CPDS observation is two bands of one list (when both bands are given) or two lists
                    int own = kind == SpectrumKind.CPDS && (!bothBands && (band1.isEmpty() || band2.isEmpty())
                            || columns.get(0) != columns.get(inputs - 1) || more.nextBoolean()) ? 2 : 1;
                    GtiList g1 = SyntheticEventFiles.randomGtis(more, after + 50 + 1000 * more.nextDouble(), planned);
                    GtiList g2 = own == 2 ? SyntheticEventFiles.perturbed(more, g1, planned) : g1;
                    GtiList common = Gtis.intersect(g1, g2);
                    for (int i = 0; i < own; i++) {
                        Columns c = columns.get(i == 0 ? 0 : inputs - 1);    // the columns the bands were drawn on
                        columns.add(c);
                        Path f = SyntheticEventFiles.random(more, dir.resolve("events-" + k + "-" + i + ".evt"), c,
                                timedel, onGrid, i == 0 ? g1 : g2, planned, common);
                        if (more.nextInt(3) == 0) {
                            SyntheticEventFiles.withTimezero(f, TIMEZEROS[more.nextInt(TIMEZEROS.length)]);
                        }
                        files.add(f);
                    }
                    observationInputs.add(own);
                    all.add(g1);
                    after = Math.max(g1.stop(), g2.stop());
                }
            }
            JobRequest request = new JobRequest(kind, dt, segmentSize, norm, commonMean, band1, band2, inputs)
                    .withTimeFilter(randomTimeFilter(new Random(~seed), Gtis.union(all), planned));
            UnitSizing sizing = new UnitSizing(1 + rnd.nextInt(5000), 1 + rnd.nextInt(8), 1 + rnd.nextInt(10));
            return of(seed, request, files, columns, timedel, onGrid, rnd.nextInt(3) == 0, sizing, rnd, observationInputs);
        }

        /**
         * A trial of {@code request} on {@code files}: the client's JobSpec of it (server paths, or an upload
         * whose lists are staged next to the files).
         */
        static Trial of(long seed, JobRequest request, List<Path> files, List<Columns> columns, double timedel,
                        boolean onGrid, boolean upload, UnitSizing sizing, Random rnd, List<Integer> observationInputs) {
            Normalization norm = request.norm();
            JobSpec.Builder spec = JobSpec.newBuilder().setKind(JobSpecs.kind(request.kind())).setDt(request.dt())
                    .setSegmentSize(request.segmentSize())
                    .setNorm(norm == Normalization.LEAHY && rnd.nextBoolean() ? Norm.NORM_UNSPECIFIED : Protos.norm(norm));
            if (!request.useCommonMean() || rnd.nextBoolean()) {
                spec.setUseCommonMean(request.useCommonMean());
            }
            request.band1().ifPresent(b -> spec.setBand1(Protos.band(b)));
            request.band2().ifPresent(b -> spec.setBand2(Protos.band(b)));
            TimeFilter filter = request.timeFilter();
            if (!filter.isNone()) {
                TimeFilterSpec.Builder f = TimeFilterSpec.newBuilder().setMinGti(filter.minGti());
                filter.userGti().ifPresent(g -> f.addAllUserGti(Protos.gtis(g)));
                filter.tstart().ifPresent(f::setTstart);
                filter.tstop().ifPresent(f::setTstop);
                spec.setTimeFilter(f);
            }
            spec.addAllObservationInputs(observationInputs);
            List<Path> meshFiles = new ArrayList<>();
            int first = 0;     // the first input of the observation of input i
            int observation = 0;
            for (int i = 0; i < files.size(); i++) {
                int own = observationInputs.isEmpty() ? files.size() : observationInputs.get(observation);
                if (upload) {
                    Path f = files.get(i);
                    meshFiles.add(stage(f, f.resolveSibling("upload-" + i + ".fits"), request.withInputs(own), i - first));
                } else {
                    spec.addInputs("obs/" + files.get(i).getFileName());
                    meshFiles.add(files.get(i));
                }
                if (i + 1 - first == own) {
                    first = i + 1;
                    observation++;
                }
            }
            // older clients leave upload_inputs 0: one list, or two for a CPDS without both bands
            int inferred = request.kind() == SpectrumKind.CPDS && (request.band1().isEmpty() || request.band2().isEmpty())
                    ? 2 : 1;
            if (upload && (inferred != files.size() || !observationInputs.isEmpty() || rnd.nextBoolean())) {
                spec.setUploadInputs(files.size());
            }
            return new Trial(seed, request, spec.build(), files, columns, timedel, onGrid, upload, meshFiles, sizing, rnd,
                    List.copyOf(observationInputs));
        }

        /**
         * In one trial of three, a time filter as {@code --gti --tstart --tstop --min-gti} make it, over the first
         * file's GTIs {@code gti} (of several observations, the union of theirs): any of a time range inside their span, a user GTI over part of it and a shortest
         * GTI of up to two segments (it may leave no good time: then neither path has data).
         */
        private static TimeFilter randomTimeFilter(Random rnd, GtiList gti, double segment) {
            if (rnd.nextInt(3) > 0) {
                return TimeFilter.none();
            }
            double start = gti.intervals().get(0).start();
            double span = gti.intervals().get(gti.size() - 1).stop() - start;
            OptionalDouble tstart = rnd.nextBoolean() ? OptionalDouble.of(start + 0.3 * span * rnd.nextDouble())
                    : OptionalDouble.empty();
            OptionalDouble tstop = rnd.nextBoolean() ? OptionalDouble.of(start + span * (0.7 + 0.3 * rnd.nextDouble()))
                    : OptionalDouble.empty();
            Optional<GtiList> user = Optional.empty();
            if (rnd.nextBoolean()) {
                double a = start + 0.5 * span * rnd.nextDouble();
                user = Optional.of(GtiList.of(new Gti(a, a + span * (0.2 + 0.5 * rnd.nextDouble()))));
            }
            double minGti = rnd.nextBoolean() ? 2 * segment * rnd.nextDouble() : 0;
            return new TimeFilter(user, tstart, tstop, minGti);
        }

        /** A band a file's columns can select on (never one it lacks); none only when not {@code required}. */
        private static Optional<EnergyBand> band(Random rnd, Columns columns, boolean required) {
            int choice = rnd.nextInt(required ? 2 : 3);
            if (choice == 2) {
                return Optional.empty();
            }
            boolean onPi = !columns.hasEnergy() || (columns.hasPi() && choice == 1);
            if (onPi) {
                int lo = rnd.nextInt(columns == Columns.NUSTAR_PI ? 200 : 600);
                return Optional.of(EnergyBand.pi(lo, lo + 20 + rnd.nextInt(300)));
            }
            double lo = 0.5 + 7.5 * rnd.nextDouble();
            double hi = lo + 1 + 7 * rnd.nextDouble();
            if (rnd.nextBoolean()) {    // edges as a user types them, e.g. 5.1 keV
                lo = Math.rint(lo * 100) / 100;
                hi = Math.rint(hi * 100) / 100;
            }
            return Optional.of(EnergyBand.energy(lo, hi));
        }

        @Override
        public String toString() {
            return "seed " + seed + " [" + request.kind() + ", " + (observationInputs.isEmpty() ? request.inputs()
                    + " input(s) " : "observations of " + observationInputs + " input(s) ") + columns + ", norm "
                    + request.norm() + (request.useCommonMean() ? "" : ", per-segment mean") + ", dt " + request.dt()
                    + " s, segment " + request.segmentSize() + " s, TIMEDEL " + timedel + (onGrid ? " (grid)" : "")
                    + ", band1 " + request.band1().map(Object::toString).orElse("-") + ", band2 "
                    + request.band2().map(Object::toString).orElse("-") + ", " + (upload ? "staged upload" : "server paths")
                    + ", " + sizing + "]";
        }
    }

    /**
     * Stages an event list as ingest stages an upload (ingest-service {@code UploadSession}): the client
     * sends what the core reader gives (times; energies when it has them; PI when it has them) with the
     * GTIs and header info, and ingest writes them with {@link EventFileWriter}, with an ENERGY column
     * unless the list also came with PI and a band of the job selects on this list's PI (a staged file
     * with ENERGY is read for energies only).
     */
    private static Path stage(Path original, Path staged, JobRequest request, int input) {
        boolean piBand = false;
        for (int c = 0; c < request.channels(); c++) {
            piBand |= request.inputOf(c) == input && request.bandOf(c).map(EnergyBand::onPi).orElse(false);
        }
        try (EventFileReader r = EventFileReader.open(original)) {
            EventList events = r.readAll(null);
            boolean writeEnergy = r.hasEnergy() && !(r.hasPi() && piBand);
            ObservationInfo info = r.info();
            String telescope = info.telescope().isEmpty() ? info.mission() : info.telescope();
            EventFileWriter.Options options = new EventFileWriter.Options(telescope, info.instrument(), info.mjdref(),
                    info.timesys(), info.timedel(), writeEnergy, info.tstart(), info.tstop());
            try (EventFileWriter w = EventFileWriter.create(staged, options)) {
                w.write(events.time(), r.hasPi() ? events.pi() : new int[events.size()],
                        writeEnergy ? events.energy() : null, 0, events.size());
                w.finish(events.gti());
            }
        }
        return staged;
    }

    // ------------------------------------------------------------------ the mesh, in-process

    /**
     * What the mesh made of a trial: the plans every stage rebuilt from their records (one per observation), the final
     * merged state, the product.
     */
    private record Mesh(List<JobPlan> plans, MeshPartial merged, Object product) {
        static Mesh run(Trial t) {
            Random rnd = t.rnd;
            // segment-service: validate, plan each observation on its headers, cut by bisection, publish plans and units
            List<EventFileReader> readers = new ArrayList<>();
            List<org.manta.proto.v1.WorkUnit> unitRecords = new ArrayList<>();
            try {
                List<InputHeader> headers = new ArrayList<>();
                List<InputFile> inputs = new ArrayList<>();
                for (int i = 0; i < t.meshFiles.size(); i++) {
                    Path f = t.meshFiles.get(i);
                    readers.add(EventFileReader.open(f));
                    String name = t.upload ? "upload:" + i : t.spec.getInputs(i);
                    headers.add(InputHeader.of(name, readers.get(i)));
                    inputs.add(InputFile.newBuilder().setPath(name).setLocation((t.upload ? "staging:" : "data:")
                            + f.getFileName()).build());
                }
                List<JobPlan> planned = Observations.plans(t.spec, t.upload, headers, JobPlan::of);
                List<JobSpec> specs = Observations.specs(t.spec, t.upload);
                List<List<RowIndex>> index = Observations.split(t.spec, readers.stream().map(RowIndex::of).toList());
                List<List<InputFile>> inputsOf = Observations.split(t.spec, inputs);
                List<JobPlanRecord> records = new ArrayList<>();
                List<List<WorkUnit>> units = new ArrayList<>();
                for (int k = 0; k < planned.size(); k++) {
                    records.add(Plans.record(specs.get(k), planned.get(k), inputsOf.get(k), 0));
                    units.add(WorkUnits.cut(planned.get(k), index.get(k), t.sizing));
                }
                for (org.manta.proto.v1.WorkUnit u : Plans.cut(JOB, records, units).units()) {
                    unitRecords.add(reparse(u.toByteArray(), org.manta.proto.v1.WorkUnit::parseFrom));
                }
            } finally {
                readers.forEach(EventFileReader::close);
            }

            // fft-service: units in any order, in batches, one partial per batch and observation (sometimes per unit);
            // each observation's plan from its units' record, its files read with its segments numbered after the
            // earlier observations'
            List<List<Path>> filesOf = t.perObservation(t.meshFiles);
            Map<Long, JobPlan> plansByOffset = new TreeMap<>();
            for (org.manta.proto.v1.WorkUnit u : unitRecords) {
                plansByOffset.computeIfAbsent(u.getPlan().getSegmentOffset(), o -> Plans.plan(u.getPlan()));
            }
            List<JobPlan> plans = List.copyOf(plansByOffset.values());
            List<Long> offsets = List.copyOf(plansByOffset.keySet());
            JobPlan first = plans.get(0);
            ProductKind kind = JobSpecs.kind(first.kind());
            boolean perSegmentSums = first.kind() == SpectrumKind.PDS && !first.request().useCommonMean();
            Supplier<MeshPartial> empty = () -> MeshPartial.empty(JOB, kind, first.segment(), perSegmentSums);
            SegmentKernel kernel = new SegmentKernel(first.segment());
            Collections.shuffle(unitRecords, rnd);
            List<PartialAccumulator> partials = new ArrayList<>();
            UnitReader reader = null;
            long readerOffset = -1;
            try {
                int next = 0;
                while (next < unitRecords.size()) {
                    MeshPartial[] partial = {empty.get()};
                    for (int b = 1 + rnd.nextInt(4); b > 0 && next < unitRecords.size(); b--) {
                        org.manta.proto.v1.WorkUnit record = unitRecords.get(next++);
                        long offset = record.getPlan().getSegmentOffset();
                        JobPlan plan = plans.get(offsets.indexOf(offset));
                        if (reader == null || offset != readerOffset || rnd.nextInt(3) == 0) {   // a worker keeps its readers
                            if (reader != null) {
                                reader.close();
                            }
                            reader = new UnitReader(plan, filesOf.get(offsets.indexOf(offset)), Math.toIntExact(offset));
                            readerOffset = offset;
                            if (partial[0].processedCount() > 0) {     // another observation: another partial
                                partials.add(wire(partial[0].toProto(true)));
                                partial[0] = empty.get();
                            }
                        }
                        reader.forEachSegment(Plans.unit(record, plan), slices -> partial[0].fold(slices, kernel));
                        if (rnd.nextInt(4) == 0) {
                            partials.add(wire(partial[0].toProto(true)));
                            partial[0] = empty.get();
                        }
                    }
                    if (partial[0].processedCount() > 0) {
                        partials.add(wire(partial[0].toProto(true)));
                    }
                }
            } finally {
                if (reader != null) {
                    reader.close();
                }
            }

            // reduce-service: combiners merge random groups, the final merge keeps DYNPS rows apart and
            // its state in the store's (row-less) form; the product's GTIs are the observations' union
            List<PartialAccumulator> combined = combine(partials, rnd);
            MeshPartial merged = null;
            List<SegmentRow> rows = new ArrayList<>();
            for (PartialAccumulator c : combined) {
                rows.addAll(c.getRowsList());
                MeshPartial in = MeshPartial.fromProto(c.toBuilder().clearRows().build());
                merged = merged == null ? in : merged.merge(in);
                if (rnd.nextBoolean()) {
                    merged = MeshPartial.fromProto(wire(merged.toProto(false)));
                }
            }
            Normalization norm = first.request().norm();
            GtiList gti = ObservationPlans.gti(plans);
            Object product = switch (merged) {
                case PowerPartial pds -> pds.power().result(norm, first.request().useCommonMean()).withGti(gti);
                case CrossPartial cpds -> cpds.cross().result(norm).withGti(gti);
                case DynamicalPartial dynps -> {
                    DynamicalPowerAccumulator acc = new DynamicalPowerAccumulator(first.segment());
                    Collections.shuffle(rows, rnd);
                    rows.forEach(r -> acc.addColumn(DynamicalPartial.row(r)));
                    yield acc.result(norm);
                }
                case VarEnergyPartial v -> throw new IllegalStateException("a VARENERGY partial of a " + first.kind()
                        + " job (MeshEqualsEmbeddedVarEnergyPropertyTest runs those)");
                case FadPartial f -> throw new IllegalStateException("a FAD partial of a " + first.kind()
                        + " job (MeshEqualsEmbeddedFadPropertyTest runs those)");
                case ExcessVariancePartial x -> throw new IllegalStateException("an excess-variance partial of a "
                        + first.kind() + " job (MeshEqualsEmbeddedFadPropertyTest runs those)");
                case WholeSeriesPartial w -> throw new IllegalStateException("a whole-series partial of a "
                        + first.kind() + " job (MeshEqualsEmbeddedLombPropertyTest runs those)");
            };
            return new Mesh(plans, merged, product);
        }
    }

    /**
     * reduce-service's combiners (tree level 2) on shuffled worker partials: random groups of 1–4 merged, each
     * through the wire; the combined partials shuffled for the final merge.
     */
    static List<PartialAccumulator> combine(List<PartialAccumulator> partials, Random rnd) {
        Collections.shuffle(partials, rnd);
        List<PartialAccumulator> combined = new ArrayList<>();
        for (int next = 0; next < partials.size(); ) {
            MeshPartial group = MeshPartial.fromProto(partials.get(next++));
            for (int g = rnd.nextInt(4); g > 0 && next < partials.size(); g--) {
                group.merge(MeshPartial.fromProto(partials.get(next++)));
            }
            combined.add(wire(group.toProto(true)));
        }
        Collections.shuffle(combined, rnd);
        return combined;
    }

    /** A partial through its bytes, as a topic carries it (also for the sibling property tests). */
    static PartialAccumulator wire(PartialAccumulator p) {
        return reparse(p.toByteArray(), PartialAccumulator::parseFrom);
    }

    interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }

    static <T> T reparse(byte[] bytes, Parser<T> parser) {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ comparisons

    private static void assertPdsEquals(AveragedPowerSpectrum e, AveragedPowerSpectrum a, String context) {
        assertEquals(e.segments(), a.segments(), context + "m (segments)");
        assertEquals(e.n(), a.n(), context + "n");
        assertEquals(e.df(), a.df(), 0.0, context + "df");
        assertArrayEquals(e.freq(), a.freq(), 0.0, context + "freq");
        assertArrayEquals(e.m(), a.m(), 0.0, context + "m per bin");
        assertClose(e.nphots(), a.nphots(), context + "nphots (mean per segment)");
        assertClose(e.power(), a.power(), context + "power");
        assertClose(e.powerErr(), a.powerErr(), context + "power_err");
        assertClose(e.unnormPower(), a.unnormPower(), context + "unnorm_power");
        assertEquals(e.gti(), a.gti(), context + "gti");
    }

    /** The auxiliary power spectra of both channels (segments, n, df, freq, m, photons, powers), then the cross power and lags. */
    private static void assertCpdsEquals(AveragedCrossSpectrum e, AveragedCrossSpectrum a, String context) {
        assertPdsEquals(e.pds1(), a.pds1(), context + "pds1 ");
        assertPdsEquals(e.pds2(), a.pds2(), context + "pds2 ");
        assertEquals(e.segments(), a.segments(), context + "m (segments)");
        assertArrayEquals(e.m(), a.m(), 0.0, context + "m per bin");
        assertArrayEquals(e.freq(), a.freq(), 0.0, context + "freq");
        double scale = largestModulus(e.power().re(), e.power().im());
        assertClose(e.power().re(), a.power().re(), scale, context + "cross power, real part");
        assertClose(e.power().im(), a.power().im(), scale, context + "cross power, imaginary part");
        assertLagsClose(e, a, context);
        assertEquals(e.gti(), a.gti(), context + "gti");
    }

    /**
     * Time lags where they are defined ({@code C_j != 0}): the cross power differs by at most
     * {@code δ = TOL·max|C|} in each part, so the phase by about {@code √2·δ/|C_j|} (first order) and the
     * time lag by that over {@code 2π f_j}; allowed: twice that.
     */
    private static void assertLagsClose(AveragedCrossSpectrum e, AveragedCrossSpectrum a, String context) {
        double scale = largestModulus(e.power().re(), e.power().im());
        double[] lagE = e.timeLag().value();
        double[] lagA = a.timeLag().value();
        for (int j = 0; j < lagE.length; j++) {
            double modulus = Math.hypot(e.power().re()[j], e.power().im()[j]);
            if (modulus == 0) {
                continue;
            }
            double allowed = 2 * Math.sqrt(2) * SUMMATION_ORDER_TOL * scale / modulus / (2 * Math.PI * e.freq()[j]);
            if (!(Math.abs(lagE[j] - lagA[j]) <= allowed)) {
                fail(context + "time lag[" + j + "] at " + e.freq()[j] + " Hz: embedded " + lagE[j] + " s, mesh "
                        + lagA[j] + " s (allowed " + allowed + " s)");
            }
        }
    }

    private static void assertDynpsEquals(DynamicalPowerSpectrum e, DynamicalPowerSpectrum a, String context) {
        assertEquals(e.m(), a.m(), context + "m");
        assertEquals(e.df(), a.df(), 0.0, context + "df");
        assertEquals(e.dt(), a.dt(), 0.0, context + "dt");
        assertArrayEquals(e.freq(), a.freq(), 0.0, context + "freq");
        assertArrayEquals(e.time(), a.time(), 0.0, context + "column times (the used segments)");
        assertClose(e.nphots(), a.nphots(), context + "nphots (mean per used segment)");
        assertClose(e.meanrate(), a.meanrate(), context + "meanrate");
        double scale = 0;
        for (double[] row : e.dynPs()) {
            scale = Math.max(scale, largest(row));
        }
        assertEquals(e.dynPs().length, a.dynPs().length, context + "frequencies of dyn_ps");
        for (int j = 0; j < e.dynPs().length; j++) {
            assertClose(e.dynPs()[j], a.dynPs()[j], scale, context + "dyn_ps at " + e.freq()[j] + " Hz");
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertClose(new double[] {expected}, new double[] {actual}, what);
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertClose(expected, actual, largest(expected), what);
    }

    /** Each value within {@link #SUMMATION_ORDER_TOL}·{@code scale}; NaN where the embedded value is NaN. */
    private static void assertClose(double[] expected, double[] actual, double scale, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int j = 0; j < expected.length; j++) {
            boolean same = Double.isNaN(expected[j]) ? Double.isNaN(actual[j])
                    : Math.abs(expected[j] - actual[j]) <= SUMMATION_ORDER_TOL * scale;
            if (!same) {
                fail(what + "[" + j + "]: embedded " + expected[j] + ", mesh " + actual[j] + " (difference "
                        + (actual[j] - expected[j]) + ", largest |value| " + scale + ")");
            }
        }
    }

    private static double largest(double[] values) {
        double m = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    private static double largestModulus(double[] re, double[] im) {
        double m = 0;
        for (int j = 0; j < re.length; j++) {
            m = Math.max(m, Math.hypot(re[j], im[j]));
        }
        return m;
    }
}
