package org.manta.core.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.manta.core.Numbers;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Timing;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.SegmentSpec;

/**
 * What a plan changed in its request or assumed about its inputs, each said in one line, as Stingray warns of the
 * same: the bin time moved to a multiple of TIMEDEL, the segment fixed to whole bins, the good time of a list without
 * a GTI extension taken from its first and last event, two bands of one list that overlap, the gaps of a whole-series
 * analysis over several GTIs taken as zeros, observations averaged across telescopes or time references.
 *
 * <p>The one list of these rules for both paths: the command line prints them on standard error (each an error under
 * {@code --strict}); the mesh's planner puts them on the job's record, where {@code manta submit} prints them (under
 * {@code --strict} the planner fails the job with the first one instead).
 */
public final class PlanWarnings {
    /** A segment length moved by more than this fraction of itself is reported (rounding T/dt to whole bins is not). */
    static final double SEGMENT_CHANGE_RTOL = 1e-9;

    /** The advice of {@link #gapsAsZeros} for the whole-series analyses (bispectrum, bicoherence). */
    public static final String ONE_GTI_ADVICE = "give a light curve of one GTI (e.g. lc --tstart/--tstop) to leave them out";

    /**
     * What {@link #gapsAsZeros} adds for the excess variance ({@code varenergy --kind excvar}), whose light curves span
     * the GTIs as Stingray's {@code ExcessVarianceSpectrum} makes them (docs/cli.md).
     */
    public static final String EXCESS_VARIANCE_ADVICE = "Stingray's ExcessVarianceSpectrum does the same; the "
            + "zeros add variance, so F_var is larger than that of the good time alone";

    /** The advice of {@link #gapsAsZeros} for one periodogram of the whole span ({@code pds} without a segment). */
    public static final String SEGMENT_ADVICE = "give --segment to average segments inside the GTIs";

    private PlanWarnings() {
    }

    /**
     * Everything {@code plan} of {@code request} on {@code inputs} changed or assumed, in the order the command line
     * says it: {@link #ofInputs}, then {@link #segmentFixed}.
     */
    public static List<String> of(JobRequest request, JobPlan plan, List<InputHeader> inputs) {
        List<String> out = ofInputs(request, inputs);
        segmentFixed(request.segmentSize(), plan.segment()).ifPresent(out::add);
        return out;
    }

    /**
     * What a request changes or assumes about its inputs whatever its segments (also for the jobs whose segment is not
     * the user's, such as the whole-series analyses): each list's {@link #gtiFromEvents}, the bin time against the
     * first list's TIMEDEL ({@link #dtChanged}), and for a cross spectrum of one list its {@link #overlappingBands}.
     */
    public static List<String> ofInputs(JobRequest request, List<InputHeader> inputs) {
        List<String> out = new ArrayList<>();
        inputs.forEach(h -> gtiFromEvents(h).ifPresent(out::add));
        if (!inputs.isEmpty() && request.fixedSegment().isPresent()) {
            inputs.forEach(h -> dtOffTicks(h.name(), request.dt(), h.timedel()).ifPresent(out::add));
        } else if (!inputs.isEmpty()) {
            dtChanged(inputs.get(0).name(), request.dt(), inputs.get(0).timedel()).ifPresent(out::add);
        }
        if (request.kind() == SpectrumKind.CPDS && request.inputs() == 1) {
            overlappingBands(request.band1(), request.band2()).ifPresent(out::add);
        }
        return out;
    }

    /**
     * What binning each list on its own at {@code dt} changes or assumes (the whole-series analyses: each list's light
     * curve takes a bin time compatible with its own TIMEDEL): per list, in input order, {@link #gtiFromEvents} and
     * {@link #dtChanged}.
     */
    public static List<String> perList(double dt, List<InputHeader> inputs) {
        List<String> out = new ArrayList<>();
        for (InputHeader h : inputs) {
            gtiFromEvents(h).ifPresent(out::add);
            dtChanged(h.name(), dt, h.timedel()).ifPresent(out::add);
        }
        return out;
    }

    /** A list whose GTIs were taken from its first and last event (it has no GTI extension). */
    public static Optional<String> gtiFromEvents(InputHeader input) {
        if (!input.gtiFromEvents()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s has no GTI extension: taking the good time from the first "
                + "and last event, [%.6f, %.6f] s", input.name(), input.gti().start(), input.gti().stop()));
    }

    /** Stingray's {@code suggest_compatible_dt} warning, with the Nyquist frequency that follows. */
    public static Optional<String> dtChanged(String input, double requested, double timedel) {
        double used = Timing.compatibleDt(requested, timedel);
        if (used == requested) {
            if (timedel > 0 && Math.rint(requested / timedel) * timedel != requested) {
                // within Stingray's isclose of TIMEDEL, so kept: the bins then slip against the instrument's ticks
                String[] dts = Numbers.apart(requested, timedel);
                return Optional.of(input + ": dt = " + dts[0] + " s is not a multiple of the time resolution "
                        + dts[1] + " s (TIMEDEL) but within 1e-4 of it, so it is kept as given (Stingray's rule); "
                        + "a bin then holds one tick more or less every " + Numbers.compact(Math.rint(
                        timedel / Math.abs(timedel - requested))) + " bins: give --dt " + dts[1] + " to bin on the "
                        + "ticks");
            }
            return Optional.empty();
        }
        String[] dts = Numbers.apart(used, requested);
        return Optional.of(input + ": the input event list has a time resolution of " + Numbers.compact(timedel)
                + " s (TIMEDEL); using a multiple of that as dt (" + dts[0] + " s instead of "
                + dts[1] + " s; Nyquist frequency " + Numbers.compact(0.5 / used) + " Hz "
                + "instead of " + Numbers.compact(0.5 / requested) + " Hz)");
    }

    /**
     * A later observation of several binned at the first one's bin time ({@link ObservationPlans}) where that is not a
     * whole number of its own instrument ticks: Stingray's rule would move it, but the observations' segments must
     * share one layout.
     */
    public static Optional<String> dtOffTicks(String input, double dt, double timedel) {
        double onTicks = Timing.compatibleDt(dt, timedel);
        if (Math.abs(onTicks - dt) <= SEGMENT_CHANGE_RTOL * dt) {
            return Optional.empty();
        }
        return Optional.of(input + ": dt = " + Numbers.compact(dt) + " s, the first observation's (one bin time for every "
                + "observation averaged), is not a multiple of its time resolution " + Numbers.compact(timedel)
                + " s (TIMEDEL): its bins hold unequal numbers of ticks; a --dt that is a multiple of every input's "
                + "TIMEDEL avoids that");
    }

    /** A segment length moved to a whole number of bins of the (compatible) bin time by more than rounding. */
    public static Optional<String> segmentFixed(double requested, SegmentSpec fixed) {
        if (Math.abs(fixed.segmentSize() - requested) <= SEGMENT_CHANGE_RTOL * requested) {
            return Optional.empty();
        }
        String[] sizes = Numbers.apart(fixed.segmentSize(), requested);
        return Optional.of("segment size fixed to a whole number of bins: " + sizes[0] + " s (" + fixed.nbin()
                + " bins of dt = " + Numbers.compact(fixed.dt()) + " s) instead of " + sizes[1] + " s");
    }

    /**
     * Two bands of one list that overlap share the events of the overlap: Stingray allows it ({@code channels_overlap}),
     * but the noise of the two channels is then correlated. Bands on different columns (energy and PI) are not compared.
     */
    public static Optional<String> overlappingBands(Optional<EnergyBand> band1, Optional<EnergyBand> band2) {
        if (band1.isEmpty() || band2.isEmpty() || band1.get().onPi() != band2.get().onPi()) {
            return Optional.empty();
        }
        EnergyBand a = band1.get();
        EnergyBand b = band2.get();
        double lo = Math.max(a.lo(), b.lo());
        double hi = Math.min(a.hi(), b.hi());
        if (!(lo < hi)) {
            return Optional.empty();
        }
        String unit = a.onPi() ? "PI" : "keV";
        String which = a.onPi() ? "--pi" : "--energy";
        return Optional.of(which + "1 " + a.lo() + ":" + a.hi() + " and " + which + "2 " + b.lo() + ":" + b.hi()
                + " overlap (" + lo + ":" + hi + " " + unit + "): the events there are in both channels, so their "
                + "noise is correlated (Stingray allows it as channels_overlap)");
    }

    /**
     * One analysis of the whole span of {@code gti} takes the gaps between its intervals as bins of zero counts:
     * {@code INPUT: one ANALYSIS of the whole span (S s) over N GTIs: the gaps between them (G gaps, T s) are zeros in
     * the light curve; ADVICE}. Nothing for a single GTI.
     */
    public static Optional<String> gapsAsZeros(String input, String analysis, GtiList gti, String advice) {
        if (gti.size() < 2) {
            return Optional.empty();
        }
        double span = gti.stop() - gti.start();
        int gaps = gti.size() - 1;
        return Optional.of(String.format(Locale.ROOT, "%s: one %s of the whole span (%s s) over %d GTIs: the gaps "
                        + "between them (%d gap%s, %s s) are zeros in the light curve; %s", input, analysis,
                Numbers.compact(span), gti.size(), gaps, gaps == 1 ? "" : "s", Numbers.compact(span - gti.exposure()),
                advice));
    }

    /**
     * A file given in two observations of one job (found: {@code pds a.evt a.evt} counted every segment twice without
     * a word): said once per repeat, naming both as given.
     *
     * @param namesOf      per observation, its inputs as given
     * @param identitiesOf per observation, what makes two inputs the same file (a real path, a SHA-256), the same shape
     */
    public static List<String> repeatedInputs(List<List<String>> namesOf, List<List<String>> identitiesOf) {
        List<String> out = new ArrayList<>();
        Map<String, String> firstName = new HashMap<>();
        for (int k = 0; k < namesOf.size(); k++) {
            Map<String, String> own = new HashMap<>();
            for (int i = 0; i < namesOf.get(k).size(); i++) {
                String id = identitiesOf.get(k).get(i);
                String earlier = firstName.get(id);
                if (earlier != null) {
                    out.add(namesOf.get(k).get(i) + " is the same file as " + earlier + " of an earlier observation: "
                            + "its segments are averaged twice");
                }
                own.putIfAbsent(id, namesOf.get(k).get(i));
            }
            own.forEach(firstName::putIfAbsent);
        }
        return out;
    }

    /**
     * Observations averaged into one product that are not of one telescope or whose times are not in one system
     * (another MJDREF or TIMESYS than the first's), in one line naming each distinct value with the first observation
     * that has it: {@code the observations averaged differ in telescope and time reference (NAME: NuSTAR/FPMA, MJD
     * 55197.000766019 TDB; NAME2: XTE/PCA, MJD 49353.000696574 TT): ...}. The product carries the first's time
     * reference ({@link Observation#averaged}), while its GTIs are each in its own observation's time, and the
     * telescopes and instruments of all joined. Instruments of one telescope (NuSTAR's FPMA and FPMB, the usual pair)
     * are not a difference: the product names them both.
     *
     * @param names        one name per observation (its first input), in order
     * @param observations the context of each, in the same order
     */
    public static Optional<String> observationsDiffer(List<String> names, List<Observation> observations) {
        boolean telescopes = observations.stream().map(Observation::telescope).distinct().count() > 1;
        boolean times = observations.stream().map(o -> List.of(o.mjdref(), o.timesys())).distinct().count() > 1;
        if (!telescopes && !times) {
            return Optional.empty();
        }
        List<List<Object>> seen = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int k = 0; k < observations.size(); k++) {
            Observation o = observations.get(k);
            List<Object> key = List.of(telescopes ? o.telescope() + "/" + o.instrument() : "",
                    times ? List.of(o.mjdref(), o.timesys()) : "");
            if (seen.contains(key)) {
                continue;
            }
            seen.add(key);
            List<String> values = new ArrayList<>();
            if (telescopes) {
                values.add((o.telescope().isEmpty() ? "(no TELESCOP)" : o.telescope())
                        + (o.instrument().isEmpty() ? "" : "/" + o.instrument()));
            }
            if (times) {
                values.add(String.format(Locale.ROOT, "MJD %.9f%s", o.mjdref().value(),
                        o.timesys().isEmpty() ? "" : " " + o.timesys()));
            }
            described.add(names.get(k) + ": " + String.join(", ", values));
        }
        String what = telescopes && times ? "telescope and time reference" : telescopes ? "telescope" : "time reference";
        List<String> consequences = new ArrayList<>();
        if (times) {
            consequences.add("the product's MJDREF and TIMESYS are the first's, its GTIs each in its own observation's "
                    + "time");
        }
        if (telescopes) {
            consequences.add("their spectra are averaged as one, whatever their responses and dead times, and the "
                    + "product names all their telescopes");
        }
        return Optional.of("the observations averaged differ in " + what + " (" + String.join("; ", described) + "): "
                + String.join("; ", consequences));
    }
}
