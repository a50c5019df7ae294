package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.core.BadEventFileException;
import org.manta.core.io.LightCurveFiles;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.plan.Observation;
import org.manta.core.plan.PlanWarnings;

/**
 * The light curve an analysis of a whole series starts from (lomb, multitaper, bispectrum, bicoherence), and the
 * context of its input: an event file binned at {@code --dt} (Stingray {@code EventList.to_lc(dt)}), a FITS light
 * curve (an OGIP {@code RATE} table, recognised by its header as {@link LightCurveFiles} says: what {@code manta lc
 * -o lc.fits} writes, or another tool's), or a light-curve JSON ({@code *.json}: {@code time}, {@code counts},
 * optional {@code dt}, {@code gti} and the context fields; what {@code manta lc -o lc.json} writes), whose times may
 * be uneven (Lomb–Scargle); both read by {@link LightCurveFile#read}, as the mesh reads them.
 *
 * @param lc          the light curve
 * @param observation the input's context (telescope, instrument, object, time system, MJDREF, band), written into
 *                    the product by {@link #withContext}
 */
public record LightCurveInput(LightCurve lc, Observation observation) {
    /**
     * Reads {@code file}: light curves (JSON or FITS) as they are (their own {@code dt} is used: {@code --dt}, when
     * given, must equal it; a JSON one without a {@code dt} needs {@code --dt}; a JSON one without GTIs has the GTI
     * {@code [t0 − dt/2, t_last + dt/2]}, a FITS one without a GTI extension those of its good bins,
     * {@link LightCurveFiles}), event files binned over their GTIs.
     */
    static LightCurveInput read(Path file, AnalysisOptions options) {
        requireInputFormat(file);
        if (!LightCurveFile.isLightCurve(file)) {
            LightCurve lc = options.pipeline().lightCurve(file, options.selection(), options.dt());
            return new LightCurveInput(lc, options.observation().orElseThrow());
        }
        LightCurveFile f = lightCurveFile(file, options);
        return new LightCurveInput(f.lc(), f.observation());
    }

    /**
     * Refuses a CSV file (what {@code manta lc -o lc.csv} writes, for reading by eye or by other tools) before anything
     * else is asked of it, such as a {@code --dt} to bin it as events.
     */
    static void requireInputFormat(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            throw new BadEventFileException(file, "CSV is not an input format: expected a light curve in FITS or JSON "
                    + "(manta lc -o lc.fits|lc.json) or an event file (FITS)");
        }
    }

    /** A light curve as {@link #read} reads it: no band may be asked of it, {@code --dt} must be its own. */
    private static LightCurveFile lightCurveFile(Path file, AnalysisOptions options) {
        LightCurveFile.requireNoBand(file, options.selection());
        return LightCurveFile.read(file, options.dtIfGiven());
    }

    /**
     * {@link #read}, for an analysis whose normalisation depends on how the counts scatter ({@code lomb},
     * {@code multitaper}): {@code --err-dist gauss} needs a light curve with errors (an event file, or a light curve
     * without them, is refused before it is read: exit 2, naming it); without {@code --err-dist}, a light curve whose
     * errors are clearly not Poisson is warned of ({@link LightCurveFile#notPoissonWarning}, an error under
     * {@code --strict}); the mesh's planner checks and warns by the same calls.
     */
    static LightCurveInput read(Path file, AnalysisOptions options, ErrDistOption errDist) {
        ErrorDistribution dist = errDist.errDist();
        requireInputFormat(file);
        if (!LightCurveFile.isLightCurve(file)) {
            LightCurveFile.requireErrorsOfEvents(dist, file);
            return read(file, options);
        }
        LightCurveFile f = lightCurveFile(file, options);
        f.requireErrors(dist, file);
        f.notPoissonWarning(errDist.asked(), file.toString()).ifPresent(options.warnings()::warn);
        return new LightCurveInput(f.lc(), f.observation());
    }

    /**
     * {@link #read} (after checking that the file is readable), then {@link #contiguous}: the input of the
     * multitaper command.
     */
    static LightCurveInput readContiguous(Path file, AnalysisOptions options, ErrDistOption errDist) {
        Inputs.requireReadable(List.of(file));
        LightCurveInput in = read(file, options, errDist);
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
}
