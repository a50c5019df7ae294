package org.manta.core.lightcurve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.LightCurveFiles;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.Observation;
import org.manta.core.plan.RowIndex;

/**
 * A light curve read from a file as the analyses of a whole series take it (lomb, multitaper, bispectrum,
 * bicoherence), with its context: what {@code manta lomb|multitaper|bispectrum|bicoherence FILE} and the mesh's
 * planner and fft worker read of a light-curve input, so that both compute on the same bins. Two formats
 * ({@link #read}): a FITS light curve (OGIP, recognised by its header: {@link LightCurveFiles}) and a JSON one
 * ({@code *.json} or gzip-compressed {@code *.json.gz}, {@link #readJson}: what {@code manta lc -o lc.json} writes),
 * whose times may be uneven (Lomb–Scargle). Its own bin width is used ({@code dt}, when given, must equal it), its
 * times must increase, and without GTIs its GTI is the span of its bins.
 *
 * @param lc          the light curve as the file holds it (bins, dt, GTIs; its {@code countsErr} the file's errors, 0
 *                    without them)
 * @param observation its context (TELESCOP, INSTRUME, OBJECT, TIMESYS, MJDREF and its band, if its header says)
 * @param hasErrors   whether the file gives the errors of its counts (a FITS {@code ERROR} column, a JSON
 *                    {@code counts_err}), which {@link ErrorDistribution#GAUSS} needs
 */
public record LightCurveFile(LightCurve lc, Observation observation, boolean hasErrors) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Whether {@code file} is read as a JSON light curve: its name ends in {@code .json} or, gzip-compressed,
     * {@code .json.gz} (any case).
     */
    public static boolean isJson(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".json.gz");
    }

    /**
     * Whether {@code file} is a light curve, not an event file: a JSON one by its name ({@link #isJson}), a FITS one
     * by its header ({@link LightCurveFiles#isLightCurve}).
     */
    public static boolean isLightCurve(Path file) {
        return isJson(file) || LightCurveFiles.isLightCurve(file);
    }

    /**
     * Reads a light curve ({@link #isLightCurve}): {@link #readJson} or {@link #readFits}.
     *
     * @param dt the bin time asked for, if any: must equal the light curve's own
     */
    public static LightCurveFile read(Path file, Optional<Double> dt) {
        return isJson(file) ? readJson(file, dt) : readFits(file, dt);
    }

    /**
     * Reads a FITS light curve ({@link LightCurveFiles#read}) and checks it ({@link #checked}).
     *
     * @param dt the bin time asked for, if any: must equal the light curve's own
     * @throws BadEventFileException     if the file is not a usable light curve
     * @throws InvalidParameterException if {@code dt} is not the light curve's own
     */
    public static LightCurveFile readFits(Path file, Optional<Double> dt) {
        LightCurveFiles.Contents c = LightCurveFiles.read(file);
        LightCurve lc = checked(file, c.time(), c.counts(), c.countsErr(), c.dt(), dt, Optional.of(c.gti()));
        return new LightCurveFile(lc, Observation.of(c.info(), c.object(), c.band()), c.countsErr().isPresent());
    }

    /**
     * What {@code errDist} needs of this file: {@link ErrorDistribution#GAUSS} normalises by the errors of the
     * counts, so the file must give them.
     *
     * @param name how messages name the file (the path as given)
     * @throws InvalidParameterException for {@link ErrorDistribution#GAUSS} and a file without errors
     */
    public void requireErrors(ErrorDistribution errDist, Object name) {
        if (errDist == ErrorDistribution.GAUSS && !hasErrors) {
            throw noErrors(name);
        }
    }

    /**
     * What this light curve is warned of when {@code asked} names no distribution (it is then analysed as Poisson
     * counts): errors that are clearly not Poisson ({@link ErrorDistribution#notPoissonWarning}). Nothing when a
     * distribution was asked for (even {@code poisson}: a choice) or the file gives no errors. What {@code manta
     * lomb|multitaper} and the mesh's planner say of the same file.
     *
     * @param asked the distribution asked for ({@code --err-dist}), empty when none was
     * @param name  how the warning names the file (the path as given)
     */
    public Optional<String> notPoissonWarning(Optional<ErrorDistribution> asked, String name) {
        return asked.isEmpty() && hasErrors ? ErrorDistribution.notPoissonWarning(name, lc) : Optional.empty();
    }

    /**
     * What {@code errDist} needs of an input that is not a light curve (an event file): it has no errors, so
     * {@link ErrorDistribution#GAUSS} is refused ({@link #noErrors}), before the file is read.
     *
     * @param name how the message names the file (the path as given)
     * @throws InvalidParameterException for {@link ErrorDistribution#GAUSS}
     */
    public static void requireErrorsOfEvents(ErrorDistribution errDist, Object name) {
        if (errDist == ErrorDistribution.GAUSS) {
            throw noErrors(name);
        }
    }

    /**
     * {@link ErrorDistribution#GAUSS} of an input without errors (an event file, a light curve without them): the
     * refusal, naming the input.
     */
    public static InvalidParameterException noErrors(Object name) {
        return new InvalidParameterException("err-dist", "gauss", "a light curve with errors for " + name
                + " (a FITS ERROR column or a JSON counts_err array; an event file or a light curve without them is "
                + "Poisson: --err-dist poisson)");
    }

    /**
     * Reads a JSON light curve, the fields {@code manta lc -o lc.json} writes (docs/cli.md): {@code time} (bin centres
     * or the times of an uneven series, s) and {@code counts}, arrays of numbers; {@code counts_err}, the 1σ errors of the counts, if given; {@code dt} (s), without which
     * {@code dt} must be given; {@code gti}, {@code [[start, stop], …]} (s), without which the GTI is the span of the
     * bins ({@link #checked}); the context {@code telescope}, {@code instrument}, {@code object}, {@code timesys}
     * (strings), {@code mjdrefi} + {@code mjdreff} (days: integer part and fraction, exact; they win over
     * {@code mjdref}) or {@code mjdref} (days, one double), and the band {@code e_min}/{@code e_max} (keV) or
     * {@code pi_min}/{@code pi_max} (numbers), each empty when absent ({@link Mjdref#NONE}). Other fields are ignored;
     * a field present with a value of the wrong kind is refused, named. A gzip-compressed file (by its first bytes,
     * whatever its name) is decompressed as it is read.
     *
     * @param dt the bin time asked for, if any: must equal the light curve's {@code dt}, and is its bin width if it
     *           has none
     * @throws BadEventFileException     if the file is not JSON, lacks {@code time} or {@code counts}, or a field has a
     *                                   value of the wrong kind (named, with its index)
     * @throws InvalidParameterException if {@code dt} is not the light curve's own, or neither it nor the file gives
     *                                   one ({@link #noDt})
     */
    public static LightCurveFile readJson(Path file, Optional<Double> dt) {
        JsonNode root;
        try (InputStream in = open(file)) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new BadEventFileException(file, "not a readable JSON light curve (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new BadEventFileException(file, "not a JSON light curve: expected an object with time and counts");
        }
        double[] time = numbers(file, root, "time");
        double[] counts = numbers(file, root, "counts");
        Optional<double[]> errors = root.hasNonNull("counts_err") ? Optional.of(numbers(file, root, "counts_err"))
                : Optional.empty();
        Optional<Double> own = number(file, root, "dt");
        if (own.isPresent() && !(own.get() > 0 && Double.isFinite(own.get()))) {
            throw new BadEventFileException(file, "dt = " + own.get() + ": expected a positive bin width in s");
        }
        double ownDt = own.or(() -> dt).orElseThrow(() -> noDt(file));
        Optional<GtiList> gti = root.hasNonNull("gti") ? Optional.of(gti(file, root.get("gti"))) : Optional.empty();
        return new LightCurveFile(checked(file, time, counts, errors, ownDt, dt, gti), jsonContext(file, root),
                errors.isPresent());
    }

    /**
     * A JSON light curve without {@code dt}, and no {@code --dt}: the refusal, naming the light curve as {@code name}.
     */
    public static InvalidParameterException noDt(Object name) {
        return new InvalidParameterException("dt", "(none)", "--dt SECONDS: the light curve " + name + " has no dt");
    }

    /**
     * A light curve of bins read from a file: at least 2 bins, as many counts as times, increasing times; its own
     * bin width {@code ownDt} is used, and {@code given}, if present, must equal it within
     * {@link EventLightCurves#EVEN_SPACING_TOLERANCE}; without GTIs the GTI is {@code [t0 − dt/2, t_last + dt/2]}.
     *
     * @param file   the file, for the messages
     * @param time   bin centres, s; kept (not copied)
     * @param counts counts per bin; kept (not copied)
     * @throws BadEventFileException     for arrays of different lengths, fewer than 2 bins or times not increasing
     * @throws InvalidParameterException for a {@code given} dt other than {@code ownDt}
     */
    public static LightCurve checked(Path file, double[] time, double[] counts, double ownDt, Optional<Double> given,
                                     Optional<GtiList> gti) {
        return checked(file, time, counts, Optional.empty(), ownDt, given, gti);
    }

    /**
     * {@link #checked(Path, double[], double[], double, Optional, Optional)} with the errors of the counts, if
     * given (kept, not copied; as many as the counts), else 0.
     */
    public static LightCurve checked(Path file, double[] time, double[] counts, Optional<double[]> countsErr,
                                     double ownDt, Optional<Double> given, Optional<GtiList> gti) {
        if (time.length != counts.length || time.length < 2) {
            throw new BadEventFileException(file, "time has " + time.length + " values and counts " + counts.length
                    + ": expected two arrays of the same length, at least 2");
        }
        if (countsErr.isPresent() && countsErr.get().length != counts.length) {
            throw new BadEventFileException(file, "counts_err has " + countsErr.get().length + " values and counts "
                    + counts.length + ": expected one error per count");
        }
        double dt = given.orElse(ownDt);
        requireOwnDt(dt, ownDt);
        for (int i = 1; i < time.length; i++) {
            if (!(time[i] > time[i - 1])) {
                throw new BadEventFileException(file, "time[" + i + "] = " + time[i] + " does not follow time["
                        + (i - 1) + "] = " + time[i - 1] + ": expected increasing times");
            }
        }
        GtiList g = gti.orElse(GtiList.of(new Gti(time[0] - dt / 2, time[time.length - 1] + dt / 2)));
        return new LightCurve(time, counts, countsErr.orElseGet(() -> new double[time.length]), dt, g, time[0] - dt / 2,
                time[time.length - 1] - time[0] + dt);
    }

    /**
     * A light curve is analysed at its own bin width: {@code dt} must equal {@code ownDt} within
     * {@link EventLightCurves#EVEN_SPACING_TOLERANCE}.
     *
     * @throws InvalidParameterException naming {@code dt} and the light curve's own
     */
    public static void requireOwnDt(double dt, double ownDt) {
        if (Math.abs(ownDt - dt) > EventLightCurves.EVEN_SPACING_TOLERANCE * dt) {
            throw new InvalidParameterException("dt", dt, "the light curve's own dt = " + ownDt);
        }
    }

    /**
     * A light curve has no energies: a band cannot select its events.
     *
     * @throws InvalidParameterException if {@code band} is present
     */
    public static void requireNoBand(Path file, Optional<EnergyBand> band) {
        if (band.isPresent()) {
            throw new InvalidParameterException("energy/pi", file, "an event file (a light curve has no energies)");
        }
    }

    /**
     * What a planner needs of this light curve as an input: its bin width as the time resolution (so the plan's
     * bin time is its own), its GTIs, no energy or PI column.
     *
     * @param name how messages name the input (the path as given)
     */
    public InputHeader header(String name) {
        return new InputHeader(name, lc.dt(), lc.gti(), false, false);
    }

    /** Its bins as the rows of an input: the first bin whose centre is at least {@code t} (bisection). */
    public RowIndex rows() {
        double[] time = lc.time();
        return t -> {
            int i = Arrays.binarySearch(time, t);     // times increase strictly: no ties
            return i < 0 ? -i - 1 : i;
        };
    }

    /** The bytes of {@code file}, decompressed if they start with the gzip magic bytes (1f 8b). */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return gzip ? new GZIPInputStream(in) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** The context fields of a JSON light curve ({@link #readJson}). */
    private static Observation jsonContext(Path file, JsonNode root) {
        Optional<EnergyBand> band = Optional.empty();
        if (root.hasNonNull("e_min") && root.hasNonNull("e_max")) {
            band = Optional.of(EnergyBand.energy(number(file, root, "e_min").orElseThrow(),
                    number(file, root, "e_max").orElseThrow()));
        } else if (root.hasNonNull("pi_min") && root.hasNonNull("pi_max")) {
            band = Optional.of(EnergyBand.pi(number(file, root, "pi_min").orElseThrow(),
                    number(file, root, "pi_max").orElseThrow()));
        }
        Optional<Double> days = number(file, root, "mjdrefi");
        Optional<Double> fraction = number(file, root, "mjdreff");
        Mjdref mjdref = days.isPresent() && fraction.isPresent() ? Mjdref.of(days.get(), fraction.get())
                : number(file, root, "mjdref").map(Mjdref::of).orElse(Mjdref.NONE);
        return new Observation(text(file, root, "telescope"), text(file, root, "instrument"),
                text(file, root, "object"), text(file, root, "timesys"), mjdref, List.of(band));
    }

    /** The string field {@code name}, "" if absent or null. */
    private static String text(Path file, JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new BadEventFileException(file, name + " = " + v + ": expected a string");
        }
        return v.asText();
    }

    /** The number field {@code name}, empty if absent or null. */
    private static Optional<Double> number(Path file, JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw new BadEventFileException(file, name + " = " + v + ": expected a number");
        }
        return Optional.of(v.asDouble());
    }

    /** The array of numbers {@code name}: required. */
    private static double[] numbers(Path file, JsonNode root, String name) {
        JsonNode a = root.get(name);
        if (a == null || !a.isArray()) {
            throw new BadEventFileException(file, "no '" + name + "' array: expected a light curve with time and "
                    + "counts");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new BadEventFileException(file, name + "[" + i + "] = " + a.get(i) + ": expected a number");
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** {@code [[start, stop], …]}, s. */
    private static GtiList gti(Path file, JsonNode g) {
        if (!g.isArray()) {
            throw new BadEventFileException(file, "gti = " + g + ": expected [[start, stop], …] in s");
        }
        double[] starts = new double[g.size()];
        double[] stops = new double[g.size()];
        for (int i = 0; i < g.size(); i++) {
            JsonNode pair = g.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) {
                throw new BadEventFileException(file, "gti[" + i + "] = " + pair + ": expected [start, stop] in s");
            }
            starts[i] = pair.get(0).asDouble();
            stops[i] = pair.get(1).asDouble();
        }
        return GtiList.of(starts, stops);
    }
}
