package org.manta.mesh.common.mapping;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Timing;
import org.manta.core.gti.GtiList;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.plan.TimeFilter;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.TimeFilterSpec;

/**
 * Validates a {@code JobSpec} (jobs.proto) into the core's {@link JobRequest}. Every rejection is an
 * {@link InvalidParameterException} naming the JobSpec field, its value and what was expected; the
 * gRPC edge turns it into {@code INVALID_ARGUMENT}.
 *
 * <p>What the mesh computes: averaged products (PDS, CPDS, DYNPS, VARENERGY, FAD) over segments of
 * {@code segment_size}, the excess variance of a whole list, Lomb–Scargle and multitaper spectra and bispectra of
 * whole lists; light curves and single
 * whole-observation periodograms are made by the {@code manta} command, not the mesh.
 */
public final class JobSpecs {
    /**
     * The largest number of bins per segment a job may ask for: 2^22 bins are 32 MiB per array, and a
     * worker holds a few such arrays per thread. Larger segments would take an fft worker down.
     */
    public static final int MAX_BINS_PER_SEGMENT = 1 << 22;
    /**
     * Bins of the plan's segments of a job computed from the whole series ({@link #wholeSeries}): they only count the job's progress
     * through the reduce tree, as the excess variance's without {@code --segment}.
     */
    public static final int WHOLE_SERIES_SEGMENT_BINS = 2;

    private JobSpecs() {
    }

    /**
     * Validates a spec.
     *
     * @param spec   the client's spec
     * @param upload true for {@code JobService.Upload} (events come with the request, {@code inputs}
     *               must be empty), false for {@code Submit} (files under the data root)
     * @return the job's request; of a job of several observations ({@code observation_inputs}), the first one's
     *         ({@link Observations#specs}: each observation's)
     * @throws InvalidParameterException for the first problem found
     */
    public static JobRequest request(JobSpec spec, boolean upload) {
        if (spec.getObservationInputsCount() > 0) {
            return Observations.requests(spec, upload).get(0);
        }
        ProductKind kind = spec.getKind();
        if (kind != ProductKind.PDS && kind != ProductKind.CPDS && kind != ProductKind.DYNPS
                && kind != ProductKind.VARENERGY && kind != ProductKind.FAD && !wholeSeries(kind)) {
            throw new InvalidParameterException("kind", kind == ProductKind.UNRECOGNIZED ? spec.getKindValue() : kind,
                    "PDS, CPDS, DYNPS, LC, VARENERGY, FAD, LOMB, MULTITAPER, BISPECTRUM or BICOHERENCE");
        }
        if (spec.hasLomb() != (kind == ProductKind.LOMB)) {
            throw new InvalidParameterException("lomb", spec.hasLomb() ? "set" : "unset", spec.hasLomb()
                    ? "unset for " + kind + " (the options of a LOMB job)" : "the options of the LOMB job");
        }
        if (spec.hasBicoherence() != (kind == ProductKind.BICOHERENCE)) {
            throw new InvalidParameterException("bicoherence", spec.hasBicoherence() ? "set" : "unset",
                    spec.hasBicoherence() ? "unset for " + kind + " (the options of a BICOHERENCE job)"
                            : "the options of the BICOHERENCE job");
        }
        if (spec.hasBispectrum() != (kind == ProductKind.BISPECTRUM)) {
            throw new InvalidParameterException("bispectrum", spec.hasBispectrum() ? "set" : "unset", spec.hasBispectrum()
                    ? "unset for " + kind + " (the options of a BISPECTRUM job)" : "the options of the BISPECTRUM job");
        }
        if (spec.hasMultitaper() != (kind == ProductKind.MULTITAPER)) {
            throw new InvalidParameterException("multitaper", spec.hasMultitaper() ? "set" : "unset", spec.hasMultitaper()
                    ? "unset for " + kind + " (the options of a MULTITAPER job)" : "the options of the MULTITAPER job");
        }
        if (spec.hasTimeFilter() && kind != ProductKind.PDS && kind != ProductKind.CPDS && kind != ProductKind.DYNPS
                && kind != ProductKind.LC) {
            throw new InvalidParameterException("time_filter", "set", "unset for " + kind + " (PDS, CPDS, DYNPS and LC "
                    + "take a time filter, as their commands' --gti, --tstart, --tstop and --min-gti)");
        }
        if (spec.hasFad() && kind != ProductKind.FAD) {
            throw new InvalidParameterException("fad", "set", "unset for " + kind + " (the options of a FAD job)");
        }
        if (!(spec.getDt() > 0) || Double.isInfinite(spec.getDt())) {
            throw new InvalidParameterException("dt", spec.getDt(), "a positive, finite bin time in seconds");
        }
        if (wholeSeries(kind) && spec.hasSegmentSize()) {
            throw new InvalidParameterException("segment_size", spec.getSegmentSize(), "unset for " + kind + " (the "
                    + "spectrum of the whole series; the plan's segments of 2 dt only count the job's progress)");
        }
        if (!spec.hasSegmentSize() && !wholeSeries(spec)) {
            throw new InvalidParameterException("segment_size", "unset",
                    "a segment length in seconds (only PDS takes none: one periodogram of the whole span)");
        }
        double segmentSize = wholeSeries(spec) ? WHOLE_SERIES_SEGMENT_BINS * spec.getDt() : spec.getSegmentSize();
        SegmentSpec segment = segmentSpec(spec.getDt(), segmentSize);
        Normalization norm = Protos.normalization(spec.getNorm());
        boolean useCommonMean = !spec.hasUseCommonMean() || spec.getUseCommonMean();
        if (!useCommonMean && kind != ProductKind.PDS) {
            throw new InvalidParameterException("use_common_mean", false,
                    "true for " + kind + " (per-segment means are implemented for PDS only)");
        }
        Optional<EnergyBand> band1 = spec.hasBand1() ? Optional.of(band("band1", spec.getBand1())) : Optional.empty();
        Optional<EnergyBand> band2 = spec.hasBand2() ? Optional.of(band("band2", spec.getBand2())) : Optional.empty();
        if (band2.isPresent() && kind != ProductKind.CPDS) {
            throw new InvalidParameterException("band2", band2.get(), "unset for " + kind + " (one channel: use band1)");
        }
        if (band1.isPresent() && kind == ProductKind.VARENERGY) {
            throw new InvalidParameterException("band1", band1.get(), "unset for VARENERGY (varenergy.band_edges)");
        }
        int inputCount = inputCount(spec, upload, kind, band1, band2);
        if (kind == ProductKind.VARENERGY) {
            return VarEnergySpecs.request(spec, inputCount).segmentRequest();
        }
        if (kind == ProductKind.MULTITAPER || kind == ProductKind.BISPECTRUM || kind == ProductKind.BICOHERENCE) {
            switch (kind) {
                case MULTITAPER -> {
                    WholeSeriesSpecs.multitaper(spec);
                    WholeSeriesSpecs.errDist(spec);
                }
                case BISPECTRUM -> WholeSeriesSpecs.bispectrum(spec);
                default -> WholeSeriesSpecs.bicoherence(spec);
            }
            // the plan only counts the job's progress: the worker reads the list whole (one GTI), as the command does
            return new JobRequest(SpectrumKind.PDS, spec.getDt(), segmentSize, norm, true, band1, Optional.empty(), 1);
        }
        if (kind == ProductKind.LC) {
            // the plan only counts the job's progress: the worker bins the list whole over the filtered GTIs, as `manta lc`
            return new JobRequest(SpectrumKind.PDS, spec.getDt(), segmentSize, norm, true, band1, Optional.empty(), 1,
                    timeFilter(spec.getTimeFilter()));
        }
        if (kind == ProductKind.LOMB) {
            WholeSeriesSpecs.lomb(spec);
            // the plan only counts the job's progress: the worker reads each list whole on its own GTIs, as `manta
            // lomb` does; two lists are planned on their common GTIs, so lists without common good time are refused
            return new JobRequest(inputCount == 2 ? SpectrumKind.CPDS : SpectrumKind.PDS, spec.getDt(), segmentSize,
                    norm, true, band1, inputCount == 2 ? band1 : Optional.empty(), inputCount);
        }
        if (kind == ProductKind.FAD) {
            FadSpecs.check(spec.getFad());
            // planned as the embedded command plans it: a cross spectrum of the two detectors, the selection on both
            return new JobRequest(SpectrumKind.CPDS, spec.getDt(), spec.getSegmentSize(), norm, true, band1, band1,
                    inputCount);
        }
        // a periodogram's plan only counts the job's progress: the worker bins the list whole over the filtered GTIs
        return new JobRequest(kind(kind), spec.getDt(), segmentSize, norm, useCommonMean, band1, band2,
                inputCount, timeFilter(spec.getTimeFilter()));
    }

    /**
     * The user's restriction of the good time of a PDS, CPDS or DYNPS spec ({@code time_filter}), as the embedded
     * command's {@code --gti --tstart --tstop --min-gti} make it.
     *
     * @throws InvalidParameterException naming the field, its value and what was expected
     */
    static TimeFilter timeFilter(TimeFilterSpec f) {
        try {
            Optional<GtiList> userGti = f.getUserGtiCount() == 0 ? Optional.empty()
                    : Optional.of(Protos.gtiList(f.getUserGtiList()));
            return new TimeFilter(userGti, f.hasTstart() ? OptionalDouble.of(f.getTstart()) : OptionalDouble.empty(),
                    f.hasTstop() ? OptionalDouble.of(f.getTstop()) : OptionalDouble.empty(), f.getMinGti());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("time_filter." + e.parameter(), afterValue(e.getMessage()),
                    afterExpected(e.getMessage()));
        }
    }

    /**
     * The variability-versus-energy request of a VARENERGY spec (validated as {@link #request} does; its plan is
     * that of {@link VarEnergyRequest#segmentRequest()}).
     */
    public static VarEnergyRequest varEnergy(JobSpec spec, boolean upload) {
        if (spec.getKind() != ProductKind.VARENERGY) {
            throw new InvalidParameterException("kind", spec.getKind(), "VARENERGY");
        }
        JobRequest segments = request(spec, upload);
        return VarEnergySpecs.request(spec, segments.inputs());
    }

    /**
     * A job's request on its inputs' headers: of a job of the whole series ({@link #wholeSeries(JobSpec)}) segments of
     * {@link #WHOLE_SERIES_SEGMENT_BINS} bins of the longer of {@code dt} and the bin time the first input's TIMEDEL
     * makes of it, so at least two bins of either (Chandra's TIMEDEL of 0.44104 s makes 10.14 s of {@code --dt 10}, and
     * 4.85 s of {@code --dt 5}: {@code 2·dt} is shorter than two bins of the first, two bins of the second shorter than
     * {@code 2·dt}); of any other job {@code request} itself.
     */
    public static JobRequest onInputs(JobSpec spec, JobRequest request, List<InputHeader> inputs) {
        if (!wholeSeries(spec)) {
            return request;
        }
        double binTime = Math.max(request.dt(), Timing.compatibleDt(request.dt(), inputs.get(0).timedel()));
        return request.withSegmentSize(WHOLE_SERIES_SEGMENT_BINS * binTime);
    }

    /**
     * Whether a kind is computed from the whole series as one work unit by one fft worker (LOMB, MULTITAPER, BISPECTRUM,
     * BICOHERENCE, and LC, the binned list itself: docs/mesh.md "Products the mesh runs"), the plan's segments of
     * {@link #WHOLE_SERIES_SEGMENT_BINS} bins only counting its progress.
     */
    public static boolean wholeSeries(ProductKind kind) {
        return kind == ProductKind.LOMB || kind == ProductKind.MULTITAPER || kind == ProductKind.BISPECTRUM
                || kind == ProductKind.BICOHERENCE || kind == ProductKind.LC;
    }

    /**
     * Whether a job is computed from the whole series as one work unit ({@link #wholeSeries(ProductKind)}): the kinds
     * that always are, and a PDS without a segment size, the {@link #periodogram} of the whole span.
     */
    public static boolean wholeSeries(JobSpec spec) {
        return wholeSeries(spec.getKind()) || periodogram(spec);
    }

    /**
     * Whether a spec asks for one periodogram of the whole span ({@code manta pds} without {@code --segment}, Stingray
     * {@code Powerspectrum(ev.to_lc(dt))}): a PDS without a segment size.
     */
    public static boolean periodogram(JobSpec spec) {
        return spec.getKind() == ProductKind.PDS && !spec.hasSegmentSize();
    }

    /**
     * Whether a kind takes a light curve (FITS or JSON) as input: the products of a whole series but the light curve
     * itself ({@link #wholeSeries}); the others are made of events (docs/mesh.md "Products the mesh runs"), and a
     * light curve given to them is read as an event file, which refuses it in the command's words.
     */
    public static boolean takesLightCurves(ProductKind kind) {
        return wholeSeries(kind) && kind != ProductKind.LC;
    }

    /**
     * The inputs' GTIs a whole-series product needs, checked on their headers before the job is accepted, with the
     * command's message: a multitaper spectrum is of contiguous bins, one GTI ({@code manta multitaper}'s
     * {@link EventLightCurves#contiguous}; the mesh failed such a job only in its fft worker, naming the work unit), and
     * so is a Lomb–Scargle multitaper ({@link MultitaperSpectrum#ONE_STRETCH}).
     *
     * @throws InvalidParameterException for a MULTITAPER input of several GTIs
     */
    public static void requireSeriesGtis(JobSpec spec, List<InputHeader> inputs) {
        if (spec.getKind() == ProductKind.MULTITAPER) {
            String why = spec.getMultitaper().getLombscargle() ? MultitaperSpectrum.ONE_STRETCH
                    : EventLightCurves.CONTIGUOUS;
            for (InputHeader input : inputs) {
                EventLightCurves.requireSingleGti(input.name(), input.gti(), why);
            }
        }
    }

    /**
     * The bins a whole-series product needs of a light curve, checked when the job is submitted with the message the
     * fft worker (and the command) would give: a multitaper spectrum (not the Lomb–Scargle one) evenly spaced bins in
     * one GTI ({@link EventLightCurves#contiguous}), a bispectrum or bicoherence bins on a grid of dt
     * ({@link EventLightCurves#whole}); Lomb–Scargle products take uneven times.
     *
     * @param input the input as the client named it
     * @throws InvalidParameterException naming the input, the first bad step and what was expected
     */
    public static void requireSeriesBins(JobSpec spec, String input, LightCurve lc) {
        switch (spec.getKind()) {
            case MULTITAPER -> {
                if (!spec.getMultitaper().getLombscargle()) {
                    EventLightCurves.contiguous(input, lc);
                }
            }
            case BISPECTRUM, BICOHERENCE -> EventLightCurves.whole(input, lc);
            default -> {
            }
        }
    }

    /** The core's name of a product the mesh computes. */
    public static SpectrumKind kind(ProductKind kind) {
        return switch (kind) {
            case PDS -> SpectrumKind.PDS;
            case CPDS -> SpectrumKind.CPDS;
            case DYNPS -> SpectrumKind.DYNPS;
            default -> throw new InvalidParameterException("kind", kind, "PDS, CPDS or DYNPS");
        };
    }

    /** The wire name of a core product kind. */
    public static ProductKind kind(SpectrumKind kind) {
        return switch (kind) {
            case PDS -> ProductKind.PDS;
            case CPDS -> ProductKind.CPDS;
            case DYNPS -> ProductKind.DYNPS;
        };
    }

    private static int inputCount(JobSpec spec, boolean upload, ProductKind kind, Optional<EnergyBand> band1,
                                  Optional<EnergyBand> band2) {
        List<String> inputs = spec.getInputsList();
        if (upload) {
            if (!inputs.isEmpty()) {
                throw new InvalidParameterException("inputs", inputs, "empty for Upload (the events come with the request)");
            }
            int declared = spec.getUploadInputs();
            if (declared == 0) {
                // older clients: an uploaded CPDS is one list with two bands, or two lists (inputs 0 and 1)
                return kind == ProductKind.CPDS && (band1.isEmpty() || band2.isEmpty()) ? 2 : 1;
            }
            if (kind == ProductKind.FAD) {
                if (declared != 0 && declared != 2) {
                    throw new InvalidParameterException("upload_inputs", declared, "2 event lists for FAD (one per detector)");
                }
                return 2;
            }
            int most = kind == ProductKind.CPDS || kind == ProductKind.VARENERGY || kind == ProductKind.LOMB ? 2 : 1;
            if (declared > most) {
                throw new InvalidParameterException("upload_inputs", declared, most == 2
                        ? "1 or 2 event lists for " + kind : "1 event list for " + kind);
            }
            if (kind == ProductKind.CPDS && declared == 1 && (band1.isEmpty() || band2.isEmpty())) {
                throw new InvalidParameterException("band1/band2", band1.isEmpty() ? "band1 unset" : "band2 unset",
                        "both bands for a CPDS of one uploaded event list (or upload_inputs = 2)");
            }
            return declared;
        }
        for (int i = 0; i < inputs.size(); i++) {
            checkRelativePath("inputs[" + i + "]", inputs.get(i));
        }
        if (kind == ProductKind.CPDS) {
            if (inputs.size() == 1 && (band1.isEmpty() || band2.isEmpty())) {
                throw new InvalidParameterException("band1/band2", band1.isEmpty() ? "band1 unset" : "band2 unset",
                        "both bands for a CPDS of one event file (or a second file in inputs)");
            }
            if (inputs.size() != 1 && inputs.size() != 2) {
                throw new InvalidParameterException("inputs", inputs, "one or two event files for CPDS");
            }
        } else if (kind == ProductKind.FAD) {
            if (inputs.size() != 2) {
                throw new InvalidParameterException("inputs", inputs, "two event files for FAD (one per detector)");
            }
        } else if (kind == ProductKind.VARENERGY || kind == ProductKind.LOMB) {
            if (inputs.size() != 1 && inputs.size() != 2) {
                if (kind == ProductKind.LOMB) {
                    throw new InvalidParameterException("inputs", inputs, "one or two event files for LOMB (the "
                            + "second gives the cross spectrum's reference)");
                }
                throw new InvalidParameterException("inputs", inputs, "one or two event files for VARENERGY (the "
                        + "second gives the reference)");
            }
        } else if (inputs.size() != 1) {
            throw new InvalidParameterException("inputs", inputs, "exactly one event file for " + kind);
        }
        return inputs.size();
    }

    /**
     * Checks the syntax of an input path: relative, no {@code ..} segment, not blank. (That it stays
     * under the data root after links are resolved is the ingest service's check.)
     */
    public static void checkRelativePath(String field, String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidParameterException(field, "\"" + path + "\"", "a path relative to the data root");
        }
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            throw new InvalidParameterException(field, path, "a path relative to the data root, not an absolute path");
        }
        for (String part : p.split("/")) {
            if (part.equals("..")) {
                throw new InvalidParameterException(field, path, "a path inside the data root (no '..')");
            }
        }
    }

    private static SegmentSpec segmentSpec(double dt, double segmentSize) {
        SegmentSpec s;
        try {
            s = SegmentSpec.of(dt, segmentSize);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(e.parameter().equals("segment") ? "segment_size" : e.parameter(),
                    e.parameter().equals("dt") ? dt : segmentSize, afterExpected(e.getMessage()));
        }
        if (s.nbin() > MAX_BINS_PER_SEGMENT) {
            throw new InvalidParameterException("segment_size", segmentSize, "at most " + MAX_BINS_PER_SEGMENT
                    + " bins of dt = " + dt + " s (" + MAX_BINS_PER_SEGMENT * dt + " s); asked for " + s.nbin() + " bins");
        }
        return s;
    }

    private static EnergyBand band(String field, Band b) {
        try {
            return Protos.band(b);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(field, b.getLo() + ":" + b.getHi() + (b.getOnPi() ? " (PI)" : " keV"),
                    "lo < hi");
        }
    }

    /** The value an exception's message names (the text between " = " and ": expected "). */
    private static String afterValue(String message) {
        int from = message.indexOf(" = ");
        int to = message.indexOf(": expected ");
        return from < 0 || to < from ? message : message.substring(from + 3, to);
    }

    /** What an exception's message says was expected (the text after "expected "). */
    static String afterExpected(String message) {
        int at = message.indexOf("expected ");
        return at < 0 ? message : message.substring(at + "expected ".length());
    }
}
