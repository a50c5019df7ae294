package org.manta.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;

/**
 * The light curve an analysis of a whole series starts from (lomb, multitaper, bispectrum, bicoherence):
 * an event file binned at {@code --dt} (Stingray {@code EventList.to_lc(dt)}), or a light-curve JSON
 * ({@code *.json}: {@code time}, {@code counts}, optional {@code dt} and {@code gti}; what {@code manta lc
 * -o lc.json} writes), whose times may be uneven (Lomb–Scargle).
 */
public final class LightCurveInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Relative tolerance on the bin spacing of a light curve that must be evenly sampled. */
    static final double EVEN_SPACING_TOLERANCE = EventLightCurves.EVEN_SPACING_TOLERANCE;

    private LightCurveInput() {
    }

    /** Whether {@code file} is read as a JSON light curve ({@code *.json}), not an event file. */
    public static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /**
     * Reads {@code file}: JSON light curves as they are (their {@code dt} must equal {@code --dt}; without
     * {@code gti} the GTI is {@code [t0 − dt/2, t_last + dt/2]}), event files binned over their GTIs.
     */
    static LightCurve read(Path file, AnalysisOptions options) {
        if (!isJson(file)) {
            return options.pipeline().lightCurve(file, options.selection(), options.dt());
        }
        if (options.selection().isPresent()) {
            throw new InvalidParameterException("energy/pi", file, "an event file (a light curve has no energies)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadEventFileException(file, "not a readable JSON light curve (" + e.getMessage() + ")");
        }
        double[] time = numbers(file, root, "time");
        double[] counts = numbers(file, root, "counts");
        if (time.length != counts.length || time.length < 2) {
            throw new BadEventFileException(file, "time has " + time.length + " values and counts " + counts.length
                    + ": expected two arrays of the same length, at least 2");
        }
        double dt = options.dt();
        if (root.hasNonNull("dt") && Math.abs(root.get("dt").asDouble() - dt) > EVEN_SPACING_TOLERANCE * dt) {
            throw new InvalidParameterException("dt", dt, "the light curve's own dt = " + root.get("dt").asDouble());
        }
        for (int i = 1; i < time.length; i++) {
            if (!(time[i] > time[i - 1])) {
                throw new BadEventFileException(file, "time[" + i + "] = " + time[i] + " does not follow time["
                        + (i - 1) + "] = " + time[i - 1] + ": expected increasing times");
            }
        }
        GtiList gti;
        if (root.hasNonNull("gti")) {
            JsonNode g = root.get("gti");
            double[] starts = new double[g.size()];
            double[] stops = new double[g.size()];
            for (int i = 0; i < g.size(); i++) {
                starts[i] = g.get(i).get(0).asDouble();
                stops[i] = g.get(i).get(1).asDouble();
            }
            gti = GtiList.of(starts, stops);
        } else {
            gti = GtiList.of(new Gti(time[0] - dt / 2, time[time.length - 1] + dt / 2));
        }
        return new LightCurve(time, counts, new double[time.length], dt, gti, time[0] - dt / 2,
                time[time.length - 1] - time[0] + dt);
    }

    /**
     * {@link #read} (after checking that the file is readable), then {@link #contiguous}: the input of the
     * multitaper, bispectrum and bicoherence commands.
     */
    static LightCurve readContiguous(Path file, AnalysisOptions options) {
        Inputs.requireReadable(java.util.List.of(file));
        return contiguous(file, read(file, options));
    }

    /** The contiguous bins of a whole-series analysis ({@link EventLightCurves#contiguous}: one GTI, even bins). */
    static LightCurve contiguous(Path file, LightCurve lc) {
        return EventLightCurves.contiguous(file, lc);
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
