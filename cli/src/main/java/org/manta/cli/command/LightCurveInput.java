package org.manta.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.GtiList;
import org.manta.core.io.LightCurveFiles;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.plan.Observation;
import org.manta.core.plan.PlanWarnings;

/**
 * The light curve an analysis of a whole series starts from (lomb, multitaper, bispectrum, bicoherence), and the
 * context of its input: an event file binned at {@code --dt} (Stingray {@code EventList.to_lc(dt)}), a FITS light
 * curve (an OGIP {@code RATE} table, recognised by its header as {@link LightCurveFiles} says: what {@code manta lc
 * -o lc.fits} writes, or another tool's; read by {@link LightCurveFile#readFits}, as the mesh reads it), or a
 * light-curve JSON ({@code *.json}: {@code time}, {@code counts}, optional {@code dt}, {@code gti} and the context
 * fields; what {@code manta lc -o lc.json} writes), whose times may be uneven (Lomb–Scargle).
 *
 * @param lc          the light curve
 * @param observation the input's context (telescope, instrument, object, time system, MJDREF, band), written into
 *                    the product by {@link #withContext}
 */
public record LightCurveInput(LightCurve lc, Observation observation) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether {@code file} is read as a JSON light curve ({@code *.json}), not an event file. */
    public static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** Whether {@code file} is a light curve (JSON, or a FITS light curve by its header), not an event file. */
    public static boolean isLightCurve(Path file) {
        return isJson(file) || LightCurveFiles.isLightCurve(file);
    }

    /**
     * Reads {@code file}: light curves (JSON or FITS) as they are (their own {@code dt} is used: {@code --dt}, when
     * given, must equal it; a JSON one without a {@code dt} needs {@code --dt}; a JSON one without GTIs has the GTI
     * {@code [t0 − dt/2, t_last + dt/2]}, a FITS one without a GTI extension those of its good bins,
     * {@link LightCurveFiles}), event files binned over their GTIs.
     */
    static LightCurveInput read(Path file, AnalysisOptions options) {
        if (!isLightCurve(file)) {
            LightCurve lc = options.pipeline().lightCurve(file, options.selection(), options.dt());
            return new LightCurveInput(lc, options.observation().orElseThrow());
        }
        LightCurveFile.requireNoBand(file, options.selection());
        return isJson(file) ? readJson(file, options.dtIfGiven()) : readFits(file, options.dtIfGiven());
    }

    /**
     * {@link #read} (after checking that the file is readable), then {@link #contiguous}: the input of the
     * multitaper command.
     */
    static LightCurveInput readContiguous(Path file, AnalysisOptions options) {
        Inputs.requireReadable(List.of(file));
        LightCurveInput in = read(file, options);
        return new LightCurveInput(contiguous(file, in.lc), in.observation);
    }

    /**
     * The bins of an analysis that takes the light curve's bins as they are, gaps included (bispectrum, bicoherence,
     * as Stingray's {@code Bispectrum}; {@link EventLightCurves#whole}, as the mesh): one GTI gives its contiguous bins;
     * several give the whole span with the gaps as zeros, which is said on standard error (an error under
     * {@code --strict}).
     *
     * @param analysis what is computed, for the warning ("bispectrum")
     */
    static LightCurveInput readWhole(Path file, AnalysisOptions options, String analysis) {
        Inputs.requireReadable(List.of(file));
        LightCurveInput in = read(file, options);
        LightCurve whole = EventLightCurves.whole(file, in.lc);
        PlanWarnings.gapsAsZeros(file.toString(), analysis, whole.gti(), PlanWarnings.ONE_GTI_ADVICE)
                .ifPresent(options.warnings()::warn);
        return new LightCurveInput(whole, in.observation);
    }

    /** The contiguous bins of a whole-series analysis ({@link EventLightCurves#contiguous}: one GTI, even bins). */
    static LightCurve contiguous(Path file, LightCurve lc) {
        return EventLightCurves.contiguous(file, lc);
    }

    /** {@code product} with this input's context ({@link Products#withObservation}). */
    Product withContext(Product product) {
        return Products.withObservation(product, observation);
    }

    private static LightCurveInput readFits(Path file, Optional<Double> dt) {
        LightCurveFile f = LightCurveFile.readFits(file, dt);
        return new LightCurveInput(f.lc(), f.observation());
    }

    private static LightCurveInput readJson(Path file, Optional<Double> dt) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadEventFileException(file, "not a readable JSON light curve (" + e.getMessage() + ")");
        }
        double[] time = numbers(file, root, "time");
        double[] counts = numbers(file, root, "counts");
        if (!root.hasNonNull("dt") && dt.isEmpty()) {
            throw new InvalidParameterException("dt", "(none)", "--dt SECONDS: the light curve " + file + " has no dt");
        }
        double ownDt = root.hasNonNull("dt") ? root.get("dt").asDouble() : dt.get();
        Optional<GtiList> gti = Optional.empty();
        if (root.hasNonNull("gti")) {
            JsonNode g = root.get("gti");
            double[] starts = new double[g.size()];
            double[] stops = new double[g.size()];
            for (int i = 0; i < g.size(); i++) {
                starts[i] = g.get(i).get(0).asDouble();
                stops[i] = g.get(i).get(1).asDouble();
            }
            gti = Optional.of(GtiList.of(starts, stops));
        }
        return new LightCurveInput(LightCurveFile.checked(file, time, counts, ownDt, dt, gti), jsonContext(root));
    }

    /**
     * The context fields of a light-curve JSON as {@code manta lc} writes them (docs/cli.md): {@code telescope},
     * {@code instrument}, {@code object}, {@code timesys}, {@code mjdref}, and {@code e_min}/{@code e_max} or
     * {@code pi_min}/{@code pi_max}; absent ones are empty (MJDREF {@link Mjdref#NONE}).
     */
    private static Observation jsonContext(JsonNode root) {
        Optional<EnergyBand> band = Optional.empty();
        if (root.hasNonNull("e_min") && root.hasNonNull("e_max")) {
            band = Optional.of(EnergyBand.energy(root.get("e_min").asDouble(), root.get("e_max").asDouble()));
        } else if (root.hasNonNull("pi_min") && root.hasNonNull("pi_max")) {
            band = Optional.of(EnergyBand.pi(root.get("pi_min").asDouble(), root.get("pi_max").asDouble()));
        }
        Mjdref mjdref = root.hasNonNull("mjdref") && root.get("mjdref").isNumber()
                ? Mjdref.of(root.get("mjdref").asDouble()) : Mjdref.NONE;
        return new Observation(text(root, "telescope"), text(root, "instrument"), text(root, "object"),
                text(root, "timesys"), mjdref, List.of(band));
    }

    private static String text(JsonNode root, String name) {
        return root.hasNonNull(name) ? root.get(name).asText() : "";
    }

    private static double[] numbers(Path file, JsonNode root, String name) {
        JsonNode a = root.get(name);
        if (a == null || !a.isArray()) {
            throw new BadEventFileException(file, "no '" + name + "' array: expected a light curve with time and counts");
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
}
