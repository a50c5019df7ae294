package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.Main;
import org.manta.cli.output.FitsProductReader;
import org.manta.cli.output.JsonProductReader;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.plot.ImageFormat;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta plot PRODUCT.json|PRODUCT.fits [-o OUT.png|.svg|.pdf]}: draws a saved product again. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a product saved with -o FILE.json or FILE.fits (pds, cpds, lc, dynps, fad, ...) as an image: "
                + "PNG, JPEG, SVG or PDF, from the extension of -o.",
            "Power spectra that were not rebinned are shown log-rebinned (--rebin-log, default "
                + Plots.DISPLAY_REBIN_LOG + ")."},
        footer = {"", "Examples:", "  manta plot pds.json -o pds.png --rebin-log 0.05 --freq-power",
            "  manta plot cpds.fits -o lags.pdf --freq-power"})
public final class PlotCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "PRODUCT", description = "A product written by manta ... -o FILE.json or FILE.fits.")
    Path product;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png|svg|pdf",
            description = "Image to write, format from the extension (" + ImageFormat.EXTENSIONS
                    + "; default: PRODUCT with .png).")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing image (without it, an existing file is an error).")
    boolean overwrite;

    @Option(names = "--rebin-log", paramLabel = "F",
            description = "Log-rebinning of an unrebinned power spectrum for display (default: "
                    + Plots.DISPLAY_REBIN_LOG + ").")
    Double rebinLog;

    @Option(names = "--freq-power", description = "Power spectra: plot frequency x power; cross spectra: add a panel "
            + "of frequency x cospectrum above the lags.")
    boolean freqPower;

    @Override
    public Integer call() throws Exception {
        String name = product.toString().toLowerCase(Locale.ROOT);
        boolean fits = name.endsWith(".fits") || name.endsWith(".fit") || name.endsWith(".fits.gz");
        if (!fits && !name.endsWith(".json")) {
            throw new InvalidParameterException("product", product, "a product written with -o FILE.json or FILE.fits");
        }
        Path out = output != null ? output : sibling(product, ".png");
        ImageFormat format = ImageFormat.of("output", out);
        AnalysisOptions.requireWritable("output", out, overwrite);
        Inputs.requireReadable(List.of(product));
        Product p = fits ? FitsProductReader.read(product) : JsonProductReader.read(product);
        if (rebinLog != null && p.kind() != ProductKind.POWER_SPECTRUM) {
            throw new InvalidParameterException("rebin-log", rebinLog, "a power spectrum product (rebin a "
                    + p.kind().label() + " when computing it, e.g. manta cpds --rebin-log F: lags and coherence "
                    + "must be recomputed from the rebinned cross spectrum)");
        }
        if (freqPower && p.kind() != ProductKind.POWER_SPECTRUM && p.kind() != ProductKind.CROSS_SPECTRUM) {
            throw new InvalidParameterException("freq-power", "given for a " + p.kind().title().toLowerCase(Locale.ROOT),
                    "a power or cross spectrum product");
        }
        Chart<?, ?> chart = switch (p.kind()) {
            case POWER_SPECTRUM -> Plots.powerSpectrum(p, freqPower, rebinLog == null ? Plots.DISPLAY_REBIN_LOG : rebinLog);
            case CROSS_SPECTRUM -> Plots.crossSpectrum(p, freqPower);
            default -> Plots.forProduct(p);
        };
        Plots.write(chart, out, format);
        main.err().println("manta: wrote " + out);
        return 0;
    }

    private static Path sibling(Path file, String extension) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + extension);
    }
}
