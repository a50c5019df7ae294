package org.manta.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.events.EventList;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

class EventFileWriterTest {

    @Test
    void eventsAndGtisReadBackExactly(@TempDir Path dir) throws Exception {
        double[] time = {80000000.23635569, 80000001.5, 80000700.25};
        double[] energy = {6.58, 33.06, 3.0};
        int[] pi = {124, 786, 35};
        GtiList gti = GtiList.of(new Gti(80000000, 80000512), new Gti(80000600, 80001025));
        ObservationInfo info = new ObservationInfo("NUSTAR", "NUSTAR", "FPMA", "TDB", new Mjdref(55197, 7.6601852e-4),
                0, 0, 0, 80000000, 80001025);
        Path file = dir.resolve("ev.evt");
        EventFileWriter.write(new EventList(time, energy, pi, gti, info), file,
                new Provenance("manta", "t", "manta demo", List.of(), Instant.EPOCH));

        try (InputStream in = Files.newInputStream(file); Fits f = new Fits(in)) {
            f.read();
            BinaryTableHDU ev = (BinaryTableHDU) f.getHDU("EVENTS");
            assertArrayEquals(time, (double[]) ev.getData().getColumn(ev.findColumn("TIME")));
            assertArrayEquals(energy, (double[]) ev.getData().getColumn(ev.findColumn("ENERGY")));
            assertArrayEquals(pi, (int[]) ev.getData().getColumn(ev.findColumn("PI")));
            Header h = ev.getHeader();
            assertEquals(55197, h.getIntValue("MJDREFI"));
            assertEquals(7.6601852e-4, h.getDoubleValue("MJDREFF"));
            assertEquals(80000000.0, h.getDoubleValue("TSTART"));
            assertEquals(80001025.0, h.getDoubleValue("TSTOP"));
            assertEquals("TDB", h.getStringValue("TIMESYS"));
            assertEquals("NUSTAR", h.getStringValue("TELESCOP"));
            assertEquals("FPMA", h.getStringValue("INSTRUME"));
            BinaryTableHDU g = (BinaryTableHDU) f.getHDU("GTI");
            assertArrayEquals(new double[] {80000000, 80000600}, (double[]) g.getData().getColumn(g.findColumn("START")));
            assertArrayEquals(new double[] {80000512, 80001025}, (double[]) g.getData().getColumn(g.findColumn("STOP")));
        }
    }
}
