package org.manta.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.output.Field;
import org.manta.cli.output.OutputFormat;
import org.manta.cli.output.Product;
import org.manta.cli.plot.Plots;

/**
 * What an analysis command does with its product: write it (--output, or standard output for {@code -}),
 * draw it (--plot), and otherwise print a one-paragraph summary so a run without -o still says something.
 */
public final class ProductOutput {
    private ProductOutput() {
    }

    /**
     * Writes/draws/summarises {@code product} as the options say.
     *
     * @param stdout standard output (products for {@code -o -}, summaries)
     * @param stderr status lines ("wrote FILE"), unless --quiet
     */
    public static void emit(Product product, AnalysisOptions options, PrintStream stdout, PrintStream stderr) throws IOException {
        emit(product, options, Plots::forProduct, stdout, stderr);
    }

    /** As {@link #emit(Product, AnalysisOptions, PrintStream, PrintStream)} with a command-specific chart. */
    public static void emit(Product product, AnalysisOptions options, Function<Product, Chart<?, ?>> chart,
                            PrintStream stdout, PrintStream stderr) throws IOException {
        if (options.outputIsStdout()) {
            options.outputFormat().writer().write(product, stdout);
            stdout.flush();
        } else if (options.output().isPresent()) {
            Path file = options.output().get();
            OutputFormat format = options.outputFormat();
            format.writer().write(product, file);
            if (!options.quiet()) {
                stderr.println("manta: wrote " + file + " (" + format.label() + ")");
            }
        }
        if (options.plot().isPresent()) {
            Path png = options.plot().get();
            Plots.writePng(chart.apply(product), png);
            if (!options.quiet()) {
                stderr.println("manta: wrote " + png);
            }
        }
        if (options.output().isEmpty()) {
            stdout.println(summary(product));
            if (options.plot().isEmpty()) {
                stdout.println("(use -o FILE.json|.fits|.csv to save it, --plot FILE.png to draw it)");
            }
        }
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
                case Field.Text t -> scalars.append(scalars.isEmpty() ? "" : ", ").append(e.getKey()).append(" = ").append(t.value());
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
            sb.append(String.format(Locale.ROOT, ": %d bins", t.length));
        }
        if (!scalars.isEmpty()) {
            sb.append("\n  ").append(scalars);
        }
        return sb.toString();
    }

    /** Six significant digits without trailing zeros: 0.5, 2, 63.9844, 8.00000e+07 -> 8e+07. */
    static String compact(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
