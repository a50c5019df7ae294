package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;

/**
 * EventFileReader against Stingray's {@code EventList.read(file, fmt='ogip')} (events_*.json). Every
 * array is compared for exact double equality: the time offset is applied in emulated x87 extended
 * precision, as Stingray does, so no tolerance is needed.
 */
class EventFileReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "monol_testA.evt, events_monol_testA.json",
        "monol_testA_calib.evt, events_monol_testA_calib.json",
        "xte_test.evt.gz, events_xte_test.json",
        "xte_gx_test.evt.gz, events_xte_gx_test.json",
        "chandra_test.fits, events_chandra_test.json",
    })
    void readsLikeStingray(String file, String reference) {
        JsonNode ref = Refs.json(reference);
        Path path = Refs.data(file);
        assertEquals(ref.get("input").get("sha256").asText(), EventFiles.sha256(path), "input file is the one Stingray read");
        try (EventFileReader r = EventFileReader.open(path)) {
            EventList ev = r.readAll(null);
            assertEquals(ref.get("n_events").asLong(), r.rowCount());
            assertArrayEquals(Refs.doubles(ref.get("time")), ev.time(), "time");
            assertArrayEquals(Refs.pairs(ref.get("gti")), r.gti().toArray(), "gti");
            assertEquals(r.gti(), ev.gti());
            assertEquals(ref.get("mjdref").doubleValue(), r.info().mjdref().value(), "mjdref");
            assertEquals(ref.get("mission").asText(), r.info().mission().toLowerCase());
            assertEquals(ref.get("instr").asText(), r.info().instrument());
            assertEquals(ref.get("timesys").asText(), r.info().timesys().toLowerCase());
            JsonNode header = ref.get("header_events");
            assertEquals(header.get("TIMEZERO").doubleValue(), r.info().timezero());
            assertEquals(header.get("TELESCOP").asText(), r.info().telescope());

            assertEquals(ref.get("energy").isArray(), r.hasEnergy(), "hasEnergy");
            if (r.hasEnergy()) {
                assertArrayEquals(Refs.doubles(ref.get("energy")), ev.energy(), "energy");
            } else {
                assertEquals(0, ev.energy().length);
            }
            assertEquals(ref.get("pi").isArray(), r.hasPi(), "hasPi");
            if (r.hasPi()) {
                assertArrayEquals(Refs.ints(ref.get("pi")), ev.pi(), "pi");
            } else {
                assertEquals(0, ev.pi().length);
            }
        }
    }

    @Test
    void tstartTstopAndOffsetFollowTimezeroAndTimepixr() {
        // xte_gx_test: TIMEZERO = 0, TIMEPIXR = 0, TIMEDEL = 2^-20: everything moves by 2^-21 s (errata H2)
        JsonNode ref = Refs.json("events_xte_gx_test.json").get("header_events");
        try (EventFileReader r = EventFileReader.open(Refs.data("xte_gx_test.evt.gz"))) {
            assertEquals(0x1p-21, r.info().timeOffset());
            assertEquals(0x1p-20, r.info().timedel());
            assertEquals(ref.get("TSTART").doubleValue() + 0x1p-21, r.info().tstart());
            assertEquals(ref.get("TSTOP").doubleValue() + 0x1p-21, r.info().tstop());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"monol_testA.evt", "monol_testA_calib.evt", "xte_test.evt.gz", "xte_gx_test.evt.gz", "chandra_test.fits"})
    void tinyChunksGiveTheSameEventsAsReadAll(String file) {
        try (EventFileReader r = EventFileReader.open(Refs.data(file))) {
            EventList all = r.readAll(null);
            r.rewind();
            EventChunk chunk = new EventChunk(7);
            double[] time = new double[0];
            double[] energy = new double[0];
            int[] pi = new int[0];
            int calls = 0;
            while (r.next(chunk, null)) {
                assertTrue(chunk.size <= 7);
                time = concat(time, Arrays.copyOf(chunk.time, chunk.size));
                energy = concat(energy, Arrays.copyOf(chunk.energy, chunk.size));
                pi = concat(pi, Arrays.copyOf(chunk.pi, chunk.size));
                calls++;
            }
            assertEquals((all.size() + 6) / 7, calls);
            assertFalse(r.next(chunk, null), "stays at the end");
            assertEquals(0, chunk.size);
            assertArrayEquals(all.time(), time);
            if (r.hasEnergy()) {
                assertArrayEquals(all.energy(), energy);
            }
            if (r.hasPi()) {
                assertArrayEquals(all.pi(), pi);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "monol_testA.evt, 3:10, false",
        "monol_testA.evt, 10:, false",
        "monol_testA.evt, 100:300, true",
        "monol_testA_calib.evt, 0:10, false",
        "xte_test.evt.gz, 5:20, false",
        "xte_test.evt.gz, 10:40, true",
        "xte_gx_test.evt.gz, :8, true",
        "chandra_test.fits, 0.5:7, false",
    })
    void filteringWhileDecodingEqualsFilteringAfter(String file, String range, boolean onPi) {
        EnergyBand band = EnergyBand.parse(range, onPi);
        try (EventFileReader r = EventFileReader.open(Refs.data(file))) {
            EventList all = r.readAll(null);
            double[] expectedTime = new double[all.size()];
            int n = 0;
            for (int i = 0; i < all.size(); i++) {
                if (onPi ? band.contains(all.pi()[i]) : band.contains(all.energy()[i])) {
                    expectedTime[n++] = all.time()[i];
                }
            }
            assertTrue(n > 0 && n < all.size(), "the band selects some but not all events");
            EventList filtered = r.readAll(band);
            assertArrayEquals(Arrays.copyOf(expectedTime, n), filtered.time());
            r.rewind();
            EventChunk chunk = new EventChunk(5);
            double[] chunked = new double[0];
            while (r.next(chunk, band)) {
                chunked = concat(chunked, Arrays.copyOf(chunk.time, chunk.size));
            }
            assertArrayEquals(filtered.time(), chunked);
        }
    }

    @Test
    void gzipAndPlainGiveTheSameEvents(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("monol_testA.evt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(Refs.data("monol_testA.evt"), out);
        }
        try (EventFileReader plain = EventFileReader.open(Refs.data("monol_testA.evt"));
                EventFileReader zipped = EventFileReader.open(gz)) {
            EventList a = plain.readAll(null);
            EventList b = zipped.readAll(null);
            assertArrayEquals(a.time(), b.time());
            assertArrayEquals(a.energy(), b.energy());
            assertArrayEquals(a.pi(), b.pi());
            assertEquals(a.gti(), b.gti());
        }
    }

    @Test
    void aPiBandSelectsOnThePiColumnBesideEnergy() throws Exception {
        // chandra_test has ENERGY and PI: Stingray reports energies only, but a PI band must select on PI
        Path path = Refs.data("chandra_test.fits");
        int[] piColumn;
        try (nom.tam.fits.Fits fits = new nom.tam.fits.Fits(path.toFile())) {
            nom.tam.fits.BinaryTableHDU table = (nom.tam.fits.BinaryTableHDU) fits.getHDU(1);
            Object column = table.getColumn(table.findColumn("pi"));
            piColumn = new int[java.lang.reflect.Array.getLength(column)];
            for (int i = 0; i < piColumn.length; i++) {
                piColumn[i] = ((Number) java.lang.reflect.Array.get(column, i)).intValue();
            }
        }
        try (EventFileReader r = EventFileReader.open(path)) {
            assertFalse(r.hasPi(), "Stingray reports no pi beside ENERGY");
            assertTrue(r.canSelectPi());
            EventList all = r.readAll(null);
            EnergyBand band = EnergyBand.pi(100, 300);
            double[] expected = new double[all.size()];
            int n = 0;
            for (int i = 0; i < all.size(); i++) {
                if (piColumn[i] >= 100 && piColumn[i] < 300) {
                    expected[n++] = all.time()[i];
                }
            }
            assertTrue(n > 0 && n < all.size(), "the band selects some but not all events: " + n);
            assertArrayEquals(Arrays.copyOf(expected, n), r.readAll(band).time());
        }
    }

    @Test
    void bandsTheFileCannotServeAreRejected(@TempDir Path dir) {
        // a Swift-like file: PI but no known calibration, so an energy band is refused pointing to --pi
        Path swift = dir.resolve("swift.evt");
        new TestFits().primary(TestFits.str("TELESCOP", "SWIFT"))
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").column("PI", "1J").row(1.0, 10).row(2.0, 20))
                .write(swift);
        try (EventFileReader r = EventFileReader.open(swift)) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> r.readAll(EnergyBand.parse("0.5:10", false)));
            assertEquals("energy", e.parameter());
            assertTrue(e.getMessage().contains("PI → energy calibration unknown for SWIFT: use --pi"), e.getMessage());
            assertEquals("PI → energy calibration unknown for SWIFT: use --pi to select by PI channel", r.calibration());
            assertArrayEquals(new double[] {2.0}, r.readAll(EnergyBand.pi(15, 30)).time());
        }
    }

    // ------------------------------------------------------------ column types and hand-made files

    @Test
    void decodesIntegerTypesWithTzeroAndTscal(@TempDir Path dir) {
        Path f = dir.resolve("types.evt");
        new TestFits().primary(TestFits.str("TELESCOP", "NUSTAR"))
                .table(new TestFits.Table("EVENTS")
                        .column("TIME", "1D").column("PI", "1I").column("GRADE", "1B").column("X", "1K").column("Y", "E")
                        .card(TestFits.num("TZERO2", 32768)).card(TestFits.num("TSCAL2", 1))
                        .row(1.0, (short) -32768, 1, 5L, 1.5f)
                        .row(2.0, (short) 0, 2, 6L, 2.5f)
                        .row(3.0, (short) 32767, 3, 7L, 3.5f))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(0.5, 3.5))
                .write(f);
        try (EventFileReader r = EventFileReader.open(f)) {
            EventList ev = r.readAll(null);
            assertArrayEquals(new int[] {0, 32768, 65535}, ev.pi(), "unsigned 16-bit PI through TZERO");
            assertArrayEquals(new double[] {0 * 0.04 + 1.62, 32768 * 0.04 + 1.62, 65535 * 0.04 + 1.62}, ev.energy());
            assertEquals(Arrays.asList("TIME", "PI", "GRADE", "X", "Y"), r.columns());
        }
    }

    @Test
    void energyColumnInEvIsConvertedInSinglePrecision(@TempDir Path dir) {
        Path f = dir.resolve("ev.evt");
        float e1 = 11761.83f;
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").column("ENERGY", "1E")
                        .card(TestFits.str("TUNIT2", "eV")).row(1.0, e1).row(2.0, 990.5743f))
                .write(f);
        try (EventFileReader r = EventFileReader.open(f)) {
            EventList ev = r.readAll(null);
            assertEquals((double) (e1 * 0.001f), ev.energy()[0], "numpy: float32 array times 0.001 stays float32");
            assertFalse(r.hasPi());
            assertArrayEquals(new double[][] {{1.0, 2.0}}, r.gti().toArray(), "default GTI: first to last event");
        }
    }

    @Test
    void severalGtiExtensionsAreIntersected(@TempDir Path dir) {
        Path f = dir.resolve("twogti.evt");
        new TestFits().primary(TestFits.str("TELESCOP", "NUSTAR"))
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").column("PI", "1J").row(1.0, 1).row(50.0, 2))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(0.0, 40.0).row(45.0, 100.0))
                .table(new TestFits.Table("GTI").column("Start", "1D").column("Stop", "1D").row(10.0, 60.0))
                .write(f);
        try (EventFileReader r = EventFileReader.open(f)) {
            assertArrayEquals(new double[][] {{10.0, 40.0}, {45.0, 60.0}}, r.gti().toArray());
        }
    }

    @Test
    void perDetectorGtiExtensionsFollowTheDetectorColumn(@TempDir Path dir) {
        // XMM: STDGTI01, STDGTI02 for the CCDs present in CCDNR; STDGTI07 (no events from CCD 7) is ignored
        Path f = dir.resolve("xmm.evt");
        new TestFits().primary(TestFits.str("TELESCOP", "XMM"))
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").column("PI", "1J").column("CCDNR", "1B")
                        .row(1.0, 100, 1).row(2.0, 200, 2).row(3.0, 300, 1))
                .table(new TestFits.Table("STDGTI01").column("START", "1D").column("STOP", "1D").row(0.0, 10.0))
                .table(new TestFits.Table("STDGTI02").column("START", "1D").column("STOP", "1D").row(2.0, 20.0))
                .table(new TestFits.Table("STDGTI07").column("START", "1D").column("STOP", "1D").row(5.0, 6.0))
                .write(f);
        try (EventFileReader r = EventFileReader.open(f)) {
            assertArrayEquals(new double[][] {{2.0, 10.0}}, r.gti().toArray());
            assertArrayEquals(new double[] {0.1, 0.2, 0.3}, r.readAll(null).energy(), 1e-15);
        }
    }

    @Test
    void timepixrOffsetShiftsTimesGtisAndTstart(@TempDir Path dir) {
        Path f = dir.resolve("pixr.evt");
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").row(100.0).row(101.0)
                        .card(TestFits.num("TIMEZERO", 0.25)).card(TestFits.num("TIMEPIXR", 0.0))
                        .card(TestFits.num("TIMEDEL", 0.5)).card(TestFits.num("TSTART", 99.0)))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(99.0, 102.0))
                .write(f);
        try (EventFileReader r = EventFileReader.open(f)) {
            // off = 0.25 + (0.5 - 0) * 0.5 = 0.5
            assertEquals(0.5, r.info().timeOffset());
            assertArrayEquals(new double[] {100.5, 101.5}, r.readAll(null).time());
            assertArrayEquals(new double[][] {{99.5, 102.5}}, r.gti().toArray());
            assertEquals(99.5, r.info().tstart());
            assertTrue(Double.isNaN(r.info().tstop()));
            assertFalse(r.hasEnergy());
        }
    }

    // ------------------------------------------------------------ bad inputs

    @Test
    void missingFile(@TempDir Path dir) {
        BadEventFileException e = assertThrows(BadEventFileException.class,
                () -> EventFileReader.open(dir.resolve("nope.evt")));
        assertTrue(e.getMessage().endsWith("nope.evt: file not found"), e.getMessage());
    }

    @Test
    void notFits(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("text.evt");
        Files.writeString(f, "time,pi\n1.0,3\n");
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(f));
        assertTrue(e.getMessage().contains("not a FITS file"), e.getMessage());
        Path json = dir.resolve("lc.json");      // a JSON light curve given to an event command: said so
        Files.writeString(json, "{\"time\": [0.5, 1.5], \"counts\": [3, 4], \"dt\": 1}");
        BadEventFileException j = assertThrows(BadEventFileException.class, () -> EventFileReader.open(json));
        assertTrue(j.getMessage().endsWith("lc.json: not a FITS file but JSON (a JSON light curve?): an event file is "
                + "FITS; lomb, multitaper, bispectrum and bicoherence also read a JSON light curve"), j.getMessage());
    }

    @Test
    void emptyFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("empty.evt");
        Files.write(f, new byte[0]);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(f));
        assertTrue(e.getMessage().contains("not a FITS file: it is empty"), e.getMessage());
    }

    @Test
    void fitsWithoutEventsTable(@TempDir Path dir) {
        Path f = dir.resolve("noevents.fits");
        new TestFits().primary(TestFits.str("TELESCOP", "NUSTAR"))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(0.0, 1.0))
                .write(f);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(f));
        assertTrue(e.getMessage().contains("no events table"), e.getMessage());
        assertTrue(e.getMessage().contains("HDUs: PRIMARY, GTI"), e.getMessage());
    }

    @Test
    void eventsTableWithoutTime(@TempDir Path dir) {
        Path f = dir.resolve("notime.evt");
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("PI", "1J").column("X", "1E").row(3, 1.0f))
                .write(f);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(f));
        assertTrue(e.getMessage().contains("has no TIME column (columns: PI, X)"), e.getMessage());
    }

    @Test
    void unsortedTimes(@TempDir Path dir) {
        Path f = dir.resolve("unsorted.evt");
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").row(1.0).row(3.0).row(2.0).row(4.0))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(0.0, 5.0))
                .write(f);
        try (EventFileReader r = EventFileReader.open(f)) {
            BadEventFileException e = assertThrows(BadEventFileException.class, () -> r.readAll(null));
            assertTrue(e.getMessage().endsWith("times not sorted: TIME[2]=2.0 < TIME[1]=3.0"), e.getMessage());
        }
    }

    @Test
    void emptyGtiExtension(@TempDir Path dir) {
        Path f = dir.resolve("emptygti.evt");
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").row(1.0))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D"))
                .write(f);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(f));
        assertTrue(e.getMessage().contains("GTI extension 'GTI' (HDU 2) is empty"), e.getMessage());
    }

    @Test
    void disjointGtiExtensions(@TempDir Path dir) {
        Path f = dir.resolve("disjoint.evt");
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").row(1.0))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(0.0, 1.0))
                .table(new TestFits.Table("STDGTI").column("START", "1D").column("STOP", "1D").row(1.0, 2.0))
                .write(f);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(f));
        assertTrue(e.getMessage().contains("have no good time in common"), e.getMessage());
    }

    @Test
    void truncatedFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("cut.evt");
        byte[] all = Files.readAllBytes(Refs.data("monol_testA.evt"));
        Files.write(f, Arrays.copyOf(all, 2880 * 3 + 5000));
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void saysWhetherTheGtisCameFromTheEventsAndReadsObject() {
        try (EventFileReader r = EventFileReader.open(Refs.data("monol_testA_calib.evt"))) {
            assertTrue(r.gtiFromEvents(), "no GTI extension");
            assertEquals(1, r.gti().size());
        }
        try (EventFileReader r = EventFileReader.open(Refs.data("chandra_test.fits"))) {
            assertFalse(r.gtiFromEvents());
            assertEquals("M82", r.object());
        }
    }
}
