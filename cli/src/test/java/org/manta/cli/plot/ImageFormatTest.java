package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;
import org.manta.core.InvalidParameterException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Plots as SVG and PDF: the SVG parses as XML with the titles as text, one data marker per point and no empty
 * path; the PDF is one page of the chart's size; a figure of two panels comes out whole (both panels inked).
 */
class ImageFormatTest {
    private static final Provenance PROV = new Provenance("manta", "test",
            "manta cpds /data/obs.evt --energy1 3:10 --energy2 0.5:3 --dt 1/256 --segment 16",
            List.of(new Provenance.InputFile("/data/obs.evt", "00", 1)), Instant.parse("2026-12-06T00:00:00Z"));
    /** The fill of the data markers (Plots.DATA) as VectorGraphics2D writes it. */
    private static final String DATA_FILL = "fill:rgb(31,78,158);";
    /** A rendered pixel within this distance per channel of the data colour is a data pixel (antialiasing). */
    private static final int COLOUR_TOLERANCE = 12;

    @Test
    void theFormatComesFromTheExtensionAndOthersAreRefusedNamingTheAcceptedOnes() {
        assertEquals(ImageFormat.PNG, ImageFormat.of("plot", Path.of("a.PNG")));
        assertEquals(ImageFormat.JPEG, ImageFormat.of("plot", Path.of("a.jpeg")));
        assertEquals(ImageFormat.SVG, ImageFormat.of("plot", Path.of("dir/a.svg")));
        assertEquals(ImageFormat.PDF, ImageFormat.of("plot", Path.of("a.Pdf")));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ImageFormat.of("plot", Path.of("lags.eps")));
        for (String ext : new String[] {"lags.eps", ".png", ".jpg", ".svg", ".pdf"}) {
            assertTrue(e.getMessage().contains(ext), e.getMessage());
        }
    }

    /** A power spectrum of {@code n} positive powers, already rebinned (drawn as given, one marker each). */
    private static Product powerSpectrum(int n) {
        double[] f = new double[n];
        double[] p = new double[n];
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 0.5 * (i + 1);
            p[i] = 2 + 10 / (1 + f[i]);
            err[i] = 0.1 * p[i];
        }
        return Product.builder(ProductKind.POWER_SPECTRUM).array("freq", f).array("power", p).array("power_err", err)
                .integer("m", 16).real("df", 0.5).real("dt", 1.0 / 256).real("mean", 0.5).text("norm", "leahy")
                .text("rebin", "log f=0.1").provenance(PROV).build();
    }

    @Test
    void svgIsXmlWithTheTitlesAsTextOneMarkerPerPointAndNoEmptyPath() throws Exception {
        int n = 23;
        XYChart chart = Plots.powerSpectrum(powerSpectrum(n), false);
        Document svg = svg(chart);
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals(Plots.WIDTH + "px", root.getAttribute("width"));
        assertEquals(Plots.HEIGHT + "px", root.getAttribute("height"));
        assertEquals(chart.getTitle(), text(svg, "title"));
        String desc = text(svg, "desc");
        assertTrue(desc.contains("Frequency (Hz)") && desc.contains("Power (Leahy)"), desc);
        assertEquals(n + 1, dataMarkers(svg), "one marker per power, one in the legend (beside the noise level)");
        NodeList paths = svg.getElementsByTagName("path");
        assertTrue(paths.getLength() > 20, "the text is drawn as glyph outlines: " + paths.getLength() + " paths");
        for (int i = 0; i < paths.getLength(); i++) {
            assertFalse(((Element) paths.item(i)).getAttribute("d").isBlank(), "path " + i + " is empty");
        }
    }

    /** A coherent cross spectrum of {@code n} bins with a 5 ms lag. */
    private static Product crossSpectrum(int n) {
        double[] f = new double[n];
        double[] re = new double[n];
        double[] im = new double[n];
        double[] lag = new double[n];
        double[] lagErr = new double[n];
        double[] coh = new double[n];
        double[] cohErr = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 0.25 * (i + 1);
            re[i] = 20 / (1 + f[i]);
            im[i] = re[i] * Math.tan(2 * Math.PI * f[i] * 0.005);
            lag[i] = 0.005;
            lagErr[i] = 0.0005;
            coh[i] = 0.8;
            cohErr[i] = 0.05;
        }
        return Product.builder(ProductKind.CROSS_SPECTRUM).array("freq", f).complex("power", re, im)
                .complex("power_err", scaled(re, 0.1), scaled(re, 0.1)).array("time_lag", lag)
                .array("time_lag_err", lagErr).array("raw_coherence", coh).array("raw_coherence_err", cohErr)
                .integer("m", 64).real("df", 0.25).real("dt", 1.0 / 256).real("segment_size", 16).text("norm", "leahy")
                .text("rebin", "log f=0.1").provenance(PROV).build();
    }

    @Test
    void aFigureOfThreePanelsComesOutWholeInSvgAndPdf() throws Exception {
        int n = 17;
        Chart<?, ?> figure = Plots.crossSpectrum(crossSpectrum(n), true);
        assertTrue(figure instanceof Panels, figure.getClass().getName());
        assertEquals(3, ((Panels) figure).panels().size(), "cospectrum, lags, coherence");
        int height = 2 * Plots.HEIGHT + Plots.COHERENCE_PANEL_HEIGHT;
        assertEquals(height, figure.getHeight());

        Document svg = svg(figure);
        assertEquals(height + "px", svg.getDocumentElement().getAttribute("height"));
        String desc = text(svg, "desc");
        for (String expected : new String[] {"Cospectrum (ν × Re C)", "ν × Re C (Leahy × Hz)", "Time lag (ms)",
            "Raw coherence γ²"}) {
            assertTrue(desc.contains(expected), expected + " in " + desc);
        }
        // the cospectrum's points, the lags' points and the lags' legend entry
        assertEquals(n + n + 1, dataMarkers(svg));

        byte[] pdf = bytes(figure, ImageFormat.PDF);
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            PDRectangle page = doc.getPage(0).getMediaBox();
            assertEquals(Plots.WIDTH, page.getWidth(), 0.5, "points");
            assertEquals(height, page.getHeight(), 0.5, "points");
            BufferedImage img = new PDFRenderer(doc).renderImage(0);     // 72 dpi: one pixel per point
            int w = img.getWidth();
            int top = Pixels.count(img, Pixels.DATA, COLOUR_TOLERANCE, 0, w, 0, Plots.HEIGHT);
            int middle = Pixels.count(img, Pixels.DATA, COLOUR_TOLERANCE, 0, w, Plots.HEIGHT, 2 * Plots.HEIGHT);
            int bottom = Pixels.count(img, new int[] {0xc0, 0x60, 0x10}, COLOUR_TOLERANCE, 0, w, 2 * Plots.HEIGHT,
                    img.getHeight());
            assertTrue(top > 100 && middle > 100 && bottom > 100, "cospectrum, lags and coherence drawn in their "
                    + "panels: " + top + ", " + middle + ", " + bottom + " pixels");
        }
    }

    @Test
    void aSingleChartIsOnePdfPageOfItsSize() throws Exception {
        byte[] pdf = bytes(Plots.powerSpectrum(powerSpectrum(8), true), ImageFormat.PDF);
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals(Plots.WIDTH, doc.getPage(0).getMediaBox().getWidth(), 0.5);
            assertEquals(Plots.HEIGHT, doc.getPage(0).getMediaBox().getHeight(), 0.5);
        }
    }

    private static byte[] bytes(Chart<?, ?> chart, ImageFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(chart, out);
        return out.toByteArray();
    }

    private static Document svg(Chart<?, ?> chart) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);   // no network
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes(chart, ImageFormat.SVG)));
    }

    private static String text(Document svg, String tag) {
        NodeList nodes = svg.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "<" + tag + "> elements");
        return nodes.item(0).getTextContent();
    }

    /** Filled circles in the data colour (markers; the line and error bars are strokes). */
    private static int dataMarkers(Document svg) {
        NodeList ellipses = svg.getElementsByTagName("ellipse");
        int k = 0;
        for (int i = 0; i < ellipses.getLength(); i++) {
            k += ((Element) ellipses.item(i)).getAttribute("style").contains(DATA_FILL) ? 1 : 0;
        }
        return k;
    }

    private static double[] scaled(double[] a, double s) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] * s;
        }
        return r;
    }
}
