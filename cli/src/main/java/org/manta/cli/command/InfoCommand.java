package org.manta.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Field;
import org.manta.cli.output.FitsProductReader;
import org.manta.cli.output.JsonProductReader;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.MantaException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.LightCurveFiles;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.plan.Observation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta info FILE...}: what an event file (or a light curve, FITS or JSON, or a saved product) holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Summarise event files: mission, instrument, events, time span, GTIs, columns, PI → energy "
            + "calibration, frame time, GTI extension used, MJDREF, TIMEZERO, TIMESYS; or light curves (FITS or JSON): "
            + "bins, bin time, counts, errors, GTIs, band; or products saved with -o FILE.json|FILE.fits: kind, how they were "
            + "made, their fields."},
        footer = {"", "Example:", "  manta info obs.evt other.evt.gz"})
public final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Event files (FITS; .gz is fine), light curves (FITS, or JSON *.json or *.json.gz), or "
                    + "products saved with -o FILE.json|FILE.fits.")
    List<Path> files;

    @Override
    public Integer call() {
        Inputs.requireReadable(files);
        for (Path f : files) {
            main.out().println(describe(f));
        }
        return 0;
    }

    /**
     * A few lines about one file: mission, instrument, events and their time span, TSTART/TSTOP, GTIs and
     * exposure, columns, the PI → energy calibration used (or that there is none), the frame time, the GTI
     * extensions read, MJDREF, TIMEZERO, TIMESYS. Times are MET seconds after the TIMEZERO shift.
     */
    String describe(Path file) {
        Optional<Product> product = savedProduct(file);
        if (product.isPresent()) {
            return describeProduct(file, product.get());
        }
        if (LightCurveFile.isJson(file)) {
            return describeLightCurve(file, jsonLightCurve(file));
        }
        if (LightCurveFiles.isLightCurve(file)) {
            return describeLightCurve(file, LightCurveFiles.read(file));
        }
        try (EventFileReader reader = EventFileReader.open(file)) {
            ObservationInfo info = reader.info();
            GtiList gti = reader.gti();
            EventChunk chunk = reader.newChunk();
            double first = Double.NaN;
            double last = Double.NaN;
            while (reader.next(chunk, null)) {
                if (Double.isNaN(first)) {
                    first = chunk.time[0];
                }
                last = chunk.time[chunk.size - 1];
            }
            StringBuilder sb = new StringBuilder();
            sb.append(file).append('\n');
            line(sb, "mission", info.mission() + (info.telescope().isEmpty() || info.telescope().equalsIgnoreCase(info.mission())
                    ? "" : " (TELESCOP " + info.telescope() + ")"));
            line(sb, "instrument", info.instrument());
            line(sb, "events", String.format(Locale.ROOT, "%d, from %.6f to %.6f s (%.3f s)", reader.rowCount(), first,
                    last, last - first));
            line(sb, "TSTART/TSTOP", String.format(Locale.ROOT, "%.6f / %.6f s", info.tstart(), info.tstop()));
            line(sb, "GTIs", gtis(gti) + (reader.gtiFromEvents() ? " (no GTI extension: first to last event)" : ""));
            line(sb, "object", reader.object());
            line(sb, "columns", String.join(", ", reader.columns())
                    + (reader.hasEnergy() ? " (energies available)" : " (no energies)"));
            line(sb, "calibration", reader.calibration());
            line(sb, "frame time", reader.frameTime()
                    .map(f -> String.format(Locale.ROOT, "%.9g s (%s)", f.seconds(), f.keyword()))
                    .orElse("not given in the header"));
            line(sb, "GTI extension", reader.gtiExtensions().isEmpty()
                    ? "none: first to last event, widened by TIMEDEL/2"
                    : String.join(" ∩ ", reader.gtiExtensions()));
            line(sb, "MJDREF", String.format(Locale.ROOT, "%d + %.17g d", info.mjdref().days(), info.mjdref().fraction()));
            line(sb, "TIMEZERO", String.format(Locale.ROOT, "%.9g s (total time offset applied %.9g s)", info.timezero(),
                    info.timeOffset()));
            line(sb, "TIMEDEL", info.timedel() > 0 ? String.format(Locale.ROOT, "%.9g s", info.timedel())
                    : "not given (any --dt is used as it is)");
            line(sb, "TIMESYS", info.timesys());
            return sb.toString().stripTrailing();
        }
    }

    /**
     * A JSON light curve as info reads it: with its own {@code dt} (info has no {@code --dt} to give one), or refused
     * saying that the file lacks it.
     */
    private static LightCurveFile jsonLightCurve(Path file) {
        try {
            return LightCurveFile.readJson(file, Optional.empty());
        } catch (InvalidParameterException e) {
            if (!e.parameter().equals("dt")) {
                throw e;
            }
            throw new BadEventFileException(file, "a JSON light curve without \"dt\": expected its bin time in s there "
                    + "to describe it (the analyses that read light curves take it from --dt)", e);
        }
    }

    /**
     * A few lines about a FITS light curve (e.g. from {@code manta lc -o lc.fits}): its table, mission, instrument, bins
     * and their span, bin time, counts and mean rate of its bins, its errors ({@link #errors}), GTIs and exposure, object,
     * band, MJDREF, TIMESYS.
     */
    static String describeLightCurve(Path file, LightCurveFiles.Contents lc) {
        ObservationInfo info = lc.info();
        return describeLightCurve(file, lc.hdu(), info.mission() + (info.telescope().isEmpty()
                || info.telescope().equalsIgnoreCase(info.mission()) ? "" : " (TELESCOP " + info.telescope() + ")"),
                info.instrument(), lc.time(), lc.counts(), lc.dt(), lc.gti(), lc.object(), lc.band(), info.mjdref(),
                info.timesys(), fitsErrors(file, lc));
    }

    /** {@link #errors} of a FITS light curve: its bins as the analyses check them; bins they refuse are not judged. */
    private static String fitsErrors(Path file, LightCurveFiles.Contents lc) {
        if (lc.countsErr().isEmpty()) {
            return errors("ERROR column", Optional.empty());
        }
        try {
            return errors("ERROR column", Optional.of(LightCurveFile.checked(file, lc.time(), lc.counts(),
                    lc.countsErr(), lc.dt(), Optional.empty(), Optional.of(lc.gti()))));
        } catch (MantaException e) {
            return "ERROR column";
        }
    }

    /** The same lines about a JSON light curve (e.g. from {@code manta lc -o lc.json}), its context from its fields. */
    static String describeLightCurve(Path file, LightCurveFile json) {
        Observation o = json.observation();
        LightCurve lc = json.lc();
        return describeLightCurve(file, "JSON", o.telescope(), o.instrument(), lc.time(), lc.counts(), lc.dt(), lc.gti(),
                o.object(), o.bands().isEmpty() ? Optional.empty() : o.bands().get(0), o.mjdref(), o.timesys(),
                errors("counts_err", json.hasErrors() ? Optional.of(lc) : Optional.empty()));
    }

    /**
     * The {@code errors} line of a light curve: whether the file gives the errors of its counts and whether they look
     * Poisson, by the check behind the non-Poisson warning of lomb and multitaper
     * ({@link ErrorDistribution#looksPoisson}): {@code none}, {@code ERROR column, Poisson} or
     * {@code ERROR column, not Poisson (use --err-dist gauss)}.
     *
     * @param source where the file keeps its errors ("ERROR column", "counts_err")
     * @param withErrors the light curve with the file's errors, if it gives them
     */
    static String errors(String source, Optional<LightCurve> withErrors) {
        return withErrors.map(lc -> source + (ErrorDistribution.looksPoisson(lc) ? ", Poisson"
                : ", not Poisson (use --err-dist gauss)")).orElse("none (Poisson counts)");
    }

    private static String describeLightCurve(Path file, String table, String mission, String instrument, double[] t,
                                             double[] binCounts, double dt, GtiList gti, String object,
                                             Optional<EnergyBand> band, Mjdref mjdref, String timesys,
                                             String errors) {
        double counts = 0;
        for (double c : binCounts) {
            counts += c;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(file).append('\n');
        line(sb, "light curve", table + " (binned: lomb, multitaper, bispectrum and bicoherence read it)");
        line(sb, "mission", mission);
        line(sb, "instrument", instrument);
        line(sb, "bins", String.format(Locale.ROOT, "%d of %.9g s, centres from %.6f to %.6f s", t.length, dt,
                t.length == 0 ? Double.NaN : t[0], t.length == 0 ? Double.NaN : t[t.length - 1]));
        line(sb, "counts", String.format(Locale.ROOT, "%.6g in its bins (mean rate %.6g ct/s)", counts,
                counts / (t.length * dt)));
        line(sb, "errors", errors);
        line(sb, "GTIs", gtis(gti));
        line(sb, "object", object);
        line(sb, "band", band.map(Object::toString).orElse("not given"));
        line(sb, "MJDREF", String.format(Locale.ROOT, "%d + %.17g d", mjdref.days(), mjdref.fraction()));
        line(sb, "TIMESYS", timesys);
        return sb.toString().stripTrailing();
    }

    /**
     * A product Manta wrote with {@code -o FILE.json} or {@code -o FILE.fits}, other than a light curve (which is
     * described as one, from its bins): empty for event files, light curves and other files.
     */
    private static Optional<Product> savedProduct(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Product p;
        if (name.endsWith(".json")) {
            try {
                p = JsonProductReader.read(file);
            } catch (BadEventFileException e) {
                return Optional.empty();      // a JSON light curve of another writer, or not JSON: said by its reader
            }
        } else if (FitsProductReader.isProduct(file)) {
            p = FitsProductReader.read(file);
        } else {
            return Optional.empty();
        }
        return p.kind() == ProductKind.LIGHT_CURVE ? Optional.empty() : Optional.of(p);
    }

    /**
     * A few lines about a saved product: its kind and how it was made (software, time, command line, inputs with their
     * SHA-256), each scalar field, the arrays with their lengths, its GTIs, and how to draw it.
     */
    static String describeProduct(Path file, Product p) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append('\n');
        Provenance made = p.provenance();
        line(sb, "product", p.kind().title() + " (" + p.kind().label() + "), written by " + made.software() + " "
                + made.version() + " at " + made.created());
        line(sb, "command", made.commandLine());
        for (Provenance.InputFile in : made.inputs()) {
            line(sb, "input", in.path() + " (" + (in.bytes() > 0 ? in.bytes() + " bytes, " : "") + "sha256 "
                    + in.sha256() + ")");
        }
        List<String> arrays = new ArrayList<>();
        for (Map.Entry<String, Field> f : p.fields().entrySet()) {
            switch (f.getValue()) {
                case Field.Real r -> line(sb, f.getKey(), exact(r.value()));
                case Field.Int i -> line(sb, f.getKey(), Long.toString(i.value()));
                case Field.Bool b -> line(sb, f.getKey(), Boolean.toString(b.value()));
                case Field.Text t -> line(sb, f.getKey(), t.value());
                case Field.RealArray a -> arrays.add(f.getKey() + " [" + a.values().length + "]");
                case Field.ComplexArray c -> arrays.add(f.getKey() + " [" + c.re().length + ", complex]");
                case Field.Matrix m -> arrays.add(f.getKey() + " [" + m.rows().length + " × "
                        + (m.rows().length == 0 ? 0 : m.rows()[0].length) + "]");
                case Field.GtiTable g -> {
                    double[][] rows = g.intervals();
                    double exposure = Arrays.stream(rows).mapToDouble(r -> r[1] - r[0]).sum();
                    boolean none = rows.length == 0;
                    line(sb, f.getKey().equals("gti") ? "GTIs" : f.getKey(), gtis(rows.length, exposure,
                            none ? Double.NaN : rows[0][0], none ? Double.NaN : rows[rows.length - 1][1]));
                }
            }
        }
        line(sb, "arrays", String.join(", ", arrays));
        line(sb, "plot it", "manta plot " + file + " -o IMAGE.png");
        return sb.toString().stripTrailing();
    }

    /** {@code N, exposure E s, from START to STOP s}. */
    private static String gtis(GtiList gti) {
        return gtis(gti.size(), gti.exposure(), gti.isEmpty() ? Double.NaN : gti.start(),
                gti.isEmpty() ? Double.NaN : gti.stop());
    }

    private static String gtis(int count, double exposure, double start, double stop) {
        return String.format(Locale.ROOT, "%d, exposure %.3f s, from %.6f to %.6f s", count, exposure, start, stop);
    }

    /** A number as the product holds it (the shortest decimal that reads back to it), without an exponent where short. */
    private static String exact(double v) {
        double a = Math.abs(v);
        return Double.isFinite(v) && (a == 0 || (a >= 1e-5 && a < 1e15))
                ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-13s %s%n", key + ":", value.isEmpty() ? "-" : value));
    }
}
