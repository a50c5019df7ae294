package org.manta.cli.plot;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.core.InvalidParameterException;

/**
 * The image formats a plot can be written in, chosen by the file's extension: PNG and JPEG (XChart's
 * {@link BitmapEncoder}), SVG and PDF (XChart's {@link VectorGraphicsEncoder}: VectorGraphics2D for SVG, PDFBox
 * Graphics2D for PDF, both XChart dependencies). Every format paints the chart through its
 * {@code paint(Graphics2D, width, height)}, so a figure of several panels ({@link Panels}) and the heat maps
 * come out whole; a PDF is one page of the chart's size in points. XChart draws text as glyph outlines, so an SVG
 * also gets a {@code <title>} and a {@code <desc>} with the titles and axis titles of its panels as text (for
 * screen readers and text search).
 */
public enum ImageFormat {
    PNG, JPEG, SVG, PDF;

    /** The accepted extensions, for messages and help. */
    public static final String EXTENSIONS = ".png, .jpg (.jpeg), .svg or .pdf";

    /**
     * The format of {@code file} from its extension (case-insensitive).
     *
     * @param option the option that named the file, for the message
     * @throws InvalidParameterException naming the option, the file and the accepted extensions
     */
    public static ImageFormat of(String option, Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return PNG;
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return JPEG;
        }
        if (n.endsWith(".svg")) {
            return SVG;
        }
        if (n.endsWith(".pdf")) {
            return PDF;
        }
        throw new InvalidParameterException(option, file, "an image file ending in " + EXTENSIONS);
    }

    /** Paints {@code chart} into {@code out} in this format; {@code out} is left open. */
    public void write(Chart<?, ?> chart, OutputStream out) throws IOException {
        OutputStream shielded = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();    // the encoders close their stream; the caller's stays open
            }
        };
        switch (this) {
            case PNG -> BitmapEncoder.saveBitmap(chart, shielded, BitmapEncoder.BitmapFormat.PNG);
            case JPEG -> BitmapEncoder.saveBitmap(chart, shielded, BitmapEncoder.BitmapFormat.JPG);
            case SVG -> {
                ByteArrayOutputStream svg = new ByteArrayOutputStream();
                VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                shielded.write(described(svg.toString(StandardCharsets.UTF_8), texts(chart))
                        .getBytes(StandardCharsets.UTF_8));
            }
            case PDF -> VectorGraphicsEncoder.saveVectorGraphic(chart, shielded,
                    VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
        }
        shielded.flush();
    }

    /** The titles and axis titles of a chart, of each panel of a figure, top to bottom; none empty. */
    static List<String> texts(Chart<?, ?> chart) {
        List<String> out = new ArrayList<>();
        if (chart instanceof Panels figure) {
            figure.panels().forEach(panel -> out.addAll(texts(panel)));
            return out;
        }
        for (String t : new String[] {chart.getTitle(), chart.getXAxisTitle(), chart.getYAxisTitle(),
            chart.getYAxisGroupTitle(1)}) {
            if (t != null && !t.isBlank()) {
                out.add(t);
            }
        }
        return out;
    }

    /** {@code svg} with a {@code <title>} (the first text) and a {@code <desc>} (all texts) after its root tag. */
    private static String described(String svg, List<String> texts) {
        int root = svg.indexOf("<svg");
        int end = root < 0 ? -1 : svg.indexOf('>', root);
        if (end < 0 || texts.isEmpty()) {
            return svg;
        }
        String text = "\n  <title>" + escaped(texts.get(0)) + "</title>\n  <desc>" + escaped(String.join("\n", texts))
                + "</desc>";
        return svg.substring(0, end + 1) + text + svg.substring(end + 1);
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
