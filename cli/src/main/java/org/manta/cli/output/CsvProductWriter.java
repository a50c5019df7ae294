package org.manta.cli.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a product as CSV: first the header row (column names), then {@code #} comment lines (how to read the
 * file, then {@code # key = value}: product kind, scalars, GTIs, provenance, and any array whose length
 * differs from the table's), then one row per frequency (or time) bin. So {@code numpy.loadtxt(f,
 * delimiter=",", skiprows=1)}, {@code numpy.genfromtxt(f, delimiter=",", names=True)} and
 * {@code pandas.read_csv(f, comment="#")} all read it (the first line says so). The row count is the length of the first 1-D array; every 1-D array of that
 * length is a column, a complex array becomes {@code name_re,name_im}, and a matrix with one row per bin
 * becomes columns {@code name_0 ... name_k} (for {@code dyn_ps}: one column per time). Numbers are in
 * shortest round-trip form; non-finite values are {@code NaN}, {@code Infinity}, {@code -Infinity}.
 */
public final class CsvProductWriter implements ProductWriter {

    /** How to load the file, the first comment line. */
    static final String HOW_TO_READ = "# read with numpy.loadtxt(FILE, delimiter=\",\", skiprows=1), "
            + "numpy.genfromtxt(FILE, delimiter=\",\", names=True) or pandas.read_csv(FILE, comment=\"#\")";

    @Override
    public void write(Product product, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        int rows = tableLength(product);
        List<String> comments = new ArrayList<>();
        comments.add(HOW_TO_READ + "\n");
        comments.add(comment("product", product.kind().label()));
        List<String> header = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (Map.Entry<String, Field> e : product.fields().entrySet()) {
            String name = e.getKey();
            switch (e.getValue()) {
                case Field.Real r -> comments.add(comment(name, format(r.value())));
                case Field.Int i -> comments.add(comment(name, Long.toString(i.value())));
                case Field.Bool b -> comments.add(comment(name, Boolean.toString(b.value())));
                case Field.Text t -> comments.add(comment(name, t.value()));
                case Field.GtiTable t -> comments.add(comment(name, rowsText(t.intervals())));
                case Field.RealArray a -> {
                    if (a.length() == rows) {
                        header.add(name);
                        columns.add(a.values());
                    } else {
                        comments.add(comment(name, join(a.values(), " ")));
                    }
                }
                case Field.ComplexArray c -> {
                    if (c.length() == rows) {
                        header.add(name + "_re");
                        columns.add(c.re());
                        header.add(name + "_im");
                        columns.add(c.im());
                    } else {
                        comments.add(comment(name + "_re", join(c.re(), " ")));
                        comments.add(comment(name + "_im", join(c.im(), " ")));
                    }
                }
                case Field.Matrix m -> {
                    if (m.nRows() == rows && rows > 0) {
                        for (int j = 0; j < m.nColumns(); j++) {
                            header.add(name + "_" + j);
                            double[] col = new double[rows];
                            for (int i = 0; i < rows; i++) {
                                col[i] = m.rows()[i][j];
                            }
                            columns.add(col);
                        }
                    } else {
                        comments.add(comment(name, rowsText(m.rows())));
                    }
                }
            }
        }
        Provenance p = product.provenance();
        comments.add(comment("provenance.software", p.software() + " " + p.version()));
        comments.add(comment("provenance.command_line", p.commandLine()));
        for (Provenance.InputFile f : p.inputs()) {
            comments.add(comment("provenance.input", f.path() + " sha256=" + f.sha256() + " bytes=" + f.bytes()));
        }
        comments.add(comment("provenance.created_utc", p.createdUtc()));
        if (!header.isEmpty()) {
            w.write(String.join(",", header));
            w.write('\n');
        }
        for (String c : comments) {
            w.write(c);
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < rows && !header.isEmpty(); i++) {
            line.setLength(0);
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(format(columns.get(c)[i]));
            }
            line.append('\n');
            w.write(line.toString());
        }
        w.flush();
    }

    /** Length of the first 1-D (real or complex) array, or -1 if there is none. */
    static int tableLength(Product product) {
        for (Field f : product.fields().values()) {
            if (f instanceof Field.RealArray a) {
                return a.length();
            }
            if (f instanceof Field.ComplexArray c) {
                return c.length();
            }
        }
        return -1;
    }

    private static String comment(String key, String value) {
        return "# " + key + " = " + value.replace('\n', ' ').replace('\r', ' ') + "\n";
    }

    private static String rowsText(double[][] rows) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            sb.append(i == 0 ? "" : "; ").append(join(rows[i], " "));
        }
        return sb.toString();
    }

    private static String join(double[] values, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : sep).append(format(values[i]));
        }
        return sb.toString();
    }

    /** Shortest round-trip decimal ({@link Double#toString}); {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    static String format(double v) {
        return Double.toString(v);
    }
}
