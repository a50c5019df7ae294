package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EventList;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

class EventFileWriterTest {
    private static final EventFileWriter.Options NUSTAR_WITH_ENERGY =
            EventFileWriter.Options.of("NUSTAR", "FPMA", new Mjdref(55197, 7.6601852e-4), "TDB", 0.0, true);

    @Test
    void roundTripOfAReferenceFile(@TempDir Path dir) {
        EventList original;
        try (EventFileReader r = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            original = r.readAll(null);
        }
        Path out = dir.resolve("copy.evt");
        EventFileWriter.Options opts = EventFileWriter.Options.of("NuSTAR", "FPMA", original.info().mjdref(), "TDB", 0.0, false);
        try (EventFileWriter w = EventFileWriter.create(out, opts)) {
            // several uneven writes exercise the buffering
            w.write(original.time(), original.pi(), null, 0, 3);
            w.write(original.time(), original.pi(), null, 3, 700);
            w.write(original.time(), original.pi(), null, 700, original.size());
            assertEquals(original.size(), w.count());
            w.finish(original.gti());
        }
        try (EventFileReader r = EventFileReader.open(out)) {
            EventList back = r.readAll(null);
            assertArrayEquals(original.time(), back.time());
            assertArrayEquals(original.pi(), back.pi());
            assertArrayEquals(original.energy(), back.energy(), "NuSTAR calibration of the same PI");
            assertEquals(original.gti(), back.gti());
            assertEquals(original.info().mjdref(), r.info().mjdref());
            assertEquals("NUSTAR", r.info().mission());
            assertEquals("FPMA", r.info().instrument());
            assertEquals("TDB", r.info().timesys());
            assertEquals(original.gti().start(), r.info().tstart());
            assertEquals(original.gti().stop(), r.info().tstop());
        }
    }

    @Test
    void roundTripWithEnergyAndTimedelOverManyBuffers(@TempDir Path dir) {
        int n = 200_000; // 16-byte rows: more than three 1 MiB buffers
        Random rng = new Random(42);
        double[] time = new double[n];
        int[] pi = new int[n];
        double[] energy = new double[n];
        double t = 3e8;
        for (int i = 0; i < n; i++) {
            t += rng.nextDouble() * 0.01;
            time[i] = t;
            pi[i] = rng.nextInt(4096);
            energy[i] = 1.6 + 0.04 * pi[i];
        }
        GtiList gti = GtiList.of(new Gti(time[0] - 1, time[n / 2]), new Gti(time[n / 2] + 0.5, time[n - 1] + 1));
        Path out = dir.resolve("big.evt");
        EventFileWriter.Options opts = new EventFileWriter.Options("NUSTAR", "FPMB", new Mjdref(55197, 0.5), "TT",
                1e-3, true, 1.0, 2.0);
        try (EventFileWriter w = EventFileWriter.create(out, opts)) {
            EventChunk chunk = new EventChunk(10_000);
            for (int from = 0; from < n; from += chunk.capacity()) {
                chunk.size = Math.min(chunk.capacity(), n - from);
                System.arraycopy(time, from, chunk.time, 0, chunk.size);
                System.arraycopy(pi, from, chunk.pi, 0, chunk.size);
                System.arraycopy(energy, from, chunk.energy, 0, chunk.size);
                w.write(chunk);
            }
            w.finish(gti);
        }
        try (EventFileReader r = EventFileReader.open(out)) {
            assertEquals(n, r.rowCount());
            EventList back = r.readAll(null);
            assertArrayEquals(time, back.time());
            assertArrayEquals(energy, back.energy(), "ENERGY is 1D: energies read back bit for bit");
            assertFalse(r.hasPi(), "like Stingray, PI is not reported next to an ENERGY column");
            assertEquals(gti, back.gti());
            assertEquals(1e-3, r.info().timedel());
            assertEquals(1.0, r.info().tstart());
            assertEquals(2.0, r.info().tstop());
        }
    }

    /**
     * An RXTE list written again (as ingest stages an upload) keeps its channels where RXTE's reader looks for them,
     * the PHA column: a PI band selects the same events in the copy as in the original (the sweep of issue 9 found an
     * uploaded RXTE list refused for a PI band, its channels written to a PI column the reader does not read for XTE).
     */
    @Test
    void anRxteCopyKeepsItsChannelsSelectableByPi(@TempDir Path dir) {
        EventList original;
        EventList band;
        org.manta.core.events.EnergyBand low = org.manta.core.events.EnergyBand.pi(0, 8);
        try (EventFileReader r = EventFileReader.open(Refs.data("xte_gx_test.evt.gz"))) {
            original = r.readAll(null);
            band = r.readAll(low);
            assertEquals("XTE", r.info().mission());
        }
        assertTrue(band.size() > 0 && band.size() < original.size(), "PI < 8 keeps some events, not all: " + band.size());
        Path out = dir.resolve("xte-copy.evt");
        try (EventFileWriter w = EventFileWriter.create(out, EventFileWriter.Options.of("XTE", "PCA",
                original.info().mjdref(), "TT", 0.0, false))) {
            w.write(original.time(), original.pi(), null, 0, original.size());
            w.finish(original.gti());
        }
        try (EventFileReader r = EventFileReader.open(out)) {
            assertTrue(r.canSelectPi(), "the copy's channels are selectable by PI");
            assertArrayEquals(original.pi(), r.readAll(null).pi(), "the absolute channels, not remapped again");
            assertArrayEquals(band.time(), r.readAll(low).time(), "the same events in PI 0:8");
        }
    }

    /**
     * An IXPE list written again keeps its instrument where IXPE's reader looks for it (DETNAM, Stingray's
     * {@code instkey}), as well as in INSTRUME; a NuSTAR one has INSTRUME only.
     */
    @Test
    void aCopyKeepsItsInstrumentWhereTheMissionsReaderLooks(@TempDir Path dir) throws IOException {
        for (String[] mission : new String[][] {{"IXPE", "DU1"}, {"NuSTAR", "FPMA"}}) {
            Path out = dir.resolve(mission[0] + ".evt");
            try (EventFileWriter w = EventFileWriter.create(out, EventFileWriter.Options.of(mission[0], mission[1],
                    new Mjdref(57754, 0.00080074), "TT", 0.0, false))) {
                w.write(new double[] {1, 2, 3}, new int[] {10, 20, 30}, null, 0, 3);
                w.finish(GtiList.of(new Gti(0, 4)));
            }
            try (EventFileReader r = EventFileReader.open(out)) {
                assertEquals(mission[1], r.info().instrument(), mission[0]);
            }
            String header = new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(mission[0].equals("IXPE"), header.contains("DETNAM  = 'DU1"), mission[0] + " DETNAM");
        }
    }

    @Test
    void fileSizeIsWholeBlocks(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("blocks.evt");
        try (EventFileWriter w = EventFileWriter.create(out, NUSTAR_WITH_ENERGY)) {
            w.write(new double[] {1, 2, 3}, new int[] {1, 2, 3}, new double[] {1, 2, 3}, 0, 3);
            w.finish(GtiList.of(new Gti(0, 4)));
        }
        assertEquals(0, Files.size(out) % 2880);
        assertEquals(5 * 2880, Files.size(out), "primary header, EVENTS header + data, GTI header + data");
    }

    @Test
    void nothingIsLeftBehindWithoutFinish(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("never.evt");
        try (EventFileWriter w = EventFileWriter.create(out, NUSTAR_WITH_ENERGY)) {
            w.write(new double[] {1, 2}, new int[] {1, 2}, new double[] {1, 2}, 0, 2);
        }
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "the temporary file is removed");
        }
    }

    @Test
    void unsortedTimesAbortTheFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("bad.evt");
        Files.writeString(out, "previous content");
        try (EventFileWriter w = EventFileWriter.create(out, NUSTAR_WITH_ENERGY)) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> w.write(new double[] {2, 1}, new int[] {1, 2}, new double[] {1, 2}, 0, 2));
            assertEquals("time[1]", e.parameter());
            assertThrows(IllegalStateException.class, () -> w.finish(GtiList.of(new Gti(0, 3))));
        }
        assertEquals("previous content", Files.readString(out), "an existing target is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void emptyGtiIsRejected(@TempDir Path dir) {
        try (EventFileWriter w = EventFileWriter.create(dir.resolve("x.evt"), NUSTAR_WITH_ENERGY)) {
            assertThrows(InvalidParameterException.class, () -> w.finish(GtiList.empty()));
        }
    }

    @Test
    void zeroEventsStillMakeAValidFile(@TempDir Path dir) {
        Path out = dir.resolve("none.evt");
        try (EventFileWriter w = EventFileWriter.create(out, NUSTAR_WITH_ENERGY)) {
            w.finish(GtiList.of(new Gti(10, 20)));
        }
        try (EventFileReader r = EventFileReader.open(out)) {
            assertEquals(0, r.rowCount());
            assertEquals(0, r.readAll(null).size());
            assertTrue(r.hasEnergy());
            assertArrayEquals(new double[][] {{10, 20}}, r.gti().toArray());
        }
    }

    @Test
    void extendedGtiBoundsSurviveACopy(@TempDir Path dir) {
        // a file with TIMEZERO = 0.1: its GTIs are longdouble values; a staged copy (TIMEZERO = 0) keeps them exactly
        Path original = PrecisionFiles.timezero(dir);
        Path copy = dir.resolve("copy.evt");
        try (EventFileReader r = EventFileReader.open(original)) {
            assertTrue(r.gti().get(0).isExtended());
            EventFileWriter.write(r.readAll(null), copy);
            try (EventFileReader c = EventFileReader.open(copy)) {
                assertEquals(r.gti(), c.gti());
                assertEquals(-2.273181642920008e-14, c.gti().get(0).startLo(), 0.0);
                assertArrayEquals(r.readAll(null).time(), c.readAll(null).time());
            }
        }
    }
}
