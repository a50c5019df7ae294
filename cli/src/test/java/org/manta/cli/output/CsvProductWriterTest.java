package org.manta.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvProductWriterTest {

    private static List<String> lines(Product p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CsvProductWriter().write(p, bytes);
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    private static List<String> table(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void oneRowPerFrequencyWithComplexSplitIntoReIm() throws IOException {
        Product p = Samples.crossSpectrum();
        List<String> rows = table(lines(p));
        // awkward has another length (14 vs 6): it goes to a comment, not a column
        assertEquals("freq,power_re,power_im,time_lag", rows.get(0));
        assertEquals(1 + p.array("freq").length, rows.size());
        Field.ComplexArray power = (Field.ComplexArray) p.field("power").orElseThrow();
        for (int i = 0; i < p.array("freq").length; i++) {
            String[] cells = rows.get(i + 1).split(",");
            assertEquals(4, cells.length);
            assertEquals(p.array("freq")[i], Double.parseDouble(cells[0]));
            assertEquals(Double.doubleToLongBits(power.re()[i]), Double.doubleToLongBits(Double.parseDouble(cells[1])));
            assertEquals(Double.doubleToLongBits(power.im()[i]), Double.doubleToLongBits(Double.parseDouble(cells[2])));
            assertEquals(Double.doubleToLongBits(p.array("time_lag")[i]),
                    Double.doubleToLongBits(Double.parseDouble(cells[3])));
        }
        assertTrue(rows.get(2).endsWith(",NaN"), rows.get(2));
        assertTrue(rows.get(3).contains(",Infinity,"), rows.get(3));
        assertTrue(rows.get(4).contains(",-Infinity,"), rows.get(4));
    }

    @Test
    void scalarsGtiProvenanceAndOddArraysAreCommentsAfterTheHeaderRow() throws IOException {
        List<String> all = lines(Samples.crossSpectrum());
        assertTrue(all.get(0).startsWith("freq,"), "the header row first: " + all.get(0));
        int firstData = 1;
        while (all.get(firstData).startsWith("#")) {
            firstData++;
        }
        List<String> comments = all.subList(1, firstData);
        assertEquals(CsvProductWriter.HOW_TO_READ, comments.get(0));
        assertEquals("# product = crossspectrum", comments.get(1));
        assertTrue(comments.contains("# m = 16"));
        assertTrue(comments.contains("# n = 8192"));
        assertTrue(comments.contains("# df = 0.015625"));
        assertTrue(comments.contains("# norm = frac"));
        assertTrue(comments.contains("# mean = NaN"));
        assertTrue(comments.contains("# gti = 8.0E7 8.0000512E7; 8.00006005E7 8.0001025E7"));
        assertTrue(comments.stream().anyMatch(c -> c.startsWith("# awkward = 0.1 0.3333333333333333 ")));
        assertTrue(comments.contains("# provenance.created_utc = 2026-11-26T06:28:00Z"));
        assertTrue(comments.stream().anyMatch(c -> c.startsWith("# provenance.input = data/my file.evt sha256=abab")));
        // no comment line after the table starts
        assertTrue(all.subList(firstData, all.size()).stream().noneMatch(l -> l.startsWith("#")));
    }

    @Test
    void matrixRowsBecomeColumnsPerTime() throws IOException {
        Product p = Samples.dynamical();
        List<String> all = lines(p);
        List<String> rows = table(all);
        assertEquals("freq,dyn_ps_0,dyn_ps_1,dyn_ps_2", rows.get(0));
        double[][] dyn = p.matrix("dyn_ps").rows();
        for (int i = 0; i < dyn.length; i++) {
            String[] cells = rows.get(i + 1).split(",");
            for (int j = 0; j < 3; j++) {
                assertEquals(Double.doubleToLongBits(dyn[i][j]), Double.doubleToLongBits(Double.parseDouble(cells[j + 1])));
            }
        }
        assertTrue(all.contains("# time = 32.0 96.0 160.0"));
    }
}
