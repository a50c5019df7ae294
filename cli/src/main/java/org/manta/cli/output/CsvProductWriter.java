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
 * Writes a product as CSV: first {@code # key = value} comment lines (product kind, scalars, GTIs,
 * provenance, and any array whose length differs from the table's), then a header row and one row per
 * frequency (or time) bin. The row count is the length of the first 1-D array; every 1-D array of that
 * length is a column, a complex array becomes {@code name_re,name_im}, and a matrix with one row per bin
 * becomes columns {@code name_0 ... name_k} (for {@code dyn_ps}: one column per time). Numbers are in
 * shortest round-trip form; non-finite values are {@code NaN}, {@code Infinity}, {@code -Infinity}.
 */
public final class CsvProductWriter implements ProductWriter {

    @Override
    public void write(Product product, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        int rows = tableLength(product);
        w.write("# product = " + product.kind().label() + "\n");
        List<String> header = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (Map.Entry<String, Field> e : product.fields().entrySet()) {
            String name = e.getKey();
            switch (e.getValue()) {
                case Field.Real r -> comment(w, name, format(r.value()));
                case Field.Int i -> comment(w, name, Long.toString(i.value()));
                case Field.Text t -> comment(w, name, t.value());
                case Field.GtiTable t -> comment(w, name, rowsText(t.intervals()));
                case Field.RealArray a -> {
                    if (a.length() == rows) {
                        header.add(name);
                        columns.add(a.values());
                    } else {
                        comment(w, name, join(a.values(), " "));
                    }
                }
                case Field.ComplexArray c -> {
                    if (c.length() == rows) {
                        header.add(name + "_re");
                        columns.add(c.re());
                        header.add(name + "_im");
                        columns.add(c.im());
                    } else {
                        comment(w, name + "_re", join(c.re(), " "));
                        comment(w, name + "_im", join(c.im(), " "));
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
                        comment(w, name, rowsText(m.rows()));
                    }
                }
            }
        }
        Provenance p = product.provenance();
        comment(w, "provenance.software", p.software() + " " + p.version());
        comment(w, "provenance.command_line", p.commandLine());
        for (Provenance.InputFile f : p.inputs()) {
            comment(w, "provenance.input", f.path() + " sha256=" + f.sha256() + " bytes=" + f.bytes());
        }
        comment(w, "provenance.created_utc", p.createdUtc());
        if (!header.isEmpty()) {
            w.write(String.join(",", header));
            w.write('\n');
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
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

    private static void comment(Writer w, String key, String value) throws IOException {
        w.write("# " + key + " = " + value.replace('\n', ' ').replace('\r', ' ') + "\n");
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
