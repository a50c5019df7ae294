package org.manta.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.header.hierarch.Hierarch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsProductWriterTest {

    private static List<BasicHDU<?>> readAll(Path file) throws IOException, FitsException {
        List<BasicHDU<?>> hdus = new ArrayList<>();
        // From a stream, nom-tam reads every HDU's data eagerly (no deferred reads after close).
        try (InputStream in = Files.newInputStream(file); Fits f = new Fits(in)) {
            f.read();
            for (int i = 0; i < f.getNumberOfHDUs(); i++) {
                hdus.add(f.getHDU(i));
            }
        }
        return hdus;
    }

    private static BinaryTableHDU table(List<BasicHDU<?>> hdus, String extname) {
        for (BasicHDU<?> h : hdus) {
            if (extname.equals(h.getHeader().getStringValue("EXTNAME"))) {
                return (BinaryTableHDU) h;
            }
        }
        throw new AssertionError("no extension " + extname);
    }

    private static double[] column(BinaryTableHDU hdu, String name) throws FitsException {
        BinaryTable t = hdu.getData();
        int idx = hdu.findColumn(name);
        assertTrue(idx >= 0, "no column " + name);
        return (double[]) t.getColumn(idx);
    }

    @Test
    void tablesColumnsAndKeywordsReadBackWithNomTam(@TempDir Path dir) throws Exception {
        Product p = Samples.crossSpectrum();
        Path file = dir.resolve("cs.fits");
        new FitsProductWriter().write(p, file);
        List<BasicHDU<?>> hdus = readAll(file);

        Header primary = hdus.get(0).getHeader();
        assertEquals("crossspectrum", primary.getStringValue("PRODUCT"));
        assertEquals("manta 9.9.9-test", primary.getStringValue("CREATOR"));
        assertEquals(Samples.provenance().commandLine().replace('\'', '"'), primary.getStringValue("CMDLINE"));
        assertEquals("data/my file.evt", primary.getStringValue("INFILE01"));
        assertEquals("ab".repeat(32), primary.getStringValue("INSHA01"));
        assertEquals("2026-11-26T06:28:00", primary.getStringValue("DATE"));
        assertEquals(16, primary.getLongValue("M"));
        assertEquals(8192, primary.getLongValue("N"));
        assertEquals(1.0 / 64, primary.getDoubleValue("DF"));
        assertEquals(1.0 / 512, primary.getDoubleValue("DT"));
        assertEquals("frac", primary.getStringValue("NORM"));
        assertEquals(64.0, primary.getDoubleValue("SEGSIZE"), "segment size under a plain 8-character keyword");
        assertEquals("[s] segment_size", primary.findCard("SEGSIZE").getComment(), "its unit in the comment");
        assertTrue(!primary.containsKey("MEAN"), "NaN scalar must not become a keyword");

        BinaryTableHDU cs = table(hdus, "CROSSSPECTRUM");
        assertEquals(16, cs.getHeader().getLongValue("M"));
        assertArrayEquals(p.array("freq"), column(cs, "FREQ"));
        Field.ComplexArray power = (Field.ComplexArray) p.field("power").orElseThrow();
        assertArrayEquals(power.re(), column(cs, "POWER_RE"));
        assertArrayEquals(power.im(), column(cs, "POWER_IM"));
        assertArrayEquals(p.array("time_lag"), column(cs, "TIME_LAG"));
        assertEquals("Hz", cs.getHeader().getStringValue("TUNIT" + (cs.findColumn("FREQ") + 1)));
        assertEquals("s", cs.getHeader().getStringValue("TUNIT" + (cs.findColumn("TIME_LAG") + 1)));

        BinaryTableHDU awkward = table(hdus, "AWKWARD");
        assertArrayEquals(Samples.AWKWARD, column(awkward, "AWKWARD"));

        BinaryTableHDU gti = table(hdus, "GTI");
        assertArrayEquals(new double[] {80000000.0, 80000600.5}, column(gti, "START"));
        assertArrayEquals(new double[] {80000512.0, 80001025.0}, column(gti, "STOP"));
    }

    @Test
    void dynamicalSpectrumIsAnImageFreqByTime(@TempDir Path dir) throws Exception {
        Product p = Samples.dynamical();
        Path file = dir.resolve("dyn.fits");
        new FitsProductWriter().write(p, file);
        List<BasicHDU<?>> hdus = readAll(file);
        ImageHDU image = null;
        for (BasicHDU<?> h : hdus) {
            if ("DYN_PS".equals(h.getHeader().getStringValue("EXTNAME"))) {
                image = (ImageHDU) h;
            }
        }
        assertNotNull(image, "no DYN_PS image");
        assertEquals(3, image.getHeader().getIntValue("NAXIS1"), "NAXIS1 = time");
        assertEquals(4, image.getHeader().getIntValue("NAXIS2"), "NAXIS2 = freq");
        double[][] data = (double[][]) image.getKernel();
        double[][] expected = p.matrix("dyn_ps").rows();
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], data[i]);
        }
        assertArrayEquals(p.array("freq"), column(table(hdus, "DYNPS"), "FREQ"));
        assertArrayEquals(p.array("time"), column(table(hdus, "TIME"), "TIME"));
    }

    @Test
    void keywordNames() {
        assertEquals("M", FitsProductWriter.keyword("m"));
        assertEquals("NPHOTS1", FitsProductWriter.keyword("nphots1"));
        assertEquals("SEGSIZE", FitsProductWriter.keyword("segment_size"));
        assertEquals("TELESCOP", FitsProductWriter.keyword("telescope"));
        assertEquals("INSTRUME", FitsProductWriter.keyword("instrument"));
        assertEquals(Hierarch.key("UNNORM_POWER"), FitsProductWriter.keyword("unnorm_power"), "long names: HIERARCH");
        assertEquals(Hierarch.key("NAXIS"), FitsProductWriter.keyword("naxis"), "reserved words go to HIERARCH");
        assertEquals(Hierarch.key("TFORM1"), FitsProductWriter.keyword("tform1"), "indexed reserved words too");
    }

    @Test
    void openedByPathAsAFileToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.fit");
        ProductWriter.write(Samples.crossSpectrum(), file, OutputFormat.fromExtension(file).orElseThrow());
        try (Fits f = new Fits(new File(file.toString()))) {
            assertEquals(4, f.read().length, "primary, CROSSSPECTRUM, AWKWARD, GTI and nothing else");
        }
    }

    @Test
    void yesNoFieldsAreLogicalKeywordsAndReadBackAsFlags(@TempDir Path dir) throws Exception {
        Product p = Product.builder(ProductKind.FAD).flag("is_compliant", true).flag("adaptive", false)
                .text("norm", "leahy").provenance(Samples.provenance()).build();
        Path file = dir.resolve("fad.fits");
        new FitsProductWriter().write(p, file);

        Header primary = readAll(file).get(0).getHeader();
        HeaderCard compliant = primary.findCard(FitsProductWriter.keyword("is_compliant"));
        assertEquals(Boolean.class, compliant.valueType(), "a logical keyword");
        assertEquals("T", compliant.getValue());
        assertEquals("F", primary.findCard("ADAPTIVE").getValue());
        Product back = FitsProductReader.read(file);
        assertEquals(new Field.Bool(true), back.field("is_compliant").orElseThrow());
        assertEquals(new Field.Bool(false), back.field("adaptive").orElseThrow());
        assertEquals(Optional.of("leahy"), back.text("norm"));
    }
}
