package org.manta.ingest.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EventList;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/**
 * Locating a job's inputs: a plain file is read where it lies (its sha256 and size recorded), a {@code .gz}
 * file is decompressed once into the job's staging directory and holds the same events; a resumed job keeps
 * a staged file that is complete and refuses a changed file; broken files are named as the client named them
 * and leave nothing under a final name.
 */
class InputStagingTest {
    private static final Path DATA = Path.of("target/test-classes/data");

    @TempDir
    Path staging;

    private Storage storage;

    @BeforeEach
    void storage() {
        storage = new Storage(DATA, staging);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aPlainFileIsReadWhereItLies() throws Exception {
        Path file = storage.resolveInput("inputs[0]", "monol_testA.evt");
        InputFile opened = InputStaging.open("monol_testA.evt", file);
        assertEquals(InputFile.newBuilder().setPath("monol_testA.evt").setSha256(sha256(file)).setSizeBytes(28800).build(),
                opened);
        InputFile located = InputStaging.locate(storage, "job-1", 0, opened, file, InputFile.getDefaultInstance());
        assertEquals("data:monol_testA.evt", located.getLocation());
        assertEquals(28800, located.getLocationSizeBytes());
        assertEquals(file, storage.resolve(located.getLocation()));
        assertEquals(opened, located.toBuilder().clearLocation().clearLocationSizeBytes().build());
        assertFalse(Files.exists(staging.resolve("job-1")), "nothing staged for a plain file");

        InputStaging.Staged s = InputStaging.staged(storage, located, "monol_testA.evt", spec(ProductKind.PDS));
        assertEquals(1000, s.events());
        assertEquals("monol_testA.evt", s.header().name());
    }

    @Test
    void aGzipFileIsStagedOnceDecompressedWithTheSameEvents() throws Exception {
        Path file = storage.resolveInput("inputs[1]", "xte_test.evt.gz");
        InputFile opened = InputStaging.open("xte_test.evt.gz", file);
        assertEquals(sha256(file), opened.getSha256(), "the sha256 of the bytes as given (compressed)");
        assertEquals(Files.size(file), opened.getSizeBytes());
        InputFile located = InputStaging.locate(storage, "job-2", 1, opened, file, InputFile.getDefaultInstance());
        Path staged = staging.resolve("job-2").resolve("input-1.fits");
        assertEquals("staging:job-2/input-1.fits", located.getLocation());
        assertEquals(staged.toRealPath(), storage.resolve(located.getLocation()).toRealPath());
        assertEquals(Files.size(staged), located.getLocationSizeBytes());
        assertTrue(Files.size(staged) > Files.size(file));
        assertFalse(InputStaging.isGzip("x", staged), "an uncompressed FITS file");
        try (Stream<Path> dir = Files.list(staging.resolve("job-2"))) {
            assertEquals(List.of(staged.getFileName()), dir.map(Path::getFileName).toList(), "no temporary file left");
        }
        EventList original;
        EventList copy;
        try (EventFileReader a = EventFileReader.open(file); EventFileReader b = EventFileReader.open(staged)) {
            original = a.readAll(null);
            copy = b.readAll(null);
        }
        assertTrue(original.size() > 100);
        assertArrayEquals(original.time(), copy.time());
        assertArrayEquals(original.energy(), copy.energy());
        assertArrayEquals(original.pi(), copy.pi());
        assertEquals(original.gti(), copy.gti());
        assertEquals(original.info(), copy.info());
        assertEquals(original.size(), InputStaging.staged(storage, located, "xte_test.evt.gz", spec(ProductKind.PDS)).events());
    }

    /**
     * A whole-series spec without a bin time takes a light curve's own (0.5 s for {@code lcurve_nan_gti.lc}), as
     * {@code manta lomb lc.fits} does without {@code --dt}; on an event file it is refused naming dt, and a spec with
     * a dt, or of another product, is left as it is.
     */
    @Test
    void aWholeSeriesSpecWithoutDtTakesTheLightCurvesOwn() {
        List<Path> lc = List.of(storage.resolveInput("inputs[0]", "lcurve_nan_gti.lc"));
        JobSpec unset = spec(ProductKind.LOMB).toBuilder().clearDt().clearInputs().addInputs("lcurve_nan_gti.lc").build();
        assertEquals(0.5, InputStaging.withOwnDt(unset, lc).getDt(), 0.0);
        assertEquals(unset.toBuilder().setDt(0.5).build(), InputStaging.withOwnDt(unset, lc), "only dt set");
        JobSpec given = unset.toBuilder().setDt(0.25).build();
        assertEquals(given, InputStaging.withOwnDt(given, lc), "a dt given is checked later, not replaced");
        JobSpec pds = unset.toBuilder().setKind(ProductKind.PDS).build();
        assertEquals(pds, InputStaging.withOwnDt(pds, lc), "refused later as a PDS spec without dt");

        List<Path> events = List.of(storage.resolveInput("inputs[0]", "monol_testA.evt"));
        JobSpec onEvents = unset.toBuilder().clearInputs().addInputs("monol_testA.evt").build();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> InputStaging.withOwnDt(onEvents, events));
        assertEquals("dt = (none): expected a bin time in seconds to bin the event file monol_testA.evt (only a light "
                + "curve brings its own)", e.getMessage());
    }

    /**
     * A FITS light curve lies where it is for a whole-series product, its header the light curve's (its dt, its GTI
     * extension, Stingray's reading of {@code lcurve_nan_gti.lc}: {@code reference/lcurve_from_fits.json}) and its bins
     * counted as events; another product, or a compressed light curve, is refused saying what to do.
     */
    @Test
    void aLightCurveIsLocatedWhereItLiesForAWholeSeriesProductOnly() throws Exception {
        String name = "lcurve_nan_gti.lc";
        Path file = storage.resolveInput("inputs[0]", name);
        InputFile located = InputStaging.locate(storage, "job-lc", 0, InputStaging.open(name, file), file,
                InputFile.getDefaultInstance());
        assertEquals("data:" + name, located.getLocation());
        InputStaging.Staged s = InputStaging.staged(storage, located, name, spec(ProductKind.BISPECTRUM));
        assertEquals(8, s.events(), "its bins");
        assertEquals(0.5, s.header().timedel(), 0.0, "its own dt");
        assertEquals(GtiList.of(new double[] {80000000.0, 80000001.5}, new double[] {80000001.0, 80000004.0}),
                s.header().gti());
        assertFalse(s.header().hasEnergy() || s.header().hasPi());
        InvalidParameterException dt = assertThrows(InvalidParameterException.class, () -> InputStaging.staged(storage,
                located, name, spec(ProductKind.BISPECTRUM).toBuilder().setDt(0.25).build()));
        assertEquals("dt = 0.25: expected the light curve's own dt = 0.5", dt.getMessage(), "before a plan moves it");

        // a product of events refuses it as `manta pds|lc lc.fits` does, naming the input as given
        for (ProductKind kind : new ProductKind[] {ProductKind.PDS, ProductKind.LC}) {
            BadEventFileException events = assertThrows(BadEventFileException.class,
                    () -> InputStaging.staged(storage, located, name, spec(kind)));
            BadEventFileException command = assertThrows(BadEventFileException.class,
                    () -> EventFileReader.open(storage.resolve(located.getLocation())));
            assertEquals(name + command.getMessage().substring(command.getMessage().indexOf(": ")), events.getMessage());
            assertTrue(events.getMessage().startsWith(name + ": is a binned light curve (HDU "), events.getMessage());
        }

        Path data = Files.createDirectories(staging.resolve("gz-data"));
        Path gz = data.resolve(name + ".gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(file, out);
        }
        Storage gzStorage = new Storage(data, staging.resolve("gz-staging"));
        BadEventFileException compressed = assertThrows(BadEventFileException.class, () -> InputStaging.locate(
                gzStorage, "job-gz", 0, InputStaging.open(name + ".gz", gz), gz, InputFile.getDefaultInstance()));
        assertTrue(compressed.getMessage().startsWith(name + ".gz: a gzip-compressed light curve: expected an "
                + "uncompressed FITS light curve"), compressed.getMessage());
        assertFalse(Files.exists(staging.resolve("gz-staging").resolve("job-gz")), "nothing staged");
    }

    /**
     * A JSON light curve (here unevenly sampled) is located where it lies and read as {@code manta lomb lc.json} reads
     * it: a whole-series spec without dt takes its {@code dt}; its header is that dt and the span of its times, its
     * times are counted as events; without a {@code dt} of its own, or broken, or given to another product, it is
     * refused naming the input as given, not by the server's path. Gzip-compressed ({@code .json.gz}) it is located
     * where it lies too, and read the same.
     */
    @Test
    void aJsonLightCurveIsLocatedWhereItLiesAndReadAsTheCommandReadsIt() throws Exception {
        Path data = Files.createDirectories(staging.resolve("json-data"));
        Storage s = new Storage(data, staging.resolve("json-staging"));
        String times = "\"time\": [0.3, 1.1, 1.7, 3.2, 4.9], \"counts\": [4, 0, 2, 7, 1]";
        Files.writeString(data.resolve("uneven.json"), "{" + times + ", \"dt\": 0.5}");
        Files.writeString(data.resolve("nodt.json"), "{" + times + "}");
        Files.writeString(data.resolve("broken.json"), "{\"time\": \"x\"}");

        Path file = s.resolveInput("inputs[0]", "uneven.json");
        JobSpec unset = JobSpec.newBuilder().setKind(ProductKind.LOMB).addInputs("uneven.json").build();
        assertEquals(unset.toBuilder().setDt(0.5).build(), InputStaging.withOwnDt(unset, List.of(file)), "its own dt");
        InvalidParameterException noDt = assertThrows(InvalidParameterException.class, () -> InputStaging.withOwnDt(
                unset.toBuilder().setInputs(0, "nodt.json").build(), List.of(s.resolveInput("inputs[0]", "nodt.json"))));
        assertEquals("dt = (none): expected --dt SECONDS: the light curve nodt.json has no dt", noDt.getMessage());

        InputFile located = InputStaging.locate(s, "job-json", 0, InputStaging.open("uneven.json", file), file,
                InputFile.getDefaultInstance());
        assertEquals("data:uneven.json", located.getLocation());
        InputStaging.Staged st = InputStaging.staged(s, located, "uneven.json", spec(ProductKind.LOMB));
        assertEquals(5, st.events(), "its times");
        assertEquals(0.5, st.header().timedel(), 0.0);
        assertEquals(GtiList.of(new double[] {0.3 - 0.25}, new double[] {4.9 + 0.25}), st.header().gti(),
                "the span of its times");
        assertFalse(st.header().hasEnergy() || st.header().hasPi());
        assertFalse(Files.exists(staging.resolve("json-staging").resolve("job-json")), "nothing staged");

        // uneven times: the Lomb–Scargle products take them; a multitaper, bispectrum or bicoherence is refused here,
        // naming the input and the first uneven step, as the fft worker would fail the job
        assertEquals(5, InputStaging.staged(s, located, "uneven.json", spec(ProductKind.MULTITAPER).toBuilder()
                .setMultitaper(org.manta.proto.v1.MultitaperSpec.newBuilder().setLombscargle(true)).build()).events());
        for (ProductKind kind : new ProductKind[] {ProductKind.MULTITAPER, ProductKind.BISPECTRUM,
            ProductKind.BICOHERENCE}) {
            InvalidParameterException uneven = assertThrows(InvalidParameterException.class,
                    () -> InputStaging.staged(s, located, "uneven.json", spec(kind)));
            assertTrue(uneven.getMessage().startsWith("time = uneven.json: time[1] - time[0] = "), uneven.getMessage());
        }
        BadEventFileException pds = assertThrows(BadEventFileException.class,
                () -> InputStaging.staged(s, located, "uneven.json", spec(ProductKind.PDS)));
        assertTrue(pds.getMessage().startsWith("uneven.json: not a FITS file but JSON (a JSON light curve?)"),
                pds.getMessage());
        Path broken = s.resolveInput("inputs[0]", "broken.json");
        BadEventFileException bad = assertThrows(BadEventFileException.class,
                () -> InputStaging.read(broken, "broken.json", spec(ProductKind.LOMB)));
        assertEquals("broken.json: no 'time' array: expected a light curve with time and counts", bad.getMessage());

        // gzip-compressed (uneven.json.gz): read where it lies, decompressed as it is read, as the plain one
        Path gz = data.resolve("uneven.json.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(file));
        }
        InputFile gzLocated = InputStaging.locate(s, "job-gz", 0, InputStaging.open("uneven.json.gz", gz), gz,
                InputFile.getDefaultInstance());
        assertEquals("data:uneven.json.gz", gzLocated.getLocation(), "not staged");
        assertEquals(Files.size(gz), gzLocated.getLocationSizeBytes());
        InputStaging.Staged gzStaged = InputStaging.staged(s, gzLocated, "uneven.json.gz", spec(ProductKind.LOMB));
        assertEquals(st.events(), gzStaged.events());
        assertEquals(st.header().gti(), gzStaged.header().gti());
        assertEquals(st.header().timedel(), gzStaged.header().timedel(), 0.0);
        assertEquals(unset.toBuilder().setInputs(0, "uneven.json.gz").setDt(0.5).build(), InputStaging.withOwnDt(
                unset.toBuilder().setInputs(0, "uneven.json.gz").build(), List.of(gz)), "its own dt");
        assertFalse(Files.exists(staging.resolve("json-staging").resolve("job-gz")), "nothing staged");
    }

    @Test
    void aResumedJobKeepsACompleteStagedFileAndStagesAMissingOne() throws Exception {
        Path file = storage.resolveInput("inputs[0]", "xte_test.evt.gz");
        InputFile opened = InputStaging.open("xte_test.evt.gz", file);
        InputFile before = InputStaging.locate(storage, "job-3", 0, opened, file, InputFile.getDefaultInstance());
        Path staged = storage.resolve(before.getLocation());
        long modified = Files.getLastModifiedTime(staged).toMillis();
        Files.setLastModifiedTime(staged, java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));
        assertEquals(before, InputStaging.locate(storage, "job-3", 0, opened, file, before));
        assertEquals(modified - 60_000, Files.getLastModifiedTime(staged).toMillis(), "kept, not written again");

        Files.delete(staged);
        assertEquals(before, InputStaging.locate(storage, "job-3", 0, opened, file, before));
        assertTrue(Files.isRegularFile(staged), "staged again");
    }

    @Test
    void aChangedFileIsRefused() throws Exception {
        Path file = storage.resolveInput("inputs[0]", "monol_testA.evt");
        List<InputFile> now = List.of(InputStaging.open("monol_testA.evt", file));
        InputStaging.checkUnchanged(now, now);
        InputStaging.checkUnchanged(List.of(InputStaging.locate(storage, "j", 0, now.get(0), file,
                InputFile.getDefaultInstance())), now);
        List<InputFile> before = List.of(now.get(0).toBuilder().setSizeBytes(28800 - 2880).setSha256("0f").build());
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> InputStaging.checkUnchanged(before, now));
        assertTrue(e.getMessage().startsWith("monol_testA.evt: changed since the job started (25920 bytes, sha256 0f; now "
                + "28800 bytes, sha256 " + now.get(0).getSha256() + ")"), e.getMessage());
        assertTrue(e.getMessage().endsWith("submit the job again"), e.getMessage());
    }

    @Test
    void brokenFilesAreNamedAsGivenAndLeaveNothingStaged() throws Exception {
        Path bad = staging.resolve("data");
        Files.createDirectories(bad);
        byte[] gz = Files.readAllBytes(DATA.resolve("xte_test.evt.gz"));
        Files.write(bad.resolve("cut.evt.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Files.writeString(bad.resolve("text.evt"), "SIMPLE  =                    T / not really FITS\n");
        Storage s = new Storage(bad, staging.resolve("staging"));

        Path cut = s.resolveInput("inputs[0]", "cut.evt.gz");
        InputFile opened = InputStaging.open("cut.evt.gz", cut);
        BadEventFileException e = assertThrows(BadEventFileException.class,
                () -> InputStaging.locate(s, "job-4", 0, opened, cut, InputFile.getDefaultInstance()));
        assertTrue(e.getMessage().startsWith("cut.evt.gz: cannot decompress (gzip): "), e.getMessage());
        try (Stream<Path> dir = Files.list(staging.resolve("staging").resolve("job-4"))) {
            assertEquals(List.of(), dir.toList(), "no file, not even a temporary one");
        }

        Path text = s.resolveInput("inputs[0]", "text.evt");
        InputFile located = InputStaging.locate(s, "job-5", 0, InputStaging.open("text.evt", text), text,
                InputFile.getDefaultInstance());
        BadEventFileException notFits = assertThrows(BadEventFileException.class,
                () -> InputStaging.staged(s, located, "text.evt", spec(ProductKind.PDS)));
        assertTrue(notFits.getMessage().startsWith("text.evt: "), notFits.getMessage());
        assertFalse(notFits.getMessage().contains(bad.toString()), "not by the server's path: " + notFits.getMessage());

        InputStaging.removeStaging(s, "job-4");
        assertFalse(Files.exists(staging.resolve("staging").resolve("job-4")));
        InputStaging.removeStaging(s, "job-4");
    }

    /** The spec of a job of {@code kind} at the bin time of the test light curve (0.5 s). */
    /**
     * {@code err_dist} gauss of a LOMB or MULTITAPER job needs a light curve with errors: an event file (uploaded or by
     * its path) or a light curve without errors is refused as the job is staged, in {@code manta lomb --err-dist
     * gauss}'s words naming the input as given; {@code lightcurve_gauss.lc} (an ERROR column) is read.
     */
    @Test
    void errDistGaussRefusesAnInputWithoutErrors() throws Exception {
        JobSpec gauss = JobSpec.newBuilder().setKind(ProductKind.LOMB).setLomb(org.manta.proto.v1.LombSpec.newBuilder()
                .setErrDist("gauss")).build();
        Path events = storage.resolveInput("inputs[0]", "monol_testA.evt");
        InvalidParameterException upload = assertThrows(InvalidParameterException.class,
                () -> InputStaging.read(events, "upload 0", gauss.toBuilder().setDt(1).build()));
        assertEquals("err-dist = gauss: expected a light curve with errors for upload 0 (a FITS ERROR column or a JSON "
                + "counts_err array; an event file or a light curve without them is Poisson: --err-dist poisson)",
                upload.getMessage());
        Path bare = storage.resolveInput("inputs[0]", "lcurve_nan_gti.lc");
        JobSpec multitaper = JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).setDt(0.5).setMultitaper(
                org.manta.proto.v1.MultitaperSpec.newBuilder().setErrDist("gauss")).build();
        InvalidParameterException noErrors = assertThrows(InvalidParameterException.class,
                () -> InputStaging.read(bare, "lcurve_nan_gti.lc", multitaper.toBuilder()
                        .setMultitaper(multitaper.getMultitaper().toBuilder().setLombscargle(true)).build()));
        assertTrue(noErrors.getMessage().startsWith("err-dist = gauss: expected a light curve with errors for "
                + "lcurve_nan_gti.lc ("), noErrors.getMessage());
        Path withErrors = storage.resolveInput("inputs[0]", "lightcurve_gauss.lc");
        double dt = org.manta.core.lightcurve.LightCurveFile.read(withErrors, java.util.Optional.empty()).lc().dt();
        assertTrue(InputStaging.read(withErrors, "lightcurve_gauss.lc", gauss.toBuilder().setDt(dt).build()).events()
                > 0, "its bins");
    }

    private static JobSpec spec(ProductKind kind) {
        return JobSpec.newBuilder().setKind(kind).setDt(0.5).build();
    }
}
