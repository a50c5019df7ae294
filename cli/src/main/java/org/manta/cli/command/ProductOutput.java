package org.manta.cli.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.output.AtomicFiles;
import org.manta.cli.output.Field;
import org.manta.core.Numbers;
import org.manta.cli.output.OutputFormat;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Products;
import org.manta.cli.plot.ImageFormat;
import org.manta.cli.plot.Plots;
import org.manta.core.MantaException;

/**
 * What an analysis command does with its product: write it (--output, or standard output for {@code -}),
 * draw it (--plot), both or neither, and otherwise print a one-paragraph summary so a run without -o still
 * says something. The paths were checked before the work ({@link AnalysisOptions#validate()}).
 */
public final class ProductOutput {
    private ProductOutput() {
    }

    /**
     * Writes/draws/summarises {@code product} as the options say, with the context of the inputs the
     * options' pipeline read ({@link Products#withObservation}).
     *
     * @param stdout standard output (products for {@code -o -}, summaries)
     * @param stderr status lines ("wrote FILE"), unless --quiet
     */
    public static void emit(Product product, AnalysisOptions options, PrintStream stdout, PrintStream stderr) throws IOException {
        emit(product, options, Plots::forProduct, stdout, stderr);
    }

    /**
     * As {@link #emit(Product, AnalysisOptions, PrintStream, PrintStream)} with a command-specific chart. The
     * output file and the plot are written all-or-nothing ({@link AtomicFiles#writeAll}): if the plot cannot
     * be drawn, neither file is written (exit 2, the message says so).
     */
    public static void emit(Product product, AnalysisOptions options, Function<Product, Chart<?, ?>> chart,
                            PrintStream stdout, PrintStream stderr) throws IOException {
        Product full = options.observation().map(o -> Products.withObservation(product, o)).orElse(product);
        Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
        Optional<Path> file = options.output().filter(f -> !options.outputIsStdout());
        OutputFormat format = options.output().isPresent() ? options.outputFormat() : null;
        file.ifPresent(f -> files.put(f, out -> format.writer().write(full, out)));
        options.plot().ifPresent(image -> files.put(image, out -> draw(chart, full, image, out)));
        if (options.outputIsStdout()) {
            if (options.plot().isPresent()) {    // drawn before the product goes out: a failure writes nothing
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                draw(chart, full, options.plot().get(), buffer);
                byte[] image = buffer.toByteArray();
                files.put(options.plot().get(), out -> out.write(image));
            }
            format.writer().write(full, stdout);
            stdout.flush();
        }
        AtomicFiles.writeAll(files);
        if (!options.quiet()) {
            file.ifPresent(f -> stderr.println("manta: wrote " + f + " (" + format.label() + ")"));
            options.plot().ifPresent(image -> stderr.println("manta: wrote " + image));
        }
        if (options.output().isEmpty()) {
            stdout.println(summary(full));
            if (options.plot().isEmpty()) {
                stdout.println("(use -o FILE.json|.fits|.csv to save it, --plot FILE.png|.svg|.pdf to draw it)");
            }
        }
    }

    /**
     * Draws the chart of {@code product} in the format of {@code image}'s extension (PNG, JPEG, SVG, PDF); a
     * failure to draw is the user's to hear about, not a crash.
     */
    private static void draw(Function<Product, Chart<?, ?>> chart, Product product, Path image, OutputStream out)
            throws IOException {
        ImageFormat format = ImageFormat.of("plot", image);
        Chart<?, ?> drawn;
        try {
            drawn = chart.apply(product);
        } catch (RuntimeException e) {
            throw new MantaException("cannot draw " + image + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; nothing was written");
        }
        format.write(drawn, out);
    }

    /** A short human summary: kind, array sizes and ranges, scalars. */
    public static String summary(Product product) {
        StringBuilder sb = new StringBuilder(product.kind().title());
        StringBuilder scalars = new StringBuilder();
        for (Map.Entry<String, Field> e : product.fields().entrySet()) {
            switch (e.getValue()) {
                case Field.Real r -> scalars.append(scalars.isEmpty() ? "" : ", ").append(e.getKey()).append(" = ")
                        .append(compact(r.value()));
                case Field.Int i -> scalars.append(scalars.isEmpty() ? "" : ", ").append(e.getKey()).append(" = ").append(i.value());
                case Field.Bool b -> scalars.append(scalars.isEmpty() ? "" : ", ").append(e.getKey()).append(" = ").append(b.value());
                case Field.Text t -> scalars.append(scalars.isEmpty() ? "" : ", ").append(e.getKey()).append(" = ")
                        .append(t.value().isEmpty() ? "-" : t.value());
                default -> {
                }
            }
        }
        if (product.has("freq")) {
            double[] f = product.array("freq");
            sb.append(String.format(Locale.ROOT, ": %d frequencies", f.length));
            if (f.length > 0) {
                sb.append(" from ").append(compact(f[0])).append(" to ").append(compact(f[f.length - 1])).append(" Hz");
            }
        } else if (product.has("time")) {
            double[] t = product.array("time");
            sb.append(String.format(Locale.ROOT, product.kind() == ProductKind.POWER_COLORS ? ": %d segments" : ": %d bins",
                    t.length));
        }
        if (!scalars.isEmpty()) {
            sb.append("\n  ").append(scalars);
        }
        return sb.toString();
    }

    /** Six significant digits without trailing zeros ({@link Numbers#compact}). */
    static String compact(double v) {
        return Numbers.compact(v);
    }
}
