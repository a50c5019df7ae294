package org.manta.segment.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.manta.core.MantaException;
import org.manta.core.events.ObservationInfo;
import org.manta.core.io.EventFileReader;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.ObservationPlans;
import org.manta.core.plan.Observation;
import org.manta.core.plan.PlanWarnings;
import org.manta.core.plan.RowIndex;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnit;
import org.manta.core.plan.WorkUnits;
import org.manta.core.varenergy.VarEnergyPipeline;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Observations;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.mapping.WholeSeriesSpecs;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/**
 * Plans a job (design.md §2.1): resolves its inputs in the storage, checks they are the files ingest
 * announced (size), reads their headers, makes the core's {@link JobPlan} (compatible dt, GTIs, segment
 * starts, channels) and its product's context ({@link Observation}), and cuts it into {@link WorkUnit}s by
 * bisection on TIME; no event is read. A light curve, FITS or JSON (an input of a whole-series product only), is read
 * as the embedded command reads it ({@link LightCurveFile#read}: its dt must be the spec's) and planned on its own
 * GTIs, its bins (or the times of an uneven one) the rows; a LOMB or MULTITAPER job's {@code err_dist} gauss is refused
 * on an input without errors, and without {@code err_dist} a light curve whose errors are not Poisson is warned of, as
 * by {@code manta lomb|multitaper} ({@link WholeSeriesSpecs#requireErrors}, {@link WholeSeriesSpecs#notPoissonWarning}).
 * The expected count is known at once, with the plan. Bad input (a missing or changed file, not FITS, a band on a
 * column the file lacks, no GTI as long as a segment) fails the job with a clear message, never the service. Pure
 * apart from reading the files; deterministic, so a re-planned job gets the same units.
 */
public final class JobPlanner {
    private final Storage storage;
    private final UnitSizing sizing;

    /**
     * What planning produced: either the units, the expected count and what the plan changed or assumed, or the
     * failure.
     *
     * @param plan     the plan record (also inside every unit and the expected count); of a job of several
     *                 observations, the first one's (each unit carries its own observation's)
     * @param units    work unit records in unit order
     * @param expected the (final) expected count
     * @param warnings what the plan changed in the request or assumed about the inputs ({@link PlanWarnings}), one
     *                 line each, as {@code manta} says them
     * @param failure  why the job failed (then the rest is empty)
     */
    public record Output(JobPlanRecord plan, List<org.manta.proto.v1.WorkUnit> units, Optional<ExpectedCount> expected,
                         List<String> warnings, Optional<String> failure) {
        static Output failed(String message) {
            return new Output(null, List.of(), Optional.empty(), List.of(), Optional.of(message));
        }
    }

    public JobPlanner(Storage storage, UnitSizing sizing) {
        this.storage = storage;
        this.sizing = sizing;
    }

    /**
     * Plans one job. A request the inputs cannot serve fails in the words {@code manta} uses for it (the same core
     * checks); a job record that contradicts its spec names this service.
     */
    public Output plan(JobInput input) {
        try {
            return planOrThrow(input);
        } catch (MantaException e) {
            return Output.failed(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Output.failed("segment-service: " + e.getMessage());
        }
    }

    private Output planOrThrow(JobInput input) {
        String jobId = input.getJobId();
        JobSpec spec = input.getSpec();
        boolean upload = spec.getInputsCount() == 0;
        JobRequest request = JobSpecs.request(spec, upload);
        List<JobSpec> observations = Observations.specs(spec, upload);
        int needed = observations.stream().mapToInt(o -> JobSpecs.request(o, upload).inputs()).sum();
        if (input.getInputsCount() != needed) {
            throw new IllegalArgumentException("the job announces " + input.getInputsCount() + " input(s); its spec needs "
                    + needed);
        }
        List<EventFileReader> readers = new ArrayList<>();
        try {
            List<InputHeader> headers = new ArrayList<>();
            List<RowIndex> index = new ArrayList<>();
            List<ObservationInfo> infos = new ArrayList<>();
            List<String> objects = new ArrayList<>();
            List<Observation> contexts = new ArrayList<>();
            boolean lightCurves = false;
            // what `manta lomb|multitaper` says of a light curve normalised as Poisson without being asked to, first
            List<String> warnings = new ArrayList<>();
            for (InputFile f : input.getInputsList()) {
                Path file = checked(f);
                if (LightCurveFile.isLightCurve(file) && JobSpecs.takesLightCurves(input.getSpec().getKind())) {
                    // a light curve as `manta X lc.fits|lc.json --dt D` reads it: its own bins, dt and context
                    LightCurveFile.requireNoBand(Path.of(f.getPath()), request.band1());
                    LightCurveFile lc = LightCurveFile.read(file, Optional.of(request.dt()));
                    WholeSeriesSpecs.requireErrors(spec, f.getPath(), Optional.of(lc));
                    WholeSeriesSpecs.notPoissonWarning(spec, f.getPath(), lc).filter(w -> !warnings.contains(w))
                            .ifPresent(warnings::add);
                    headers.add(lc.header(f.getPath()));
                    index.add(lc.rows());
                    contexts.add(lc.observation());
                    lightCurves = true;
                    continue;
                }
                WholeSeriesSpecs.requireErrors(spec, f.getPath(), Optional.empty());
                EventFileReader r = EventFileReader.open(file);
                readers.add(r);
                headers.add(InputHeader.of(f.getPath(), r));
                index.add(RowIndex.of(r));
                infos.add(r.info());
                objects.add(r.object());
                contexts.add(Observation.of(r.info(), r.object(), request.band1()));
            }
            // each observation of a job of several planned on its own by the embedded pipeline's rule (one: the job's plan)
            List<JobPlan> plans = Observations.plans(spec, upload, headers, JobPlan::of);
            List<List<InputHeader>> headersOf = Observations.split(spec, headers);
            for (int k = 0; k < plans.size(); k++) {
                warnings.addAll(warnings(input, plans.get(k).request(), plans.get(k), headersOf.get(k)));
            }
            // the context the embedded command writes into its product, made by the same rule (reduce-service copies
            // it): with a light curve, each input's own, joined as `manta lomb FILE --events2 FILE2` joins them; of
            // several observations, theirs averaged
            List<List<ObservationInfo>> infosOf = Observations.split(spec, infos);
            List<List<String>> objectsOf = Observations.split(spec, objects);
            List<Observation> contextOf = new ArrayList<>();
            for (int k = 0; k < plans.size(); k++) {
                contextOf.add(lightCurves ? contexts.stream().reduce(Observation::and).orElseThrow()
                        : Observation.of(plans.get(k), infosOf.get(k), objectsOf.get(k)));
            }
            PlanWarnings.observationsDiffer(headersOf.stream().map(h -> h.get(0).name()).toList(), contextOf)
                    .ifPresent(warnings::add);
            if (plans.size() > 1) {     // the same bytes in two observations, by their SHA-256, as ingest recorded it
                List<List<InputFile>> filesOf = Observations.split(spec, input.getInputsList());
                warnings.addAll(PlanWarnings.repeatedInputs(
                        filesOf.stream().map(fs -> fs.stream().map(InputFile::getPath).toList()).toList(),
                        filesOf.stream().map(fs -> fs.stream().map(InputFile::getSha256).toList()).toList()));
            }
            if (spec.getKind() == ProductKind.VARENERGY) {
                // the excess variance's light curves over GTI gaps, as the embedded command says it
                VarEnergyPipeline.gapWarning(JobSpecs.varEnergy(spec, upload),
                        headers.get(0).name(), plans.get(0).gti()).ifPresent(warnings::add);
            }
            if (spec.getStrict() && !warnings.isEmpty()) {
                return Output.failed(warnings.get(0) + " (an error under --strict)");
            }
            List<List<RowIndex>> indexOf = Observations.split(spec, index);
            List<List<WorkUnit>> unitsOf = new ArrayList<>();
            for (int k = 0; k < plans.size(); k++) {
                unitsOf.add(WorkUnits.cut(plans.get(k), indexOf.get(k), sizing));
            }
            JobPlan plan = plans.get(0);
            List<WorkUnit> units = unitsOf.get(0);
            if (input.getSpec().getKind() == ProductKind.VARENERGY) {
                // the band columns must exist; every row is read once (the events of each band in the whole list)
                VarEnergyRequest varEnergy = JobSpecs.varEnergy(input.getSpec(), input.getSpec().getInputsCount() == 0);
                for (int i = 0; i < readers.size(); i++) {
                    VarEnergyPipeline.requireBandColumn(varEnergy, input.getInputs(i).getPath(), readers.get(i));
                }
                // the excess variance is not decomposable by segments: one unit of the whole list (docs/mesh.md)
                units = varEnergy.kind().fourier() ? WorkUnits.coverAllRows(units, index)
                        : List.of(WorkUnits.whole(plan, index));
            }
            if (JobSpecs.wholeSeries(input.getSpec())) {
                // a Lomb–Scargle or multitaper spectrum is of the whole series: one unit of the whole input (docs/mesh.md)
                units = List.of(WorkUnits.whole(plan, index));
            }
            unitsOf.set(0, units);
            List<List<InputFile>> inputsOf = Observations.split(spec, input.getInputsList());
            List<JobPlanRecord> records = new ArrayList<>();
            for (int k = 0; k < plans.size(); k++) {
                records.add(Plans.record(observations.get(k), plans.get(k), inputsOf.get(k), 0).toBuilder()
                        .setObservation(Protos.observation(contextOf.get(k))).build());
            }
            Plans.Cut cut = Plans.cut(jobId, records, unitsOf);
            // the expected count: all observations' segments and the union of their GTIs (the averaged product's, as
            // the embedded pipeline's); its plan the last observation's, with the averaged context the product carries
            JobPlanRecord last = cut.plans().get(cut.plans().size() - 1).toBuilder()
                    .setObservation(Protos.observation(Observation.averaged(contextOf))).build();
            ExpectedCount expected = ExpectedCount.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId)
                    .setTotalSegments(ObservationPlans.segmentCount(plans))
                    .addAllGti(Protos.gtis(ObservationPlans.gti(plans)))
                    .addAllInputs(input.getInputsList()).setSpec(spec).setPlan(last).build();
            return new Output(cut.plans().get(0), cut.units(), Optional.of(expected), warnings, Optional.empty());
        } finally {
            for (EventFileReader r : readers) {
                r.close();
            }
        }
    }

    /**
     * What the plan changed or assumed ({@link PlanWarnings}), as {@code manta} says it for the same command: a
     * segment job's {@link PlanWarnings#of}; a whole-series job's {@link PlanWarnings#perList} (each list binned on its
     * own; its plan's segments are not the user's), and for a bispectrum, bicoherence or periodogram over several GTIs
     * the gaps taken as zeros.
     */
    private static List<String> warnings(JobInput input, JobRequest request, JobPlan plan, List<InputHeader> headers) {
        ProductKind kind = input.getSpec().getKind();
        if (!JobSpecs.wholeSeries(input.getSpec())) {
            return PlanWarnings.of(request, plan, headers);
        }
        List<String> out = PlanWarnings.perList(request.dt(), headers);
        if (kind == ProductKind.BISPECTRUM || kind == ProductKind.BICOHERENCE) {
            PlanWarnings.gapsAsZeros(headers.get(0).name(), kind.name().toLowerCase(Locale.ROOT), plan.gti(),
                    PlanWarnings.ONE_GTI_ADVICE).ifPresent(out::add);
        }
        if (JobSpecs.periodogram(input.getSpec())) {
            PlanWarnings.gapsAsZeros(headers.get(0).name(), "periodogram", plan.gti(), PlanWarnings.SEGMENT_ADVICE)
                    .ifPresent(out::add);
        }
        return out;
    }

    /** The file of an input, once it is checked to be the one ingest announced. */
    private Path checked(InputFile f) {
        Path p = storage.resolve(f.getLocation());
        Storage.requirePlanned(f, p, "announced");
        return p;
    }
}
