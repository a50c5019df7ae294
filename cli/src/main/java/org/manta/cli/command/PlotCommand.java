package org.manta.cli.command;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.Main;
import org.manta.cli.output.FitsProductReader;
import org.manta.cli.output.JsonProductReader;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Rebinning;
import org.manta.cli.plot.ImageFormat;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta plot PRODUCT.json|PRODUCT.fits [-o OUT.png|.svg|.pdf]}: draws a saved product again. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a product saved with -o FILE.json or FILE.fits (pds, cpds, lc, dynps, fad, ...) as an image: "
                + "PNG, JPEG, SVG or PDF, from the extension of -o.",
            "Power and cross spectra (also Lomb-Scargle and multitaper) that were not rebinned are shown rebinned: "
                + "log-rebinned by " + Plots.DISPLAY_REBIN_LOG + " unless --rebin-log F or --rebin DF|Nx says otherwise; "
                + "a cross spectrum's lags, coherence and errors are recomputed from its rebinned cross and band powers. "
                + "A spectrum rebinned when computed is drawn as saved (--rebin-log and --rebin are refused)."},
        footer = {"", "Examples:", "  manta plot pds.json -o pds.png --rebin-log 0.05 --freq-power",
            "  manta plot cpds.json -o lags.png --rebin-log 0.02",
            "  manta plot cpds.fits -o lags.pdf --freq-power"})
public final class PlotCommand implements Callable<Integer> {
    /** The products that --rebin/--rebin-log and --freq-power apply to. */
    private static final Set<ProductKind> REBINNABLE = EnumSet.of(ProductKind.POWER_SPECTRUM,
            ProductKind.CROSS_SPECTRUM, ProductKind.LOMB_SCARGLE_POWER_SPECTRUM, ProductKind.MULTITAPER_POWER_SPECTRUM);

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

    @Mixin
    RebinOptions rebin;

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
        Optional<Rebinning> rebinning = rebin.rebinning();
        if (rebinning.isPresent() && !REBINNABLE.contains(p.kind())) {
            throw new InvalidParameterException(rebinning.get().kind() == Rebinning.Kind.LOG ? "rebin-log" : "rebin",
                    "given for a " + p.kind().title().toLowerCase(Locale.ROOT), "a power or cross spectrum product "
                    + "(pds, cpds, lomb, multitaper)");
        }
        if (freqPower && !REBINNABLE.contains(p.kind())) {
            throw new InvalidParameterException("freq-power", "given for a " + p.kind().title().toLowerCase(Locale.ROOT),
                    "a power or cross spectrum product");
        }
        Plots.requireRebinnable(p, rebinning);
        Chart<?, ?> chart = switch (p.kind()) {
            case POWER_SPECTRUM, LOMB_SCARGLE_POWER_SPECTRUM, MULTITAPER_POWER_SPECTRUM -> Plots.powerSpectrum(p, freqPower,
                    rebinning.orElse(Rebinning.log(Plots.DISPLAY_REBIN_LOG)));
            case CROSS_SPECTRUM -> Plots.crossSpectrum(Plots.shownCrossSpectrum(p, rebinning), freqPower);
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
