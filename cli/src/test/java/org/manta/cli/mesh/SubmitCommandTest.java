package org.manta.cli.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.cli.command.CpdsCommand;
import org.manta.cli.command.SpectrumOptions;
import org.manta.core.InvalidParameterException;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.cli.progress.ProgressBar;
import picocli.CommandLine;

class SubmitCommandTest {
    /** {@code submit} with all its subcommands, as {@code Main} registers them for help. */
    private static CommandLine model(SubmitCommand submit) {
        return SubmitCommand.withSubcommands(new CommandLine(submit), SubmitCommand.SUBCOMMANDS);
    }

    @Test
    void withoutFlagsTheMeshOfMantaUpIsUsedAndFlagsOverrideIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path config = dir.resolve("config");
        String before = System.getProperty("manta.config");
        System.setProperty("manta.config", config.toString());
        try {
            java.nio.file.Files.writeString(dir.resolve("ca.crt"), "");     // the mesh runs: its CA is there
            new MeshConfig("127.0.0.1:9123", java.util.Optional.of(dir.resolve("ca.crt")), java.util.Optional.of("t0k"))
                    .write(config);
            assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), permissions(config), "it holds a token");
            SubmitCommand plain = new SubmitCommand();
            model(plain).parseArgs("pds", "a.evt", "--dt", "0.5", "--segment", "8");
            assertEquals(new SubmitCommand.Connection("127.0.0.1:9123", dir.resolve("ca.crt").toAbsolutePath(), "t0k"),
                    plain.connection());
            SubmitCommand flags = new SubmitCommand();
            model(flags).parseArgs("--token", "mine", "--ca", "other.crt", "pds", "a.evt", "--dt", "0.5",
                    "--segment", "8");
            assertEquals(new SubmitCommand.Connection("127.0.0.1:9123", Path.of("other.crt"), "mine"), flags.connection());
            SubmitCommand elsewhere = new SubmitCommand();
            model(elsewhere).parseArgs("--server", "mesh.example.org:443", "pds", "a.evt", "--dt", "0.5",
                    "--segment", "8");
            SubmitCommand.Connection c = elsewhere.connection();
            assertEquals("mesh.example.org:443", c.server());
            assertEquals(null, c.ca(), "the config's CA is for its own server only");
            assertEquals(System.getenv("MANTA_TOKEN"), c.token(), "... and so is its token");
        } finally {
            if (before == null) {
                System.clearProperty("manta.config");
            } else {
                System.setProperty("manta.config", before);
            }
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(Path file) {
        try {
            return java.nio.file.Files.getPosixFilePermissions(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void analysisOptionsBecomeTheJobSpec() {
        SubmitCommand submit = new SubmitCommand();
        CommandLine cl = model(submit);
        CommandLine.ParseResult r = cl.parseArgs("--server", "127.0.0.1:9000", "--server-path", "cpds", "a.evt", "b.evt",
                "--dt", "1/128", "--segment", "64", "--norm", "frac", "--pi1", ":8", "--energy2", "3:10", "-o", "x.fits");
        SubmitCommand.Remote cpds = (SubmitCommand.Remote) r.subcommand().commandSpec().userObject();
        JobSpec spec = cpds.jobSpec();
        assertEquals(ProductKind.CPDS, spec.getKind());
        assertEquals(java.util.List.of("a.evt", "b.evt"), spec.getInputsList());
        assertEquals(1.0 / 128, spec.getDt());
        assertEquals(64.0, spec.getSegmentSize());
        assertEquals(Norm.FRAC, spec.getNorm());
        assertTrue(spec.getBand1().getOnPi());
        assertEquals(Double.NEGATIVE_INFINITY, spec.getBand1().getLo());
        assertEquals(8.0, spec.getBand1().getHi());
        assertEquals(3.0, spec.getBand2().getLo());
        assertTrue(!spec.getBand2().getOnPi());
        assertTrue(!spec.getWantRunningProduct());
        assertFalse(spec.hasTimeFilter(), "no time options: no filter");
    }

    /**
     * {@code --gti FILE --tstart --tstop --min-gti} of pds, cpds and dynps become the spec's time filter (the GTI file
     * read here, its intervals sent), as the embedded commands' {@code TimeOptions} make it; fad and colors have none.
     */
    @Test
    void timeOptionsBecomeTheSpecsTimeFilter(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path gti = java.nio.file.Files.writeString(dir.resolve("user.gti"), "100 400\n500 900\n");
        for (String kind : List.of("pds", "cpds", "dynps")) {
            List<String> args = new java.util.ArrayList<>(List.of("--server", "h:1", "--server-path", kind, "a.evt"));
            if (kind.equals("cpds")) {
                args.add("b.evt");
            }
            args.addAll(List.of("--dt", "1", "--segment", "16", "--gti", gti.toString(), "--tstop", "800", "--min-gti",
                    "32"));
            JobSpec spec = ((SubmitCommand.Remote) model(new SubmitCommand()).parseArgs(args.toArray(String[]::new))
                    .subcommand().commandSpec().userObject()).jobSpec();
            org.manta.proto.v1.TimeFilterSpec f = spec.getTimeFilter();
            assertEquals(List.of(100.0, 500.0), f.getUserGtiList().stream().map(Gti::getStart).toList(), kind);
            assertEquals(List.of(400.0, 900.0), f.getUserGtiList().stream().map(Gti::getStop).toList(), kind);
            assertFalse(f.hasTstart(), kind + ": no --tstart, no limit");
            assertEquals(800.0, f.getTstop(), 0.0, kind);
            assertEquals(32.0, f.getMinGti(), 0.0, kind);
        }
        CommandLine fad = model(new SubmitCommand());
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> fad.parseArgs("--server", "h:1", "fad", "a.evt",
                "b.evt", "--dt", "1", "--segment", "16", "--tstop", "800"), "fad takes no time filter, as 'manta fad'");
    }

    /**
     * --strict goes with the job (its planner then fails it on the first warning); the server's warnings about an
     * upload name it as the local command does, by its path.
     */
    @Test
    void strictGoesWithTheJobAndWarningsOfUploadsNameTheLocalFile() {
        CommandLine.ParseResult r = model(new SubmitCommand()).parseArgs("--server", "h:1", "pds", "a.evt", "--dt", "0.1",
                "--segment", "100", "--strict");
        assertTrue(((SubmitCommand.Remote) r.subcommand().commandSpec().userObject()).jobSpec().getStrict());
        CommandLine.ParseResult lax = model(new SubmitCommand()).parseArgs("--server", "h:1", "pds", "a.evt", "--dt",
                "0.1", "--segment", "100");
        assertFalse(((SubmitCommand.Remote) lax.subcommand().commandSpec().userObject()).jobSpec().getStrict());

        java.util.List<Path> uploaded = java.util.List.of(Path.of("obs/a.evt"), Path.of("obs/b.evt"));
        assertEquals("obs/b.evt: the input event list has a time resolution of 0.44104 s (TIMEDEL)",
                SubmitCommand.localNames("upload:1: the input event list has a time resolution of 0.44104 s (TIMEDEL)",
                        uploaded));
        assertEquals("obs/a.evt has no GTI extension", SubmitCommand.localNames("upload:0 has no GTI extension", uploaded));
        assertEquals("segment size fixed to a whole number of bins: 99.675 s", SubmitCommand.localNames(
                "segment size fixed to a whole number of bins: 99.675 s", uploaded), "not about an input");
        assertEquals("upload:10: x", SubmitCommand.localNames("upload:10: x", uploaded), "no such upload");
        // the names of the server's checks and of the staged files, wherever they stand (the sweep of issue 9)
        assertEquals("obs/a.evt and obs/b.evt have no common good time", SubmitCommand.localNames(
                "upload 0 and upload 1 have no common good time", uploaded));
        assertEquals("band1 = 1.0:5.0 keV: expected a selection on a column obs/b.evt has", SubmitCommand.localNames(
                "band1 = 1.0:5.0 keV: expected a selection on a column upload 1 has", uploaded));
        assertEquals("gti = 2 intervals in obs/a.evt: expected a single good time interval", SubmitCommand.localNames(
                "gti = 2 intervals in 0da077f0-a1cd-4a6c-93ad-ae071a57b121/upload-0.fits: expected a single good time "
                        + "interval", uploaded));
        assertEquals("uploads 0 and upload-1x stay", SubmitCommand.localNames("uploads 0 and upload-1x stay", uploaded));
    }

    @Test
    void aRunningOutputAsksForRunningProducts() {
        CommandLine.ParseResult r = model(new SubmitCommand()).parseArgs("--server", "h:1", "--running-output",
                "running.json", "pds", "a.evt", "--dt", "0.5", "--segment", "8");
        assertTrue(((SubmitCommand.Remote) r.subcommand().commandSpec().userObject()).jobSpec().getWantRunningProduct());
    }

    @Test
    void uploadedJobsCarryNoPathsAndBadValuesAreUsageErrors() {
        CommandLine cl = model(new SubmitCommand());
        CommandLine.ParseResult r = cl.parseArgs("--server", "h:1", "pds", "a.evt", "--dt", "0.5", "--segment", "8");
        JobSpec spec = ((SubmitCommand.Remote) r.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(0, spec.getInputsCount(), "the file is streamed, not named");
        StringWriter err = new StringWriter();
        CommandLine bad = model(new SubmitCommand()).setErr(new PrintWriter(err));
        assertEquals(2, bad.execute("--server", "h:1", "pds", "a.evt", "--dt", "-1", "--segment", "8"));
        assertTrue(err.toString().contains("--dt"), err.toString());
    }

    @Test
    void anUploadSaysHowManyEventListsFollow() {
        CommandLine.ParseResult cpds = model(new SubmitCommand()).parseArgs("--server", "h:1", "cpds", "A.evt",
                "B.evt", "--energy1", "6:12", "--energy2", "0.5:2", "--dt", "0.5", "--segment", "8");
        JobSpec two = ((SubmitCommand.Remote) cpds.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(2, two.getUploadInputs(), "a CPDS of two files with a band each: two lists");
        assertEquals(6.0, two.getBand1().getLo());
        assertEquals(0.5, two.getBand2().getLo());
        CommandLine.ParseResult bands = model(new SubmitCommand()).parseArgs("--server", "h:1", "cpds", "A.evt",
                "--energy1", "6:12", "--energy2", "0.5:2", "--dt", "0.5", "--segment", "8");
        assertEquals(1, ((SubmitCommand.Remote) bands.subcommand().commandSpec().userObject()).jobSpec().getUploadInputs());
        CommandLine.ParseResult pds = model(new SubmitCommand()).parseArgs("--server", "h:1", "pds", "A.evt",
                "--dt", "0.5", "--segment", "8");
        assertEquals(1, ((SubmitCommand.Remote) pds.subcommand().commandSpec().userObject()).jobSpec().getUploadInputs());
        CommandLine.ParseResult server = model(new SubmitCommand()).parseArgs("--server", "h:1", "--server-path",
                "cpds", "A.evt", "B.evt", "--dt", "0.5", "--segment", "8");
        assertEquals(0, ((SubmitCommand.Remote) server.subcommand().commandSpec().userObject()).jobSpec().getUploadInputs(),
                "files named, not uploaded");
    }

    /**
     * Several observations, as {@code manta pds F1 F2} and {@code manta cpds A1 B1 A2 B2} take them: the files in order
     * (a file paired with itself once: two bands of it) and each observation's count in {@code observation_inputs};
     * one observation sends none; what the local commands refuse is refused before connecting.
     */
    @Test
    void severalObservationsAreSentWithTheirFileCounts() {
        JobSpec pds = spec("--server-path", "pds", "a.evt", "b.evt", "c.evt", "--dt", "0.5", "--segment", "8");
        assertEquals(List.of("a.evt", "b.evt", "c.evt"), pds.getInputsList());
        assertEquals(List.of(1, 1, 1), pds.getObservationInputsList());
        JobSpec uploaded = spec("pds", "a.evt", "b.evt", "--dt", "0.5", "--segment", "8");
        assertEquals(2, uploaded.getUploadInputs(), "both lists uploaded");
        assertEquals(List.of(1, 1), uploaded.getObservationInputsList());
        assertEquals(0, spec("pds", "a.evt", "--dt", "0.5", "--segment", "8").getObservationInputsCount(),
                "one file: a job of one observation, as before");

        JobSpec cpds = spec("--server-path", "cpds", "a.evt", "a.evt", "b.evt", "c.evt", "--energy1", "3:10", "--energy2",
                "0.5:3", "--dt", "0.5", "--segment", "8");
        assertEquals(List.of("a.evt", "b.evt", "c.evt"), cpds.getInputsList(), "two bands of a, then b against c");
        assertEquals(List.of(1, 2), cpds.getObservationInputsList());
        JobSpec pair = spec("cpds", "a.evt", "b.evt", "--dt", "0.5", "--segment", "8");
        assertEquals(2, pair.getUploadInputs());
        assertEquals(0, pair.getObservationInputsCount(), "one pair: one observation");
        JobSpec selfPaired = spec("--server-path", "cpds", "a.evt", "a.evt", "--pi1", "0:100", "--pi2", "100:500", "--dt",
                "0.5", "--segment", "8");
        assertEquals(List.of("a.evt"), selfPaired.getInputsList(), "a file paired with itself is read once");

        assertRefusal("segment = (none): expected a segment length to average 2 files", "pds", "a.evt", "b.evt", "--dt",
                "0.5");
        assertRefusal("FILE = 3 files: expected one file, or pairs SUBJECT REFERENCE", "cpds", "a.evt", "b.evt", "c.evt",
                "--dt", "0.5", "--segment", "8");
        assertRefusal("a.evt is paired with itself: two bands are needed", "cpds", "a.evt", "a.evt", "b.evt", "c.evt",
                "--dt", "0.5", "--segment", "8");
        assertRefusal(CpdsCommand.ONE_FILE_NEEDS_TWO_BANDS, "cpds", "a.evt", "--energy1", "3:10", "--dt", "0.5",
                "--segment", "8");
    }

    private static JobSpec spec(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--server", "h:1"));
        all.addAll(List.of(args));
        return ((SubmitCommand.Remote) model(new SubmitCommand()).parseArgs(all.toArray(String[]::new)).subcommand()
                .commandSpec().userObject()).jobSpec();
    }

    /** The client refuses {@code args} (before it connects: the server h:1 does not exist), saying {@code message}. */
    private static void assertRefusal(String message, String... args) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> spec(args));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void meshProductsBecomeTheCommandLinesProductsWithTheSameFields() {
        org.manta.proto.v1.Product p = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.CPDS).setJobId("j")
                .addFreq(0.5).addFreq(1.0)
                .setPower(ComplexArray.newBuilder().addRe(1).addRe(2).addIm(0.5).addIm(Double.NaN))
                .setPowerErr(ComplexArray.newBuilder().addRe(1).addRe(1).addIm(1).addIm(1))
                .setUnnormPower(ComplexArray.newBuilder().addRe(3).addRe(4).addIm(0).addIm(1))
                .addTimeLag(Double.POSITIVE_INFINITY).addTimeLag(-1).addTimeLagErr(1).addTimeLagErr(1)
                .addPhaseLag(0.1).addPhaseLag(0.2).addPhaseLagErr(1).addPhaseLagErr(1)
                .addRawCoherence(0.5).addRawCoherence(0.6).addRawCoherenceErr(0.1).addRawCoherenceErr(0.1)
                .addIntrinsicCoherence(0.4).addIntrinsicCoherence(0.5).addIntrinsicCoherenceErr(0.1).addIntrinsicCoherenceErr(0.1)
                .addPds1Power(2).addPds1Power(2).addPds2Power(3).addPds2Power(3)
                .setM(3).setN(4).setDf(0.5).setDt(0.5).setNphots(10).setNphots1(8).setNphots2(12.5).setMean(2.5)
                .setNorm(Norm.FRAC).addGti(Gti.newBuilder().setStart(0).setStop(10)).build();
        org.manta.cli.output.Product cli = MeshProducts.toCli(p, "manta submit ...", java.util.List.of());
        assertEquals(org.manta.cli.output.ProductKind.CROSS_SPECTRUM, cli.kind());
        assertEquals(java.util.Set.of("freq", "power", "power_err", "unnorm_power", "time_lag", "time_lag_err", "phase_lag",
                "phase_lag_err", "raw_coherence", "raw_coherence_err", "intrinsic_coherence", "intrinsic_coherence_err",
                "pds1_power", "pds2_power", "m", "n", "df", "dt", "nphots", "nphots1", "nphots2", "mean", "norm",
                "segment_size", "gti"), cli.fields().keySet(), "the fields of Products.crossSpectrum");
        assertEquals(3, cli.number("m"));
        assertEquals(12.5, cli.number("nphots2"));

        org.manta.proto.v1.Product dyn = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.DYNPS).addFreq(1)
                .addFreq(2).addTime(5).addTime(6).addTime(7).addDynPsShape(2).addDynPsShape(3).addDynPs(1).addDynPs(2)
                .addDynPs(3).addDynPs(4).addDynPs(5).addDynPs(6).setM(1).setN(64).setDt(0.25).setSegmentSize(16)
                .setNphots(32).setNorm(Norm.LEAHY).build();
        org.manta.cli.output.Product d = MeshProducts.toCli(dyn, "", java.util.List.of());
        assertEquals(6.0, d.matrix("dyn_ps").rows()[1][2], "[freq_index][time_index]");
        assertEquals(16.0, d.number("dt"), "the step between columns, as DynamicalPowerSpectrum.dt");
        assertEquals(2.0, d.number("meanrate"), "32 photons in 64 bins of 0.25 s");
    }

    /**
     * A mesh product with the plan's context gets the fields {@code manta pds} adds from the file's headers and the
     * band, with the same values and in the same place: the Chandra file's TELESCOP, INSTRUME, OBJECT, TIMESYS, MJDREF
     * and e_min/e_max of the 0.5–7 keV selection. A product of an older service (no context) has none of them.
     */
    @Test
    void meshProductsCarryTheObservationContextOfTheEmbeddedCommand(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("chandra_test.fits");
        try (java.io.InputStream in = SubmitCommandTest.class.getResourceAsStream("/data/chandra_test.fits")) {
            java.nio.file.Files.copy(in, file);
        }
        java.util.Optional<org.manta.core.events.EnergyBand> band =
                java.util.Optional.of(org.manta.core.events.EnergyBand.energy(0.5, 7));
        org.manta.cli.pipeline.EmbeddedPipeline pipeline = new org.manta.cli.pipeline.EmbeddedPipeline(
                org.manta.core.pipeline.PoolSettings.ofThreads(1), true);
        org.manta.core.spectrum.AveragedPowerSpectrum ps = pipeline.powerSpectrum(file, band, 0.44104, 100,
                org.manta.core.spectrum.Normalization.LEAHY, true);
        org.manta.cli.output.Product embedded = org.manta.cli.output.Products.withObservation(
                new org.manta.cli.command.PdsStatistics().fields(ps)
                        .provenance(org.manta.cli.output.Provenance.of("manta pds", java.util.List.of(file))).build(),
                pipeline.observation().orElseThrow());
        org.manta.proto.v1.ObservationContext context = org.manta.proto.v1.ObservationContext.newBuilder()
                .setTelescope("CHANDRA").setInstrument("ACIS").setObject("M82").setTimesys("TT")
                .setMjdref(org.manta.proto.v1.Mjdref.newBuilder().setDays(50814))
                .addChannels(org.manta.proto.v1.ChannelBand.newBuilder().setBand(org.manta.proto.v1.Band.newBuilder().setLo(0.5).setHi(7)))
                .build();
        SubmitCommand.Remote submitPds = (SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                "pds", file.toString(), "--dt", "0.44104", "--segment", "100", "--energy", "0.5:7").subcommand()
                .commandSpec().userObject();
        org.manta.cli.output.Product mesh = submitPds.written(meshProduct(ps).toBuilder().setObservation(context).build(),
                "manta submit pds", java.util.List.of());
        com.fasterxml.jackson.databind.JsonNode written = json(mesh, dir);
        assertEquals("CHANDRA", written.get("telescope").asText());
        assertEquals("ACIS", written.get("instrument").asText());
        assertEquals("M82", written.get("object").asText());
        assertEquals("TT", written.get("timesys").asText());
        assertEquals(50814.0, written.get("mjdref").asDouble(), 0.0);
        assertEquals(50814, written.get("mjdrefi").asLong());
        assertEquals(0.0, written.get("mjdreff").asDouble(), 0.0);
        assertEquals(0.5, written.get("e_min").asDouble(), 0.0);
        assertEquals(7.0, written.get("e_max").asDouble(), 0.0);
        assertEquals(json(embedded, dir), written, "the fields, values and order of manta pds");

        com.fasterxml.jackson.databind.JsonNode older = json(submitPds.written(meshProduct(ps), "manta submit pds",
                java.util.List.of()), dir);
        for (String field : new String[] {"telescope", "instrument", "object", "timesys", "mjdref", "mjdrefi", "mjdreff",
            "e_min", "e_max"}) {
            assertFalse(older.has(field), field + " without a context");
        }

        // two channels (a cross spectrum's context on any product): the bands suffixed by channel, none for all events
        org.manta.proto.v1.ObservationContext twoChannels = context.toBuilder().addChannels(
                org.manta.proto.v1.ChannelBand.newBuilder()).build();
        org.manta.cli.output.Product cpds = MeshProducts.withObservation(meshProduct(ps).toBuilder()
                .setObservation(twoChannels).build(), MeshProducts.toCli(meshProduct(ps), "", java.util.List.of()));
        assertEquals(0.5, cpds.number("e_min1"), "channel 1's band, suffixed");
        assertFalse(cpds.has("e_min2") || cpds.has("e_min"), "channel 2 selects every event");
    }

    /**
     * {@code manta submit pds --rms --subtract-noise --significance} gives the fields of {@code manta pds} with them:
     * the mesh's product of a spectrum (as the reducer writes it: the spectrum's arrays and scalars) through
     * {@code submit pds}'s options equals, field by field and value by value, {@code manta pds}'s product of it.
     */
    @Test
    void submitPdsStatisticsAreTheFieldsOfMantaPds(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("monol_testA.evt");
        try (java.io.InputStream in = SubmitCommandTest.class.getResourceAsStream("/data/monol_testA.evt")) {
            java.nio.file.Files.copy(in, file);
        }
        org.manta.core.spectrum.AveragedPowerSpectrum ps = new org.manta.cli.pipeline.EmbeddedPipeline(
                org.manta.core.pipeline.PoolSettings.ofThreads(1), true).powerSpectrum(file, java.util.Optional.empty(),
                1.0 / 128, 64, org.manta.core.spectrum.Normalization.FRAC, true);
        String[][] cases = {{"--rms", "0.1:10", "--subtract-noise", "--significance", "--false-alarm", "0.05", "--trials",
            "100"}, {"--significance"}, {"--rms", "1:20"}, {"--upper-limit", "1:10", "--confidence", "0.9"}, {}};
        for (String[] stats : cases) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("pds", file.toString(), "--dt",
                    "1/128", "--segment", "64", "--norm", "frac"));
            args.addAll(java.util.List.of(stats));
            org.manta.cli.command.PdsStatistics embeddedOptions = statistics(new CommandLine(
                    new org.manta.cli.command.PdsCommand()).parseArgs(args.subList(1, args.size()).toArray(String[]::new)));
            org.manta.cli.output.Provenance provenance = org.manta.cli.output.Provenance.of("manta pds", java.util.List.of(file));
            org.manta.cli.output.Product embedded = embeddedOptions.fields(ps).provenance(provenance).build();

            java.util.List<String> submitArgs = new java.util.ArrayList<>(java.util.List.of("--server", "h:1"));
            submitArgs.addAll(args);
            SubmitCommand.Remote pds = (SubmitCommand.Remote) model(new SubmitCommand())
                    .parseArgs(submitArgs.toArray(String[]::new)).subcommand().commandSpec().userObject();
            org.manta.cli.output.Product mesh = pds.toCli(meshProduct(ps), "manta submit pds", java.util.List.of());
            assertEquals(json(embedded, dir), json(mesh, dir), "fields and values with " + String.join(" ", stats));
        }
    }

    /**
     * {@code manta submit pds|cpds|dynps} with {@code --rebin/--rebin-log} write what {@code manta pds|cpds|dynps} write
     * with them (the sweep of issue 9 found the mesh's products unrebinned, without {@code rebin}, and the DYNPS
     * product without {@code bin_time}): the embedded command run in-process against the client's product of the
     * mesh's spectrum of the same plan, every field but the provenance and the observation's context.
     */
    @Test
    void submitRebinsAsTheEmbeddedCommand(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        org.manta.cli.pipeline.EmbeddedPipeline pipeline = new org.manta.cli.pipeline.EmbeddedPipeline(
                org.manta.core.pipeline.PoolSettings.ofThreads(1), true);
        org.manta.proto.v1.Product pds = meshProduct(pipeline.powerSpectrum(file, java.util.Optional.empty(), 1.0 / 128,
                64, org.manta.core.spectrum.Normalization.FRAC, true));
        for (String rebin : new String[] {"--rebin-log=0.1", "--rebin=4x", "--rebin=0.5"}) {
            assertSameAsEmbedded(dir, pds, "rebin", "pds", file.toString(), "--dt", "1/128", "--segment", "64", "--norm", "frac",
                    rebin, "--rms", "0.1:10", "--significance");
        }
        org.manta.cli.pipeline.EmbeddedPipeline.Dynamical dyn = pipeline.dynamicalPowerSpectrum("dynps", file,
                java.util.Optional.empty(), 1.0 / 16, 64, org.manta.core.spectrum.Normalization.FRAC);
        org.manta.proto.v1.Product dynps = meshDynps(dyn.spectrum(), org.manta.core.segment.SegmentSpec.of(1.0 / 16, 64),
                dyn.gti());
        assertSameAsEmbedded(dir, dynps, "bin_time", "dynps", file.toString(), "--dt", "1/16", "--segment", "64",
                "--norm", "frac");
        assertSameAsEmbedded(dir, dynps, "rebin", "dynps", file.toString(), "--dt", "1/16", "--segment", "64", "--norm",
                "frac", "--rebin", "0.25");

        Path det1 = copy(dir, "sim_fad_det1.evt");
        Path det2 = copy(dir, "sim_fad_det2.evt");
        org.manta.proto.v1.Product cpds = meshCpds(pipeline.crossSpectrum(det1, java.util.Optional.empty(), det2,
                java.util.Optional.empty(), 1.0 / 512, 8, org.manta.core.spectrum.Normalization.LEAHY));
        assertSameAsEmbedded(dir, cpds, "rebin", "cpds", det1.toString(), det2.toString(), "--dt", "1/512", "--segment",
                "8", "--rebin-log", "0.3", "--significance");
        assertSameAsEmbedded(dir, cpds, "rebin", "cpds", det1.toString(), det2.toString(), "--dt", "1/512", "--segment",
                "8", "--rebin", "2x");
    }

    /**
     * Runs {@code manta ARGS} in-process and {@code manta submit ARGS}'s mapping of {@code mesh}, and asserts the same
     * JSON but the provenance and the context (which the mesh's plan adds: other tests), and that {@code field} is in it.
     */
    private static void assertSameAsEmbedded(Path dir, org.manta.proto.v1.Product mesh, String field, String... args)
            throws Exception {
        String[] command = args;
        Path out = dir.resolve("embedded.json");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.List<String> embeddedArgs = new java.util.ArrayList<>(java.util.List.of(command));
        // one thread: the segments summed in the order of the spectrum given as the mesh's, so the numbers are identical
        embeddedArgs.addAll(java.util.List.of("--threads", "1", "--quiet", "--overwrite", "-o", out.toString()));
        int code = org.manta.cli.Main.run(embeddedArgs.toArray(String[]::new),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err),
                java.util.Map.of());
        assertEquals(0, code, String.join(" ", command) + ": " + err);
        SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand())
                .parseArgs(prepend(command, "--server", "h:1")).subcommand().commandSpec().userObject();
        com.fasterxml.jackson.databind.JsonNode embedded = withoutContext(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toFile()));
        com.fasterxml.jackson.databind.JsonNode meshJson = withoutContext(json(submit.toCli(mesh, "manta submit",
                java.util.List.of()), dir));
        assertTrue(embedded.has(field), String.join(" ", command) + " writes " + field);
        assertSameNumbers(embedded, meshJson, "manta submit " + String.join(" ", command));
    }

    /**
     * The client rebuilds the core spectrum from the mesh's product before it rebins it (a cross spectrum's band
     * powers, errors and lags recomputed from the saved fields), where the embedded command rebins the spectrum it made:
     * the same operations on values that can differ in their last bit.
     */
    private static final double REBUILT_SPECTRUM = 1e-12;

    /**
     * The same fields, texts and shapes; numbers within {@link #REBUILT_SPECTRUM} of the largest finite magnitude of
     * their field; non-finite numbers (written as strings) equal.
     */
    private static void assertSameNumbers(com.fasterxml.jackson.databind.JsonNode expected,
                                          com.fasterxml.jackson.databind.JsonNode actual, String what) {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        expected.fieldNames().forEachRemaining(fields::add);
        java.util.Set<String> actualFields = new java.util.TreeSet<>();
        actual.fieldNames().forEachRemaining(actualFields::add);
        assertEquals(fields, actualFields, what + ": fields");
        expected.fieldNames().forEachRemaining(name -> {
            double scale = largest(expected.get(name));
            assertClose(expected.get(name), actual.get(name), REBUILT_SPECTRUM * scale, what + ": " + name);
        });
    }

    private static double largest(com.fasterxml.jackson.databind.JsonNode node) {
        double max = node.isNumber() && Double.isFinite(node.doubleValue()) ? Math.abs(node.doubleValue()) : 0;
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            max = Math.max(max, largest(child));
        }
        return max;
    }

    private static void assertClose(com.fasterxml.jackson.databind.JsonNode expected,
                                    com.fasterxml.jackson.databind.JsonNode actual, double tolerance, String what) {
        if (expected.isNumber() && actual.isNumber()) {
            assertEquals(expected.doubleValue(), actual.doubleValue(), tolerance, what);
        } else if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), what + ": size");
            java.util.Iterator<String> names = expected.fieldNames();
            if (expected.isObject()) {
                names.forEachRemaining(n -> assertClose(expected.get(n), actual.get(n), tolerance, what + "." + n));
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    assertClose(expected.get(i), actual.get(i), tolerance, what + "[" + i + "]");
                }
            }
        } else {
            assertEquals(expected, actual, what);
        }
    }

    private static String[] prepend(String[] args, String... first) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(first));
        all.addAll(java.util.List.of(args));
        return all.toArray(String[]::new);
    }

    /** The JSON without provenance and the observation's context. */
    private static com.fasterxml.jackson.databind.JsonNode withoutContext(com.fasterxml.jackson.databind.JsonNode json) {
        com.fasterxml.jackson.databind.node.ObjectNode node = ((com.fasterxml.jackson.databind.node.ObjectNode) json).deepCopy();
        node.remove(java.util.List.of("provenance", "telescope", "instrument", "object", "timesys", "mjdref", "mjdrefi",
                "mjdreff"));
        return node;
    }

    /**
     * What {@code manta dynps}, {@code fad} and {@code cpds} refuse before any work, {@code manta submit} refuses with the
     * same words before it connects: a log rebin of a dynamical spectrum, any rebin of FAD spectra, one file without two
     * bands (the mesh said "band2 unset: expected both bands … (or upload_inputs = 2)").
     */
    /** {@code --running-output} is checked as {@code -o} is, before connecting (the sweep: it was not checked at all). */
    @Test
    void theRunningOutputIsCheckedBeforeConnecting(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        Path existing = Files.writeString(dir.resolve("earlier.json"), "earlier");
        String[][] cases = {
            {existing.toString(), "running-output = " + existing + ": expected a new file (it exists; give --overwrite "
                + "to replace it)"},
            {dir.resolve("running.png").toString(), "running-output = " + dir.resolve("running.png")
                + ": expected a .json file (the running product is written as JSON)"},
            {dir.resolve("out.json").toString(), "running-output = " + dir.resolve("out.json")
                + ": expected a file other than --output"}};
        for (String[] c : cases) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            assertEquals(2, org.manta.cli.Main.run(new String[] {"submit", "--server", "127.0.0.1:1", "--running-output",
                c[0], "pds", file.toString(), "--dt", "1/16", "--segment", "64", "-o", dir.resolve("out.json").toString()},
                    new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err),
                    java.util.Map.of()), "refused before connecting (nothing listens on port 1)");
            assertEquals("manta: " + c[1], err.toString().lines().findFirst().orElseThrow());
        }
        assertEquals("earlier", Files.readString(existing));
    }

    /**
     * A running product is made as the final one (found: written raw, without --rebin or --rms), with the segments
     * merged so far and expected; one the options cannot be made of is written raw, and that is said once.
     */
    @Test
    void runningProductsTakeTheFinalProductsOptionsAndSayHowManySegmentsTheyHave(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        org.manta.proto.v1.Product pds = meshProduct(new org.manta.cli.pipeline.EmbeddedPipeline(
                org.manta.core.pipeline.PoolSettings.ofThreads(1), true).powerSpectrum(file, java.util.Optional.empty(),
                1.0 / 128, 64, org.manta.core.spectrum.Normalization.FRAC, true));
        SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                "pds", file.toString(), "--dt", "1/128", "--segment", "64", "--rebin=4x", "--rms", "0.1:10")
                .subcommand().commandSpec().userObject();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        RunningProducts running = new RunningProducts(p -> submit.written(p, "l", List.of()),
                p -> MeshProducts.toCli(p, "l", List.of()), err);
        JobProgress progress = progress(JobState.RUNNING, 20).toBuilder().setSegmentsExpected(30).setRunningProduct(pds)
                .build();
        org.manta.cli.output.Product made = running.of(progress);
        org.manta.cli.output.Product last = submit.written(pds, "l", List.of());
        assertTrue(made.has("rebin") && made.has("frac_rms"), "--rebin and --rms applied: " + made.fields().keySet());
        assertEquals(last.array("freq").length, made.array("freq").length, "rebinned as the final product");
        assertTrue(made.array("freq").length < pds.getFreqCount(), "rebinned: " + made.array("freq").length);
        assertEquals(20, made.number("segments_done"));
        assertEquals(30, made.number("segments_expected"));
        assertEquals(pds.getM(), running.of(progress.toBuilder().setSegmentsDone(0).build()).number("segments_done"),
                "the job's count lags the product's m (found: 0 segments done with a product of 1)");
        assertEquals("", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));

        RunningProducts failing = new RunningProducts(p -> {
            throw new org.manta.core.InvalidParameterException("rebin", "4x", "more segments");
        }, p -> MeshProducts.toCli(p, "l", List.of()), err);
        org.manta.cli.output.Product raw = failing.of(progress);
        failing.of(progress);
        assertEquals(pds.getFreqCount(), raw.array("freq").length, "the mesh's product");
        assertEquals(20, raw.number("segments_done"));
        assertEquals(1, bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().count(), "said once: " + bytes);
        assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("manta: --running-output: the "
                + "running product is written as the mesh made it (the options of the final product do not apply to 20 "
                + "segments: rebin = 4x: expected more segments"), bytes.toString());
    }

    /** A job of one work unit has no running product: --running-output says so before the job (found: silence). */
    @Test
    void aRunningOutputOfAJobOfOneWorkUnitIsSaidToGetOnlyTheFinalProduct(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        String server = "127.0.0.1:" + closedPort();
        Path running = dir.resolve("running.json");
        String[][] cases = {{"lc", "--dt", "1"}, {"pds", "--dt", "1"}, {"bispectrum", "--dt", "1", "--maxlag", "4"},
            {"pds", "--dt", "1", "--segment", "64"}};
        for (String[] c : cases) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            List<String> args = new java.util.ArrayList<>(List.of("submit", "--server", server, "--token", "t",
                    "--running-output", running.toString(), c[0], file.toString()));
            args.addAll(List.of(c).subList(1, c.length));
            assertEquals(1, org.manta.cli.Main.run(args.toArray(String[]::new), new java.io.PrintStream(
                    new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true), java.util.Map.of()),
                    "nothing listens: " + err);
            String first = err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            if (List.of(c).contains("--segment")) {
                assertTrue(first.startsWith("manta: cannot reach"), "segments: running products come: " + first);
            } else {
                assertEquals("manta: --running-output " + running + ": the " + c[0] + " job is one work unit, of which "
                        + "the mesh makes no running product; the file gets the final product when the job succeeds",
                        first);
            }
        }
    }

    /** {@code --gpu} and {@code --threads} are the local command's: not in any submit help, refused when given. */
    @Test
    void embeddedOnlyOptionsAreHiddenAndRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        CommandLine model = model(new SubmitCommand());
        for (java.util.Map.Entry<String, CommandLine> sub : model.getSubcommands().entrySet()) {
            if (!(sub.getValue().getCommand() instanceof SubmitCommand.Remote)) {
                continue;
            }
            String help = sub.getValue().getUsageMessage();
            assertFalse(help.contains("--gpu ") || help.contains("[--gpu]") || help.contains("--threads="),
                    sub.getKey() + " help: " + help);
            assertTrue(help.contains("--dt"), sub.getKey());
        }
        Path file = copy(dir, "monol_testA.evt");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(2, org.manta.cli.Main.run(new String[] {"submit", "--server", "127.0.0.1:1", "pds", file.toString(),
            "--dt", "1/16", "--segment", "64", "--threads", "2", "--gpu"},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err),
                java.util.Map.of()));
        assertEquals("manta: --gpu, --threads: not with submit; only the local command honours them (the mesh picks its "
                + "own workers and devices): run it without 'submit'", err.toString().lines().findFirst().orElseThrow());
    }

    @Test
    void submitRefusesWhatTheEmbeddedCommandRefuses(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        String[][] cases = {
            {"dynps", file.toString(), "--dt", "1/16", "--segment", "64", "--rebin-log", "0.1"},
            {"fad", file.toString(), file.toString(), "--dt", "1/16", "--segment", "64", "--rebin", "2x"},
            {"cpds", file.toString(), "--dt", "1/16", "--segment", "64", "--energy1", "3:10"},
            {"lomb", file.toString(), "--events2", file.toString(), "--dt", "1", "--rebin-log", "0.1"},
            // the checks `manta pds|cpds|dynps` make before reading (found after the sweep: submit ran the job first)
            {"pds", file.toString(), "--dt", "1/16", "--segment", "64", "--rebin", "0.001"},
            {"pds", file.toString(), "--dt", "1", "--segment", "64", "--rms", "1:100"},
            {"pds", file.toString(), "--dt", "1/16", "--segment", "64", "--false-alarm", "0.01"},
            {"dynps", file.toString(), "--dt", "1/16", "--segment", "64", "--rebin", "1000"},
            {"cpds", file.toString(), file.toString(), "--dt", "1/16", "--segment", "64", "--trials", "10"}};
        for (String[] args : cases) {
            java.io.ByteArrayOutputStream embedded = new java.io.ByteArrayOutputStream();
            assertEquals(2, org.manta.cli.Main.run(args, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                    new java.io.PrintStream(embedded), java.util.Map.of()));
            java.io.ByteArrayOutputStream submit = new java.io.ByteArrayOutputStream();
            assertEquals(2, org.manta.cli.Main.run(prepend(args, "submit", "--server", "127.0.0.1:1"),
                    new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(submit),
                    java.util.Map.of()), "refused before connecting (nothing listens on port 1)");
            String line = embedded.toString().lines().findFirst().orElseThrow();
            assertEquals(line.replace("manta " + args[0] + " --help", "manta submit " + args[0] + " --help"),
                    submit.toString().lines().findFirst().orElseThrow(), String.join(" ", args));
        }
        // lc: one event list, its band and time filter, no segment
        org.manta.proto.v1.JobSpec lc = ((SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                "lc", file.toString(), "--dt", "1/4", "--pi", "30:300", "--tstart", "100").subcommand().commandSpec()
                .userObject()).jobSpec();
        assertEquals(org.manta.proto.v1.ProductKind.LC, lc.getKind());
        assertEquals(0.25, lc.getDt(), 0.0);
        assertEquals(30, lc.getBand1().getLo(), 0.0);
        assertEquals(100, lc.getTimeFilter().getTstart(), 0.0);
        assertFalse(lc.hasSegmentSize());
        // pds without --segment asks the mesh for one periodogram of the whole span (no segment size); dynps needs one
        SubmitCommand.Remote single = (SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1", "pds",
                file.toString(), "--dt", "1").subcommand().commandSpec().userObject();
        assertFalse(single.jobSpec().hasSegmentSize());
        SubmitCommand.Remote dynps = (SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                "dynps", file.toString(), "--dt", "1").subcommand().commandSpec().userObject();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, dynps::jobSpec);
        assertEquals(SpectrumOptions.segmentRequired("dynps").getMessage(), e.getMessage(), "manta dynps's words");
        assertEquals("segment = (none): expected a segment length in seconds: the dynamical power spectrum has one "
                + "spectrum per segment (only pds takes none: one periodogram of the whole span)", e.getMessage());
    }

    /**
     * {@code manta submit lomb|multitaper} take the plot's {@code --rebin/--rebin-log} of {@code manta lomb|multitaper}
     * (the sweep of issue 9: "Unknown options: '--rebin-log'"), checked before the job is sent.
     */
    @Test
    void submitLombAndMultitaperTakeThePlotsRebinning() {
        for (String kind : new String[] {"lomb", "multitaper"}) {
            for (String[] rebin : new String[][] {{"--rebin-log", "0.2"}, {"--rebin", "4x"}}) {
                CommandLine.ParseResult r = model(new SubmitCommand()).parseArgs("--server", "h:1", kind, "A.evt", "--dt",
                        "1", rebin[0], rebin[1], "--plot", "p.png");
                SubmitCommand.Remote remote = (SubmitCommand.Remote) r.subcommand().commandSpec().userObject();
                assertTrue(remote.chart() != null, kind + " " + String.join(" ", rebin));
            }
            CommandLine.ParseResult both = model(new SubmitCommand()).parseArgs("--server", "h:1", kind, "A.evt", "--dt",
                    "1", "--rebin-log", "0.2", "--rebin", "4x");
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    ((SubmitCommand.Remote) both.subcommand().commandSpec().userObject())::chart);
            assertTrue(e.getMessage().contains("only one of --rebin and --rebin-log"), e.getMessage());
        }
    }

    private static org.manta.cli.command.PdsStatistics statistics(CommandLine.ParseResult r) {
        for (Object mixin : r.commandSpec().mixins().values().stream().map(m -> m.userObject()).toList()) {
            if (mixin instanceof org.manta.cli.command.PdsStatistics s) {
                return s;
            }
        }
        throw new AssertionError("manta pds has the statistics options");
    }

    /** The mesh's CPDS product of a spectrum: the arrays and scalars the reducer maps (lags and coherences left out). */
    private static org.manta.proto.v1.Product meshCpds(org.manta.core.spectrum.AveragedCrossSpectrum cs) {
        org.manta.proto.v1.Product.Builder b = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.CPDS)
                .setJobId("j").setM(cs.segments()).setN(cs.n()).setDf(cs.df()).setDt(cs.dt())
                .setSegmentSize(cs.segmentSize()).setNphots(cs.nphots()).setNphots1(cs.nphots1())
                .setNphots2(cs.nphots2()).setMean(cs.mean()).setNorm(Norm.valueOf(cs.norm().name()))
                .setPower(complex(cs.power())).setPowerErr(complex(cs.powerErr())).setUnnormPower(complex(cs.unnormPower()));
        for (int j = 0; j < cs.freq().length; j++) {
            b.addFreq(cs.freq()[j]).addPds1Power(cs.pds1().power()[j]).addPds2Power(cs.pds2().power()[j]);
        }
        cs.gti().orElseThrow().intervals().forEach(g -> b.addGti(Gti.newBuilder().setStart(g.start()).setStop(g.stop())));
        return b.build();
    }

    /** The mesh's PDS product of a spectrum: its arrays and scalars, as reduce-service maps them. */
    private static org.manta.proto.v1.Product meshProduct(org.manta.core.spectrum.AveragedPowerSpectrum ps) {
        org.manta.proto.v1.Product.Builder b = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.PDS)
                .setJobId("j").setM(ps.segments()).setN(ps.n()).setDf(ps.df()).setDt(ps.dt())
                .setSegmentSize(ps.segmentSize()).setNphots(ps.nphots()).setNphots1(ps.nphots()).setMean(ps.mean())
                .setNorm(Norm.valueOf(ps.norm().name()));
        for (int j = 0; j < ps.freq().length; j++) {
            b.addFreq(ps.freq()[j]);
        }
        b.setPower(real(ps.power())).setPowerErr(real(ps.powerErr())).setUnnormPower(real(ps.unnormPower()))
                .setUnnormPowerErr(real(ps.unnormPowerErr()));
        ps.gti().orElseThrow().intervals().forEach(g -> b.addGti(Gti.newBuilder().setStart(g.start()).setStop(g.stop())));
        return b.build();
    }

    private static ComplexArray real(double[] values) {
        ComplexArray.Builder b = ComplexArray.newBuilder();
        for (double v : values) {
            b.addRe(v);
        }
        return b.build();
    }

    /** The JSON product without its provenance. */
    private static com.fasterxml.jackson.databind.JsonNode json(org.manta.cli.output.Product p, Path dir) throws Exception {
        Path f = dir.resolve("product.json");
        new org.manta.cli.output.JsonProductWriter().write(p, f);
        com.fasterxml.jackson.databind.node.ObjectNode node =
                (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
        node.remove("provenance");
        return node;
    }

    @Test
    void submitVarEnergyBecomesAVarEnergyJobSpec() {
        CommandLine.ParseResult r = model(new SubmitCommand()).parseArgs("--server", "h:1", "--server-path",
                "varenergy", "a.evt", "--kind", "covariance", "--freq", "0.1:3", "--bands", "0.5,2,4,10", "--ref", "0.5:10",
                "--dt", "1/64", "--segment", "32", "--events2", "b.evt");
        JobSpec spec = ((SubmitCommand.Remote) r.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(ProductKind.VARENERGY, spec.getKind());
        assertEquals(java.util.List.of("a.evt", "b.evt"), spec.getInputsList());
        assertEquals(Norm.ABS, spec.getNorm(), "Stingray's default for the covariance");
        assertEquals("covariance", spec.getVarenergy().getKind());
        assertEquals(java.util.List.of(0.5, 2.0, 4.0, 10.0), spec.getVarenergy().getBandEdgesList());
        assertEquals(10.0, spec.getVarenergy().getReference().getHi());
        assertEquals(3.0, spec.getVarenergy().getFreqHi());
        assertEquals(32.0, spec.getSegmentSize());
        CommandLine.ParseResult excvar = model(new SubmitCommand()).parseArgs("--server", "h:1", "varenergy",
                "a.evt", "--kind", "excvar", "--bands", "1,2,4", "--dt", "1");
        JobSpec x = ((SubmitCommand.Remote) excvar.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals("excvar", x.getVarenergy().getKind(), "the excess variance is a mesh job too");
        assertEquals(4.0, x.getSegmentSize(), "the segment manta varenergy plans without --segment: 4 dt");
        assertEquals(1, x.getUploadInputs());
    }

    @Test
    void meshVarEnergyProductsHaveTheFieldsOfMantaVarEnergy() {
        org.manta.proto.v1.Product p = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.VARENERGY)
                .setVarenergy(org.manta.proto.v1.VarEnergySpec.newBuilder().setKind("lag").addBandEdges(1).addBandEdges(3)
                        .addBandEdges(10).setReference(org.manta.proto.v1.Band.newBuilder().setLo(1).setHi(10))
                        .setFreqLo(0.1).setFreqHi(3))
                .setSpectrum(ComplexArray.newBuilder().addRe(0.01).addRe(-0.02))
                .setSpectrumError(ComplexArray.newBuilder().addRe(0.003).addRe(Double.NaN))
                .setNFreq(92).setM(17).setDt(1.0 / 64).setSegmentSize(32).setNorm(Norm.NONE)
                .addGti(Gti.newBuilder().setStart(0).setStop(1000)).build();
        org.manta.cli.output.Product cli = MeshProducts.toCli(p, "manta submit varenergy ...", java.util.List.of());
        org.manta.core.varenergy.VarEnergySpectrum s = MeshProducts.varEnergy(p);
        org.manta.cli.output.Product embedded = org.manta.cli.output.Products.varEnergySpectrum(s,
                org.manta.core.gti.GtiList.of(new org.manta.core.gti.Gti(0, 1000)), org.manta.cli.output.Provenance.of("",
                        java.util.List.of()));
        assertEquals(embedded.fields().keySet(), cli.fields().keySet(), "the fields of Products.varEnergySpectrum");
        assertEquals(java.util.List.of(2.0, 6.5), java.util.Arrays.stream(cli.array("energy")).boxed().toList());
        assertEquals(-0.02, cli.array("spectrum")[1]);
        assertEquals(17.0, cli.number("m"));
        assertEquals(92.0, cli.number("n_freq"));
        assertEquals("lag", cli.text("kind").orElseThrow());
    }

    @Test
    void submitFadAndColorsBecomeTheirJobSpecs() {
        CommandLine.ParseResult fad = model(new SubmitCommand()).parseArgs("--server", "h:1", "fad", "A.evt",
                "B.evt", "--dt", "1/512", "--segment", "8", "--norm", "frac", "--energy", "3:20", "--smoothing-length",
                "12", "--tolerance", "0.1", "--deadtime", "2.5e-3");
        JobSpec f = ((SubmitCommand.Remote) fad.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(ProductKind.FAD, f.getKind());
        assertEquals(2, f.getUploadInputs(), "one list per detector");
        assertEquals(3.0, f.getBand1().getLo(), "the selection, applied to both detectors by the plan");
        assertTrue(!f.hasBand2());
        assertEquals(Norm.FRAC, f.getNorm());
        assertEquals("gauss", f.getFad().getSmoothing());
        assertEquals(12.0, f.getFad().getSmoothingLength());
        assertEquals(0.1, f.getFad().getTolerance());
        CommandLine.ParseResult plain = model(new SubmitCommand()).parseArgs("--server", "h:1", "fad", "A.evt",
                "B.evt", "--dt", "1/512", "--segment", "8");
        assertEquals(0.0, ((SubmitCommand.Remote) plain.subcommand().commandSpec().userObject()).jobSpec().getFad()
                .getSmoothingLength(), "unset: the mesh takes Stingray's default for the planned segment");

        CommandLine.ParseResult colors = model(new SubmitCommand()).parseArgs("--server", "h:1", "--server-path",
                "colors", "obs.evt", "--dt", "1/64", "--segment", "256", "--pi", "30:300");
        JobSpec c = ((SubmitCommand.Remote) colors.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(ProductKind.DYNPS, c.getKind(), "the colours are made of the mesh's dynamical power spectrum");
        assertEquals(Norm.FRAC, c.getNorm());
        assertEquals(256.0, c.getSegmentSize());
        assertEquals(java.util.List.of("obs.evt"), c.getInputsList());
        assertTrue(c.getBand1().getOnPi());

        StringWriter err = new StringWriter();
        CommandLine bad = model(new SubmitCommand()).setErr(new PrintWriter(err));
        bad.setExecutionExceptionHandler((e, cl, p) -> {
            err.write(e.getMessage());
            return 2;
        });
        assertEquals(2, bad.execute("--server", "h:1", "fad", "A.evt", "B.evt", "--dt", "1/512", "--segment", "8",
                "--smoothing-length", "-3"));
        assertTrue(err.toString().contains("smoothing-length"), err.toString());
    }

    /**
     * {@code manta submit fad} writes {@code manta fad}'s product: the mesh's FAD product of the embedded spectra (the
     * fields the reducer maps) through {@code submit fad}'s options equals, field by field and value by value, the
     * embedded command's product of them (with the Zhang model of {@code --deadtime}).
     */
    @Test
    void submitFadWritesTheProductOfMantaFad(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path det1 = copy(dir, "sim_fad_det1.evt");
        Path det2 = copy(dir, "sim_fad_det2.evt");
        String[] options = {det1.toString(), det2.toString(), "--dt", "1/512", "--segment", "8", "--norm", "frac",
            "--deadtime", "2.5e-3"};
        org.manta.core.deadtime.FadSpectrum fad = new org.manta.cli.pipeline.EmbeddedPipeline(
                org.manta.core.pipeline.PoolSettings.ofThreads(1), true).fad(det1, det2, java.util.Optional.empty(),
                1.0 / 512, 8, org.manta.core.spectrum.Normalization.FRAC, org.manta.core.deadtime.FadSmoothing.GAUSS,
                java.util.OptionalDouble.empty(), 0.05);
        org.manta.cli.command.FadOptions embeddedOptions = mixin(new CommandLine(new org.manta.cli.command.FadCommand())
                .parseArgs(options), org.manta.cli.command.FadOptions.class);
        org.manta.cli.output.Provenance provenance = org.manta.cli.output.Provenance.of("manta fad", java.util.List.of());
        org.manta.cli.output.Product embedded = embeddedOptions.product(fad, provenance, System.err);
        assertTrue(embedded.has("model_zhang"));

        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server", "h:1", "fad"));
        args.addAll(java.util.List.of(options));
        args.add("--quiet");
        SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand())
                .parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().userObject();
        org.manta.cli.output.Product mesh = submit.toCli(meshFad(fad), "manta submit fad", java.util.List.of());
        assertEquals(json(embedded, dir), json(mesh, dir), "fields and values");
        assertEquals(com.fasterxml.jackson.databind.node.BooleanNode.valueOf(fad.isCompliant()),
                json(mesh, dir).get("is_compliant"), "a JSON boolean");
        // fad maps the product its own way; the context is still added, as for every kind
        org.manta.cli.output.Product written = submit.written(meshFad(fad).toBuilder().setObservation(
                org.manta.proto.v1.ObservationContext.newBuilder().setMjdref(org.manta.proto.v1.Mjdref.newBuilder()
                        .setDays(55197).setFraction(7.6601852e-4))).build(), "manta submit fad", java.util.List.of());
        assertEquals(55197 + 7.6601852e-4, written.number("mjdref"));
        assertEquals(new org.manta.cli.output.Field.Int(55197), written.fields().get("mjdrefi"), "the wire's days");
        assertEquals(7.6601852e-4, written.number("mjdreff"), "the wire's fraction exactly");
    }

    /**
     * {@code manta submit cpds --significance} writes the cospectra's p-values of {@code manta cpds --significance}: on
     * the mesh's product of a cross spectrum (as the reducer maps it), the significance fields equal, value by value,
     * those the embedded command computes from the spectrum itself; without the option there are none.
     */
    @Test
    void submitCpdsSignificanceIsThatOfMantaCpds(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path det1 = copy(dir, "sim_fad_det1.evt");
        Path det2 = copy(dir, "sim_fad_det2.evt");
        org.manta.core.spectrum.AveragedCrossSpectrum cs = new org.manta.cli.pipeline.EmbeddedPipeline(
                org.manta.core.pipeline.PoolSettings.ofThreads(1), true).crossSpectrum(det1, java.util.Optional.empty(),
                det2, java.util.Optional.empty(), 1.0 / 512, 8, org.manta.core.spectrum.Normalization.LEAHY);
        org.manta.proto.v1.Product meshCpds = meshCpds(cs);
        String[] stats = {"--significance", "--false-alarm", "0.05", "--trials", "100"};
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server", "h:1", "cpds",
                det1.toString(), det2.toString(), "--dt", "1/512", "--segment", "8"));
        SubmitCommand.Remote plain = (SubmitCommand.Remote) model(new SubmitCommand())
                .parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().userObject();
        assertFalse(plain.toCli(meshCpds, "", java.util.List.of()).has("p_value"), "no --significance: no p-values");
        args.addAll(java.util.List.of(stats));
        SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand())
                .parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().userObject();
        org.manta.cli.output.Product mesh = submit.toCli(meshCpds, "manta submit cpds", java.util.List.of());

        double[] pValues = cs.cospectraPValues(1);
        double[] trials = cs.cospectraPValues(100);
        assertArrayEquals(pValues, mesh.array("p_value"), 1e-15, "single-trial p-values of the Leahy cospectra");
        assertArrayEquals(trials, mesh.array("p_value_trials"), 1e-15, "for 100 trials");
        assertArrayEquals(cs.cospectraDetectionLevel(0.05, 100), mesh.array("detection_level"),
                1e-12 * java.util.Arrays.stream(cs.cospectraDetectionLevel(0.05, 100)).max().orElseThrow());
        assertEquals(100.0, mesh.number("n_trials"));
        assertTrue(java.util.Arrays.stream(pValues).anyMatch(v -> v > 0 && v < 1), "p-values strictly inside (0, 1)");
    }

    /**
     * {@code manta submit colors} writes {@code manta colors}'s product: the colours of the mesh's DYNPS product (as
     * the reducer maps the dynamical spectrum) equal the embedded command's of the same spectrum.
     */
    @Test
    void submitColorsWritesTheProductOfMantaColors(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        String[] options = {file.toString(), "--dt", "1/64", "--segment", "16", "--freq-edges", "0.125,0.5,1,4,16",
            "--exclude", "2:3"};
        org.manta.cli.pipeline.EmbeddedPipeline.Dynamical dyn = new org.manta.cli.pipeline.EmbeddedPipeline(
                org.manta.core.pipeline.PoolSettings.ofThreads(1), true).dynamicalPowerSpectrum("colors", file,
                java.util.Optional.empty(), 1.0 / 64, 16, org.manta.core.spectrum.Normalization.FRAC);
        org.manta.cli.command.ColorsOptions embeddedOptions = mixin(new CommandLine(
                new org.manta.cli.command.ColorsCommand()).parseArgs(options), org.manta.cli.command.ColorsOptions.class);
        org.manta.cli.output.Product embedded = embeddedOptions.product(dyn.spectrum(), 1.0 / 64, dyn.gti(),
                org.manta.cli.output.Provenance.of("manta colors", java.util.List.of()));
        assertTrue(embedded.array("pc0").length > 1, "a colour per segment");

        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server", "h:1", "colors"));
        args.addAll(java.util.List.of(options));
        SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand())
                .parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().userObject();
        org.manta.core.segment.SegmentSpec segment = org.manta.core.segment.SegmentSpec.of(1.0 / 64, 16);
        org.manta.cli.output.Product mesh = submit.toCli(meshDynps(dyn.spectrum(), segment, dyn.gti()),
                "manta submit colors", java.util.List.of());
        assertEquals(json(embedded, dir), json(mesh, dir), "fields and values");
    }

    @Test
    void submitLombBecomesItsJobSpecAndRefusesJsonLightCurves() {
        CommandLine.ParseResult lomb = model(new SubmitCommand()).parseArgs("--server", "h:1", "lomb", "A.evt",
                "--events2", "B.evt", "--dt", "0.5", "--method", "slow", "--norm", "frac", "--max-freq", "0.2", "--df",
                "0.001", "--energy", "3:10");
        JobSpec l = ((SubmitCommand.Remote) lomb.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(ProductKind.LOMB, l.getKind());
        assertEquals(2, l.getUploadInputs(), "the cross spectrum of two lists");
        assertTrue(!l.hasSegmentSize(), "the spectrum of the whole series");
        assertEquals(0.5, l.getDt());
        assertEquals(Norm.FRAC, l.getNorm());
        assertEquals(3.0, l.getBand1().getLo());
        assertEquals("slow", l.getLomb().getMethod());
        assertEquals(5, l.getLomb().getOversampling(), "the default (unused by the slow method)");
        assertEquals(0.2, l.getLomb().getMaxFreq());
        assertEquals(0.001, l.getLomb().getDf());
        assertTrue(!l.getLomb().hasMinFreq(), "unset: df/2");

        StringWriter err = new StringWriter();
        CommandLine bad = model(new SubmitCommand()).setErr(new PrintWriter(err));
        bad.setExecutionExceptionHandler((e, cl, p) -> {
            err.write(e.getMessage());
            return 2;
        });
        assertEquals(2, bad.execute("--server", "h:1", "lomb", "lc.json", "--dt", "1"));
        assertTrue(err.toString().contains("lc.json") && err.toString().contains("an event file"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, bad.execute("--server", "h:1", "lomb", "A.evt", "--dt", "1", "--df", "-1"));
        assertTrue(err.toString().contains("df = -1.0"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, bad.execute("--server", "h:1", "lomb", "A.evt", "--dt", "1", "--method", "slow",
                "--oversampling", "3"));
        assertTrue(err.toString().contains("oversampling = 3: expected no --oversampling with --method slow"),
                err.toString());
    }

    /**
     * A light curve, FITS or JSON, is not uploaded: the client refuses it before connecting, saying to give it by its
     * server path or to run the command locally; by its server path it becomes the job's input.
     */
    @Test
    void anUploadedLightCurveIsRefusedAndOneByItsServerPathIsTheJobsInput(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path lc = org.manta.core.io.OgipLightCurves.rateOnly(dir.resolve("lc.fits"), "s", 2.0, 1000.0,
                new double[] {3, 1, 4, 1, 5, 9, 2, 6});
        StringWriter err = new StringWriter();
        CommandLine bad = model(new SubmitCommand()).setErr(new PrintWriter(err));
        bad.setExecutionExceptionHandler((e, cl, p) -> {
            err.write(e.getMessage());
            return 2;
        });
        assertEquals(2, bad.execute("--server", "h:1", "bispectrum", lc.toString(), "--dt", "2"));
        assertEquals("FILE = " + lc + ": expected an event file to upload (a light curve is not uploaded: put it under "
                + "the mesh's data root and give --server-path, or run 'manta bispectrum' on it locally)", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, bad.execute("--server", "h:1", "multitaper", "lc.json", "--dt", "2"));
        assertEquals("FILE = lc.json: expected an event file to upload (a light curve is not uploaded: put it under "
                + "the mesh's data root and give --server-path, or run 'manta multitaper' on it locally)",
                err.toString());
        JobSpec json = ((SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1", "--server-path",
                "multitaper", "lc.json", "--lombscargle").subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(List.of("lc.json"), json.getInputsList(), "a JSON light curve by its path under the data root");
        assertEquals(0.0, json.getDt(), 0.0, "dt unset: the light curve's own");
        assertTrue(json.getMultitaper().getLombscargle());

        CommandLine.ParseResult lomb = model(new SubmitCommand()).parseArgs("--server", "h:1", "--server-path", "lomb",
                lc.toString(), "--dt", "2");
        JobSpec spec = ((SubmitCommand.Remote) lomb.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(ProductKind.LOMB, spec.getKind());
        assertEquals(List.of(lc.toString()), spec.getInputsList(), "the light curve by its path under the data root");
        assertEquals(0, spec.getUploadInputs());
        assertEquals(2.0, spec.getDt(), 0.0);

        // without --dt the mesh takes the light curve's own; an upload (an event file) needs it
        for (String kind : List.of("lomb", "multitaper", "bispectrum", "bicoherence")) {
            List<String> args = new java.util.ArrayList<>(List.of("--server", "h:1", "--server-path", kind, lc.toString()));
            if (kind.equals("bicoherence")) {
                args.addAll(List.of("--segment", "7.3"));
            }
            JobSpec own = ((SubmitCommand.Remote) model(new SubmitCommand()).parseArgs(args.toArray(String[]::new))
                    .subcommand().commandSpec().userObject()).jobSpec();
            assertEquals(0.0, own.getDt(), 0.0, kind + ": dt unset, the light curve's own");
            if (kind.equals("bicoherence")) {
                assertEquals(7.3, own.getBicoherence().getSegmentSize(), 0.0, "the seconds given, rounded by the mesh");
            }
        }
        JobSpec rounded = ((SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                "--server-path", "bicoherence", lc.toString(), "--dt", "2", "--segment", "7.3").subcommand()
                .commandSpec().userObject()).jobSpec();
        assertEquals(8.0, rounded.getBicoherence().getSegmentSize(), 0.0, "with --dt, whole bins as before");
        SubmitCommand.Remote upload = (SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                "lomb", "x.evt").subcommand().commandSpec().userObject();
        InvalidParameterException noDt = assertThrows(InvalidParameterException.class, upload::jobSpec);
        assertEquals("dt = (none): expected --dt SECONDS to bin an event file (a light curve input has its own bin "
                + "time)", noDt.getMessage(), "an upload without --dt");
    }

    /**
     * {@code manta submit lomb} writes {@code manta lomb}'s product: the mesh's LOMB product of the embedded spectrum
     * (the fields mesh-common's {@code ProductMapper.lomb} maps) equals, field by field and value by value, the embedded
     * command's product of it, for a periodogram and for a cross spectrum.
     */
    @Test
    void submitLombWritesTheProductOfMantaLomb(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path a = copy(dir, "sim_fad_det1.evt");
        Path b = copy(dir, "sim_fad_det2.evt");
        for (String[] options : java.util.List.of(new String[] {a.toString(), "--dt", "0.5", "--norm", "frac"},
                new String[] {a.toString(), "--events2", b.toString(), "--dt", "0.25", "--method", "slow", "--max-freq",
                    "0.5"})) {
            org.manta.cli.command.LombOptions embeddedOptions = mixin(new CommandLine(
                    new org.manta.cli.command.LombCommand()).parseArgs(options), org.manta.cli.command.LombOptions.class);
            org.manta.core.lombscargle.LombScargleRequest request = embeddedOptions.request();
            java.util.Optional<org.manta.core.events.EnergyBand> band = java.util.Optional.empty();
            double dt = Double.parseDouble(options[options[1].equals("--dt") ? 2 : 4]);
            org.manta.core.lightcurve.LightCurve lc = org.manta.core.lightcurve.EventLightCurves.read(a, band, dt);
            org.manta.cli.output.Provenance provenance = org.manta.cli.output.Provenance.of("manta lomb", java.util.List.of());
            org.manta.cli.output.Product embedded;
            org.manta.proto.v1.Product.Builder meshed = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.LOMB)
                    .setJobId("j").setNorm(Norm.valueOf(request.norm().name())).setM(1).setLomb(
                            org.manta.proto.v1.LombSpec.newBuilder().setMethod(request.method().label())
                                    .setOversampling(request.oversampling()));
            if (embeddedOptions.file2 == null) {
                org.manta.core.lombscargle.LombScarglePowerSpectrum s = request.power(lc);
                embedded = org.manta.cli.output.Products.lombScarglePowerSpectrum(s, request.oversampling(), provenance);
                meshed.addAllFreq(list(s.freq())).setPower(ComplexArray.newBuilder().addAllRe(list(s.power())))
                        .setUnnormPower(ComplexArray.newBuilder().addAllRe(list(s.unnormPower()))).setN(s.n())
                        .setDf(s.df()).setDt(s.dt()).setNphots(s.nphots()).setNphots1(s.nphots());
            } else {
                org.manta.core.lombscargle.LombScargleCrossSpectrum s = request.cross(lc,
                        org.manta.core.lightcurve.EventLightCurves.read(b, band, dt));
                embedded = org.manta.cli.output.Products.lombScargleCrossSpectrum(s, request.oversampling(), provenance);
                meshed.addAllFreq(list(s.freq())).setPower(complex(s.power())).setUnnormPower(complex(s.unnormPower()))
                        .setN(s.n()).setDf(s.df()).setDt(s.dt()).setNphots(s.nphots()).setNphots1(s.nphots1())
                        .setNphots2(s.nphots2());
            }
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server", "h:1", "lomb"));
            args.addAll(java.util.List.of(options));
            SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand())
                    .parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().userObject();
            assertEquals(ProductKind.LOMB, submit.jobSpec().getKind());
            org.manta.cli.output.Product mesh = submit.toCli(meshed.build(), "manta submit lomb", java.util.List.of());
            assertTrue(embedded.array("freq").length > 10, "a spectrum of many frequencies");
            assertEquals(json(embedded, dir), json(mesh, dir), "fields and values of " + String.join(" ", options));
        }
    }

    /**
     * {@code manta submit multitaper} sends its options as {@code JobSpec.multitaper} and writes {@code manta
     * multitaper}'s product: the mesh's MULTITAPER product of the embedded spectrum (the fields mesh-common's
     * {@code ProductMapper.multitaper} maps) equals the embedded command's product of it, field by field.
     */
    @Test
    void submitMultitaperBecomesItsJobSpecAndWritesTheProductOfMantaMultitaper(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        String[] options = {file.toString(), "--dt", "1", "--nw", "2.5", "--adaptive", "--no-low-bias", "--norm", "frac"};
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server", "h:1", "multitaper"));
        args.addAll(java.util.List.of(options));
        SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand())
                .parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().userObject();
        JobSpec m = submit.jobSpec();
        assertEquals(ProductKind.MULTITAPER, m.getKind());
        assertEquals(1, m.getUploadInputs());
        assertTrue(!m.hasSegmentSize(), "the spectrum of the whole series");
        assertEquals(Norm.FRAC, m.getNorm());
        assertEquals(2.5, m.getMultitaper().getNw());
        assertTrue(m.getMultitaper().getAdaptive() && m.getMultitaper().getNoLowBias() && !m.getMultitaper().getNoJackknife());

        org.manta.cli.command.TaperOptions taper = mixin(new CommandLine(new org.manta.cli.command.MultitaperCommand())
                .parseArgs(options), org.manta.cli.command.TaperOptions.class);
        org.manta.core.lightcurve.LightCurve lc = org.manta.core.lightcurve.EventLightCurves.contiguous(file,
                org.manta.core.lightcurve.EventLightCurves.read(file, java.util.Optional.empty(), 1));
        org.manta.core.multitaper.MultitaperSpectrum s = org.manta.core.multitaper.MultitaperSpectrum.of(lc.counts(),
                lc.dt(), org.manta.core.lightcurve.EventLightCurves.span(lc), taper.options(), taper.norm());
        org.manta.cli.output.Product embedded = org.manta.cli.output.Products.multitaperSpectrum(s, taper.options(),
                org.manta.cli.output.Provenance.of("manta multitaper", java.util.List.of()));
        org.manta.proto.v1.Product meshed = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.MULTITAPER)
                .setJobId("j").setMultitaper(m.getMultitaper()).addAllFreq(list(s.freq()))
                .setPower(ComplexArray.newBuilder().addAllRe(list(s.power())))
                .setPowerErr(ComplexArray.newBuilder().addAllRe(list(s.powerErr())))
                .setUnnormPower(ComplexArray.newBuilder().addAllRe(list(s.unnormPower())))
                .addAllMultitaperNormPower(list(s.multitaperNormPower())).addAllJkVarDegFreedom(list(s.jkVarDegFreedom()))
                .addAllEigvals(list(s.eigvals())).setM(1).setN(s.n()).setDf(s.df()).setDt(s.dt()).setNphots(s.nphots())
                .setNphots1(s.nphots()).setNorm(Norm.valueOf(s.norm().name())).build();
        org.manta.cli.output.Product mesh = submit.toCli(meshed, "manta submit multitaper", java.util.List.of());
        assertTrue(embedded.array("freq").length > 10, "a spectrum of many frequencies");
        assertEquals(json(embedded, dir), json(mesh, dir), "fields and values");
    }

    /**
     * {@code manta submit lomb|multitaper --err-dist} sends {@code err_dist} (the client no longer refuses gauss; ""
     * when not given, so that the mesh warns as the command does, "poisson" when chosen; another value is refused as
     * the command refuses it) and writes the product's {@code err_dist} as {@code manta lomb|multitaper --err-dist
     * gauss} does: the mesh's product of the embedded gauss spectra of {@code lightcurve_gauss.lc}, its options as the
     * fft worker records them (err_dist resolved), gives the embedded command's JSON field by field; a product of older
     * services, without err_dist, is Poisson.
     */
    @Test
    void submitLombAndMultitaperSendErrDistAndWriteTheProductOfTheCommand(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path lc = copy(dir, "lightcurve_gauss.lc");
        for (String kind : List.of("lomb", "multitaper")) {
            for (List<String> asked : List.of(List.<String>of(), List.of("--err-dist", "gauss"),
                    List.of("--err-dist", "poisson"))) {
                List<String> args = new java.util.ArrayList<>(List.of("--server", "h:1", "--server-path", kind,
                        lc.toString()));
                args.addAll(asked);
                JobSpec spec = ((SubmitCommand.Remote) model(new SubmitCommand()).parseArgs(args.toArray(String[]::new))
                        .subcommand().commandSpec().userObject()).jobSpec();
                String sent = kind.equals("lomb") ? spec.getLomb().getErrDist() : spec.getMultitaper().getErrDist();
                assertEquals(asked.isEmpty() ? "" : asked.get(1), sent, kind + " " + asked);
            }
            SubmitCommand.Remote unknown = (SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                    "--server-path", kind, lc.toString(), "--err-dist", "normal").subcommand().commandSpec().userObject();
            assertEquals("err-dist = normal: expected poisson or gauss",
                    assertThrows(InvalidParameterException.class, unknown::jobSpec).getMessage());
        }

        org.manta.core.lightcurve.LightCurve curve = org.manta.core.lightcurve.LightCurveFile.read(lc,
                java.util.Optional.empty()).lc();
        org.manta.cli.output.Provenance provenance = org.manta.cli.output.Provenance.of("manta", java.util.List.of());
        String[] lombOptions = {lc.toString(), "--err-dist", "gauss", "--method", "slow"};
        String ownDt = Double.toString(curve.dt());      // the plain command model asks for --dt; its own
        org.manta.core.lombscargle.LombScargleRequest request = mixin(new CommandLine(
                new org.manta.cli.command.LombCommand()).parseArgs(concat(lombOptions, "--dt", ownDt)),
                org.manta.cli.command.LombOptions.class).request();
        org.manta.core.lombscargle.LombScarglePowerSpectrum ls = request.power(curve);
        org.manta.cli.output.Product embedded = org.manta.cli.output.Products.lombScarglePowerSpectrum(ls,
                request.oversampling(), provenance);
        SubmitCommand.Remote lomb = (SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                "--server-path", "lomb", lombOptions[0], lombOptions[1], lombOptions[2], lombOptions[3], lombOptions[4])
                .subcommand().commandSpec().userObject();
        org.manta.proto.v1.Product.Builder meshed = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.LOMB)
                .setJobId("j").setNorm(Norm.LEAHY).setM(1).setLomb(lomb.jobSpec().getLomb().toBuilder()
                        .setOversampling(request.oversampling())).addAllFreq(list(ls.freq()))
                .setPower(ComplexArray.newBuilder().addAllRe(list(ls.power())))
                .setUnnormPower(ComplexArray.newBuilder().addAllRe(list(ls.unnormPower()))).setN(ls.n()).setDf(ls.df())
                .setDt(ls.dt()).setNphots(ls.nphots()).setNphots1(ls.nphots());
        com.fasterxml.jackson.databind.JsonNode lombJson = json(lomb.toCli(meshed.build(), "manta submit lomb",
                List.of()), dir);
        assertEquals("gauss", lombJson.get("err_dist").asText());
        assertEquals(json(embedded, dir), lombJson, "fields and values of manta lomb --err-dist gauss");
        meshed.setLomb(meshed.getLomb().toBuilder().clearErrDist());
        assertEquals("poisson", json(lomb.toCli(meshed.build(), "manta submit lomb", List.of()), dir).get("err_dist")
                .asText(), "a product of older services");

        String[] taperOptions = {lc.toString(), "--err-dist", "gauss", "--nw", "3"};
        org.manta.cli.command.TaperOptions taper = mixin(new CommandLine(new org.manta.cli.command.MultitaperCommand())
                .parseArgs(concat(taperOptions, "--dt", ownDt)), org.manta.cli.command.TaperOptions.class);
        org.manta.core.multitaper.MultitaperSpectrum mt = org.manta.core.multitaper.MultitaperSpectrum.of(
                org.manta.core.lightcurve.EventLightCurves.contiguous(lc, curve), taper.options(), taper.norm(),
                taper.errDist().errDist());
        org.manta.cli.output.Product embeddedMt = org.manta.cli.output.Products.multitaperSpectrum(mt, taper.options(),
                provenance);
        SubmitCommand.Remote multitaper = (SubmitCommand.Remote) model(new SubmitCommand()).parseArgs("--server", "h:1",
                "--server-path", "multitaper", taperOptions[0], taperOptions[1], taperOptions[2], taperOptions[3],
                taperOptions[4]).subcommand().commandSpec().userObject();
        org.manta.proto.v1.Product meshedMt = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.MULTITAPER)
                .setJobId("j").setMultitaper(multitaper.jobSpec().getMultitaper()).addAllFreq(list(mt.freq()))
                .setPower(ComplexArray.newBuilder().addAllRe(list(mt.power())))
                .setPowerErr(ComplexArray.newBuilder().addAllRe(list(mt.powerErr())))
                .setUnnormPower(ComplexArray.newBuilder().addAllRe(list(mt.unnormPower())))
                .addAllMultitaperNormPower(list(mt.multitaperNormPower()))
                .addAllJkVarDegFreedom(list(mt.jkVarDegFreedom())).addAllEigvals(list(mt.eigvals())).setM(1)
                .setN(mt.n()).setDf(mt.df()).setDt(mt.dt()).setNphots(mt.nphots()).setNphots1(mt.nphots())
                .setNorm(Norm.LEAHY).build();
        com.fasterxml.jackson.databind.JsonNode mtJson = json(multitaper.toCli(meshedMt, "manta submit multitaper",
                List.of()), dir);
        assertEquals("gauss", mtJson.get("err_dist").asText());
        assertEquals(com.fasterxml.jackson.databind.node.BooleanNode.FALSE, mtJson.get("adaptive"), "a JSON boolean");
        assertEquals(com.fasterxml.jackson.databind.node.BooleanNode.TRUE, mtJson.get("jackknife"), "a JSON boolean");
        assertEquals(json(embeddedMt, dir), mtJson, "fields and values of manta multitaper --err-dist gauss");
    }

    /**
     * {@code manta submit bispectrum} sends its options as {@code JobSpec.bispectrum} and writes {@code manta
     * bispectrum}'s product: the mesh's BISPECTRUM product of the embedded bispectrum (mesh-common's
     * {@code ProductMapper.bispectrum}: row-major matrices) equals the embedded command's product of it, field by field.
     */
    @Test
    void submitBispectrumBecomesItsJobSpecAndWritesTheProductOfMantaBispectrum(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        String[] options = {file.toString(), "--dt", "8", "--maxlag", "12", "--window", "hanning", "--scale", "unbiased"};
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server", "h:1", "bispectrum"));
        args.addAll(java.util.List.of(options));
        SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand())
                .parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().userObject();
        JobSpec b = submit.jobSpec();
        assertEquals(ProductKind.BISPECTRUM, b.getKind());
        assertTrue(!b.hasSegmentSize(), "the bispectrum of the whole series");
        assertEquals(12, b.getBispectrum().getMaxlag());
        assertEquals("hanning", b.getBispectrum().getWindow());
        assertTrue(b.getBispectrum().getUnbiased());

        org.manta.core.bispectrum.BispectrumRequest request = mixin(new CommandLine(
                new org.manta.cli.command.BispectrumCommand()).parseArgs(options),
                org.manta.cli.command.BispectrumOptions.class).request();
        org.manta.core.lightcurve.LightCurve lc = org.manta.core.lightcurve.EventLightCurves.contiguous(file,
                org.manta.core.lightcurve.EventLightCurves.read(file, java.util.Optional.empty(), 8));
        org.manta.core.bispectrum.Bispectrum s = request.of(lc.counts(), lc.dt());
        org.manta.cli.output.Product embedded = org.manta.cli.output.Products.bispectrum(s,
                org.manta.cli.output.Provenance.of("manta bispectrum", java.util.List.of()));
        org.manta.proto.v1.Product.Builder meshed = org.manta.proto.v1.Product.newBuilder()
                .setKind(ProductKind.BISPECTRUM).setJobId("j").setBispectrum(b.getBispectrum().toBuilder()
                        .setMaxlag(s.maxlag())).addAllFreq(list(s.freq())).addAllLags(list(s.lags())).setN(s.n())
                .setDt(s.dt());
        ComplexArray.Builder bispec = ComplexArray.newBuilder();
        for (int i = 0; i < s.cum3().length; i++) {
            meshed.addAllCum3(list(s.cum3()[i]));
            bispec.addAllRe(list(s.bispecRe()[i])).addAllIm(list(s.bispecIm()[i]));
        }
        org.manta.cli.output.Product mesh = submit.toCli(meshed.setBispec(bispec).build(), "manta submit bispectrum",
                java.util.List.of());
        assertEquals(25, embedded.array("lags").length, "2 maxlag + 1 lags");
        assertEquals(json(embedded, dir), json(mesh, dir), "fields and values");
    }

    /**
     * {@code manta submit bicoherence} sends its options as {@code JobSpec.bicoherence} and writes {@code manta
     * bicoherence}'s product: the mesh's BICOHERENCE product of the embedded bicoherence (mesh-common's
     * {@code ProductMapper.bicoherence}: a row-major matrix) equals the embedded command's product of it.
     */
    @Test
    void submitBicoherenceBecomesItsJobSpecAndWritesTheProductOfMantaBicoherence(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = copy(dir, "monol_testA.evt");
        String[] options = {file.toString(), "--dt", "1", "--segment", "16", "--window", "hanning"};
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server", "h:1", "bicoherence"));
        args.addAll(java.util.List.of(options));
        SubmitCommand.Remote submit = (SubmitCommand.Remote) model(new SubmitCommand())
                .parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().userObject();
        JobSpec b = submit.jobSpec();
        assertEquals(ProductKind.BICOHERENCE, b.getKind());
        assertTrue(!b.hasSegmentSize(), "the segments are the bicoherence's own");
        assertEquals(16.0, b.getBicoherence().getSegmentSize());
        assertEquals("hanning", b.getBicoherence().getWindow());

        org.manta.core.bispectrum.BicoherenceRequest request = mixin(new CommandLine(
                new org.manta.cli.command.BicoherenceCommand()).parseArgs(options),
                org.manta.cli.command.BicoherenceOptions.class).request(1);
        org.manta.core.lightcurve.LightCurve lc = org.manta.core.lightcurve.EventLightCurves.contiguous(file,
                org.manta.core.lightcurve.EventLightCurves.read(file, java.util.Optional.empty(), 1));
        org.manta.core.bispectrum.Bicoherence s = request.of(lc.counts(), lc.dt());
        org.manta.cli.output.Product embedded = org.manta.cli.output.Products.bicoherence(s,
                org.manta.cli.output.Provenance.of("manta bicoherence", java.util.List.of()));
        org.manta.proto.v1.Product.Builder meshed = org.manta.proto.v1.Product.newBuilder()
                .setKind(ProductKind.BICOHERENCE).setJobId("j").setBicoherenceOptions(b.getBicoherence())
                .addAllFreq(list(s.freq())).setM(s.segments()).setN(s.segmentBins()).setDt(s.dt())
                .setSegmentSize(s.segmentBins() * s.dt());
        for (double[] row : s.bicoherence()) {
            meshed.addAllBicoherence(list(row));
        }
        org.manta.cli.output.Product mesh = submit.toCli(meshed.build(), "manta submit bicoherence", java.util.List.of());
        assertEquals(9, embedded.array("freq").length, "n/2 + 1 frequencies of 16-bin segments");
        assertEquals(json(embedded, dir), json(mesh, dir), "fields and values");
    }

    private static Path copy(Path dir, String name) throws java.io.IOException {
        Path file = dir.resolve(name);
        try (java.io.InputStream in = SubmitCommandTest.class.getResourceAsStream("/data/" + name)) {
            java.nio.file.Files.copy(in, file);
        }
        return file;
    }

    private static <T> T mixin(CommandLine.ParseResult r, Class<T> type) {
        for (Object mixin : r.commandSpec().mixins().values().stream().map(m -> m.userObject()).toList()) {
            if (type.isInstance(mixin)) {
                return type.cast(mixin);
            }
        }
        throw new AssertionError("the command has the " + type.getSimpleName() + " options");
    }

    /** The mesh's FAD product of spectra, as reduce-service maps them (mesh-common ProductMapper.fad). */
    private static org.manta.proto.v1.Product meshFad(org.manta.core.deadtime.FadSpectrum s) {
        org.manta.proto.v1.Product.Builder b = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.FAD)
                .setJobId("j").addAllFreq(list(s.freq())).addAllPds1(list(s.pds1())).addAllPds2(list(s.pds2()))
                .setCs(complex(s.cs())).addAllPtot(list(s.ptot())).addAllPds1Unnorm(list(s.pds1Unnorm()))
                .addAllPds2Unnorm(list(s.pds2Unnorm())).setCsUnnorm(complex(s.csUnnorm()))
                .addAllPtotUnnorm(list(s.ptotUnnorm())).addAllPtotUncorrected(list(s.ptotUncorrected()))
                .setFad(complex(s.fad())).setFadDelta(s.fadDelta())
                .setFadOptions(org.manta.proto.v1.FadSpec.newBuilder().setSmoothing(s.smoothing().label())
                        .setSmoothingLength(s.smoothingLength()).setTolerance(s.tolerance()))
                .setM(s.segments()).setN(s.n()).setDf(s.df()).setDt(s.dt()).setSegmentSize(s.segmentSize())
                .setNphots(s.nphots()).setNphots1(s.nphots1()).setNphots2(s.nphots2())
                .setNorm(Norm.valueOf(s.norm().name()));
        s.gti().orElseThrow().intervals().forEach(g -> b.addGti(Gti.newBuilder().setStart(g.start()).setStop(g.stop())));
        return b.build();
    }

    /** The mesh's DYNPS product of a spectrum, as reduce-service maps it (mesh-common ProductMapper.dynps). */
    private static org.manta.proto.v1.Product meshDynps(org.manta.core.spectrum.DynamicalPowerSpectrum s,
                                                       org.manta.core.segment.SegmentSpec segment,
                                                       org.manta.core.gti.GtiList gti) {
        org.manta.proto.v1.Product.Builder b = org.manta.proto.v1.Product.newBuilder().setKind(ProductKind.DYNPS)
                .setJobId("j").addAllFreq(list(s.freq())).addAllTime(list(s.time())).addDynPsShape(s.freq().length)
                .addDynPsShape(s.time().length).setM(s.m()).setN(segment.nbin()).setDf(s.df()).setDt(segment.dt())
                .setSegmentSize(s.segmentSize()).setNphots(s.nphots()).setNphots1(s.nphots())
                .setMean(s.nphots() / segment.nbin()).setNorm(Norm.valueOf(s.norm().name()));
        for (double[] row : s.dynPs()) {
            b.addAllDynPs(list(row));
        }
        gti.intervals().forEach(g -> b.addGti(Gti.newBuilder().setStart(g.start()).setStop(g.stop())));
        return b.build();
    }

    private static String[] concat(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    private static java.util.List<Double> list(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static ComplexArray complex(org.manta.core.fourier.ComplexArray a) {
        return ComplexArray.newBuilder().addAllRe(list(a.re())).addAllIm(list(a.im())).build();
    }

    @Test
    void progressLineShowsABarRateAndEta() {
        String line = ProgressLine.of(JobProgress.newBuilder().setState(JobState.RUNNING).setSegmentsDone(5)
                .setSegmentsExpected(10).setRate(4).setEtaSeconds(2).build());
        assertTrue(line.contains("[###############               ]"), line);
        assertTrue(line.endsWith(" 50% 5/10 segments, 4 seg/s, ETA 2 s RUNNING"), line);
    }

    /**
     * A running product the mesh omits (too large for a Watch message) is said once, not silently left unwritten; the
     * job's message is no omission (found: "--running-output is not updated: receiving an upload", and "reading a.evt"
     * after segments were merged, without --running-output).
     */
    @Test
    void anOmittedRunningProductIsSaidOnce() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        ProgressLine progress = new ProgressLine(err, ProgressBar.Mode.OFF, () -> 0L);
        java.util.List<JobProgress> written = new java.util.ArrayList<>();
        java.util.function.Consumer<JobProgress> follow = SubmitCommand.follower(progress, err, written::add, w -> { });
        follow.accept(progress(JobState.RUNNING, 0).toBuilder().setMessage("receiving an upload").build());
        follow.accept(progress(JobState.RUNNING, 5).toBuilder().setMessage("reading a.evt, b.evt").build());
        for (int done = 1; done <= 3; done++) {
            follow.accept(progress(JobState.RUNNING, done).toBuilder().setMessage("reading a.evt, b.evt")
                    .setRunningProductOmitted("the running product of " + done + " segments (5000000 bytes) is larger "
                            + "than the 3145728 bytes a Watch message carries").build());
        }
        follow.accept(progress(JobState.SUCCEEDED, 4));
        assertEquals(java.util.List.of("manta: --running-output is not updated: the running product of 1 segments "
                + "(5000000 bytes) is larger than the 3145728 bytes a Watch message carries (said once; the final product "
                + "is written when the job ends)"), bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList());
        assertTrue(written.isEmpty());
    }

    /**
     * In a log or a pipe the job's progress is a line per state and at most one per 30 s besides, and the last one; on a
     * terminal one line redrawn in place, blanked to make room for a warning; nothing with --quiet.
     */
    @Test
    void progressIsPlainLinesInALogAndOneRedrawnLineOnATerminal() {
        long[] now = {0};
        java.util.function.Function<ProgressBar.Mode, String> run = mode -> {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
            ProgressLine progress = new ProgressLine(err, mode, () -> now[0]);
            now[0] = 0;
            progress.show(progress(JobState.QUEUED, 0));
            for (int done = 1; done <= 40; done++) {             // a progress record a second
                now[0] += 1_000_000_000L;
                progress.show(progress(JobState.RUNNING, done));
            }
            progress.makeRoom();
            err.println("manta: warning: something");
            progress.show(progress(JobState.RUNNING, 41));
            progress.close();
            return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        };
        java.util.List<String> plain = run.apply(ProgressBar.Mode.PLAIN).lines().toList();
        assertEquals(java.util.List.of("manta submit: planning…", "manta submit: 1 segments RUNNING",
                "manta submit: 31 segments RUNNING", "manta: warning: something", "manta submit: 41 segments RUNNING"),
                plain, "the states, one line per 30 s, the warning, the last progress");
        String terminal = run.apply(ProgressBar.Mode.TERMINAL);
        assertEquals(1, terminal.lines().filter(l -> l.startsWith("manta: warning: ") || l.contains("\rmanta: warning: "))
                .count(), terminal);
        assertTrue(terminal.contains("\r" + " ".repeat("manta submit: 40 segments RUNNING".length()) + "\rmanta: warning: "
                + "something\n"), "the progress line is blanked before the warning");
        assertTrue(terminal.endsWith("\rmanta submit: 41 segments RUNNING\n"), terminal);
        assertEquals("", run.apply(ProgressBar.Mode.OFF).replace("manta: warning: something\n", ""), "--quiet");
    }

    private static JobProgress progress(JobState state, long done) {
        return JobProgress.newBuilder().setJobId("j-1").setState(state).setSegmentsDone(done).build();
    }

    /**
     * Until the mesh has planned the job (its first Watch messages: no total, nothing merged) the progress says that
     * the job is being planned (its id is on the line "job ID accepted" above), not "0 segments RUNNING"; a job that fails before that adds nothing
     * to the caller's reason.
     */
    @Test
    void beforeThePlanTheProgressSaysTheJobIsBeingPlanned() {
        java.util.function.BiFunction<ProgressBar.Mode, List<JobProgress>, String> run = (mode, messages) -> {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
            ProgressLine progress = new ProgressLine(err, mode, () -> 0L);
            messages.forEach(progress::show);
            progress.close();
            return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        };
        List<JobProgress> job = List.of(progress(JobState.RUNNING, 0),
                progress(JobState.RUNNING, 0).toBuilder().setSegmentsExpected(16).build(),
                progress(JobState.SUCCEEDED, 16).toBuilder().setSegmentsExpected(16).setRate(98).build());
        assertEquals(List.of("manta submit: planning…",
                "manta submit: [##############################] 100% 16/16 segments, 98 seg/s SUCCEEDED"),
                run.apply(ProgressBar.Mode.PLAIN, job).lines().toList());
        String terminal = run.apply(ProgressBar.Mode.TERMINAL, job);
        assertTrue(terminal.startsWith("\rmanta submit: planning…\r"), terminal);
        assertFalse(terminal.contains("0 segments RUNNING"), terminal);
        assertTrue(terminal.endsWith("16/16 segments, 98 seg/s SUCCEEDED\n"), terminal);

        List<JobProgress> refused = List.of(progress(JobState.QUEUED, 0), progress(JobState.RUNNING, 0),
                progress(JobState.FAILED, 0));
        assertEquals(List.of("manta submit: planning…"),
                run.apply(ProgressBar.Mode.PLAIN, refused).lines().toList(),
                "once while queued and running (found: twice), and the failure is the caller's line, not a '0 segments "
                        + "FAILED'");
    }

    /** The mesh's refusal of a JobSpec field, as its status's BadRequest field violation, in the command's words. */
    @Test
    void theMeshsRefusalOfAFieldNamesTheOptionOrFileAsTyped() {
        CommandLine.ParseResult cpds = model(new SubmitCommand()).parseArgs("--server-path", "cpds", "../etc/passwd",
                "nosuch.evt", "--dt", "1/128", "--segment", "1e6", "--energy1", "0:5", "--pi2", "3:9").subcommand();
        List<Path> typed = List.of(Path.of("../etc/passwd"), Path.of("nosuch.evt"));
        assertEquals("../etc/passwd: expected a path inside the mesh's data root (no '..')", MeshRefusal.inCommandWords(
                violation("inputs[0]", "expected a path inside the data root (no '..')"), cpds, typed, List.of()).orElseThrow());
        assertEquals("nosuch.evt: expected an existing file under the mesh's data root", MeshRefusal.inCommandWords(
                violation("inputs[1]", "expected an existing file under the data root"), cpds, typed, List.of()).orElseThrow());
        assertEquals("Invalid value for option '--segment': '1e6': expected at most 4194304 bins of dt = 0.0078125 s "
                + "(32768.0 s); asked for 128000000 bins", MeshRefusal.inCommandWords(violation("segment_size",
                "expected at most 4194304 bins of dt = 0.0078125 s (32768.0 s); asked for 128000000 bins"), cpds, typed, List.of())
                .orElseThrow(), "as picocli says a value it refuses locally, the value as typed");
        assertEquals("Invalid value for option '--dt': '1/128': expected a positive, finite bin time in seconds",
                MeshRefusal.inCommandWords(violation("dt", "expected a positive, finite bin time in seconds"), cpds,
                        typed, List.of()).orElseThrow());
        assertEquals("Invalid value for option '--energy1': '0:5': expected lo < hi", MeshRefusal.inCommandWords(
                violation("band1", "expected lo < hi"), cpds, typed, List.of()).orElseThrow());
        assertEquals("Invalid value for option '--pi2': '3:9': expected lo < hi", MeshRefusal.inCommandWords(
                violation("band2", "expected lo < hi"), cpds, typed, List.of()).orElseThrow());
        assertEquals("option '--norm' (not given): expected frac or abs", MeshRefusal.inCommandWords(
                violation("norm", "expected frac or abs"), cpds, typed, List.of()).orElseThrow());

        CommandLine.ParseResult pds = model(new SubmitCommand()).parseArgs("pds", "a.evt", "--dt", "1", "--segment",
                "8", "--energy", "3:10").subcommand();
        assertEquals("Invalid value for option '--energy': '3:10': expected lo < hi", MeshRefusal.inCommandWords(
                violation("band1", "expected lo < hi"), pds, List.of(), List.of()).orElseThrow(), "pds's band is --energy");
        assertTrue(MeshRefusal.inCommandWords(violation("inputs[0]", "expected …"), pds, List.of(), List.of()).isEmpty(),
                "an upload names no server path: the mesh's description is said");
        assertTrue(MeshRefusal.inCommandWords(violation("observation_inputs", "expected …"), pds, List.of(), List.of())
                .isEmpty(), "no option sets it");

        CommandLine.ParseResult upload = model(new SubmitCommand()).parseArgs("cpds", "A.evt", "B.evt", "--dt", "1",
                "--segment", "16", "--energy1", "3:10", "--energy2", "0.5:2").subcommand();
        assertEquals("Invalid value for option '--energy1': '3:10': expected a selection on a column A.evt has",
                MeshRefusal.inCommandWords(violation("band1", "expected a selection on a column upload 0 has"), upload,
                        List.of(), List.of(Path.of("A.evt"), Path.of("B.evt"))).orElseThrow(),
                "the file as typed (found: the proto's 'upload 0')");
    }

    /** Every option the table names is one of a {@code manta submit} subcommand (a renamed option would be missed). */
    @Test
    void theRefusalTableNamesOptionsTheSubcommandsHave() {
        CommandLine submit = model(new SubmitCommand());
        java.util.Set<String> options = new java.util.HashSet<>();
        submit.getSubcommands().values().forEach(c -> c.getCommandSpec().options()
                .forEach(o -> options.addAll(List.of(o.names()))));
        MeshRefusal.OPTIONS.forEach((field, names) -> names.forEach(n -> assertTrue(options.contains(n),
                field + " → " + n + " is no option of manta submit's subcommands")));
        CommandLine.ParseResult lomb = submit.parseArgs("--server-path", "lomb", "lc.fits", "--min-freq", "-1")
                .subcommand();
        assertEquals("Invalid value for option '--min-freq': '-1': expected a positive frequency",
                MeshRefusal.inCommandWords(violation("lomb.min_freq", "expected a positive frequency"), lomb,
                        List.of(Path.of("lc.fits")), List.of()).orElseThrow());
    }

    private static com.google.rpc.BadRequest.FieldViolation violation(String field, String description) {
        return com.google.rpc.BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build();
    }

    @Test
    void upRefusesClearlyWhenTheServicesAreNotBuilt() {
        System.setProperty("manta.home", Path.of("target", "no-services-here").toAbsolutePath().toString());
        try {
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new UpCommand()).setErr(new PrintWriter(err));
            cl.setExecutionExceptionHandler((e, c, p) -> {
                err.write(e.getMessage());
                return 1;
            });
            assertEquals(1, cl.execute("--port", "0"));
            assertTrue(err.toString().contains("quarkus-run.jar is missing: build the services first"), err.toString());
        } finally {
            System.clearProperty("manta.home");
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();      // closed again: nothing listens there
        }
    }

    @Test
    void deleteIsASubcommandOfSubmitWithItsConnection() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String server = "127.0.0.1:" + closedPort();
        int code = org.manta.cli.Main.run(new String[] {"submit", "--server", server, "--token", "t", "delete", "job-1"},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), new java.io.PrintStream(err, true),
                java.util.Map.of());
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, code, said);
        assertTrue(said.startsWith("manta: cannot reach the mesh at " + server), "the submit options reach delete: " + said);
        assertTrue(said.contains("ProductService.Delete") || said.contains("UNAVAILABLE"), said);
    }

    /** {@code manta submit ARGS} against {@code server}: the exit code, then standard output, then standard error. */
    private static String[] submit(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.manta.cli.Main.run(prepend(args, "submit"), new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true), java.util.Map.of());
        return new String[] {String.valueOf(code), out.toString(java.nio.charset.StandardCharsets.UTF_8),
            err.toString(java.nio.charset.StandardCharsets.UTF_8)};
    }

    /**
     * status, get and cancel act on a job by its id with the connection of submit (found: only the submit that started
     * a job could follow or fetch it); get's output options are checked before connecting, and it has no analysis
     * option.
     */
    @Test
    void statusGetAndCancelTakeAJobIdAndTheConnectionOfSubmit(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String server = "127.0.0.1:" + closedPort();
        for (String command : new String[] {"status", "get", "cancel"}) {
            String[] r = submit("--server", server, "--token", "t", command, "job-1");
            assertEquals("1", r[0], command + ": " + r[2]);
            assertTrue(r[2].startsWith("manta: cannot reach the mesh at " + server), command + ": " + r[2]);
            r = submit("--server", server, command);
            assertEquals("2", r[0], command + ": " + r[2]);
            assertTrue(r[2].contains("Missing required parameter: 'JOB'"), command + ": " + r[2]);
        }
        Path existing = Files.writeString(dir.resolve("p.json"), "earlier");
        String[] r = submit("--server", server, "get", "job-1", "-o", existing.toString());
        assertEquals("2", r[0], r[2]);
        assertEquals("manta: output = " + existing + ": expected a new file (it exists; give --overwrite to replace it)",
                r[2].strip(), "checked before connecting (nothing listens)");
        r = submit("--server", server, "get", "job-1", "-o", "-", "--format", "fits");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("output = -: expected a file name for FITS output"), r[2]);
        r = submit("--server", server, "get", "job-1", "--dt", "1");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("Unknown options: '--dt'"), "get has the output options only: " + r[2]);
        r = submit("--help");
        for (String command : new String[] {"status", "get", "cancel", "delete"}) {
            assertTrue(r[1].contains("\n  " + command + " "), "manta submit --help lists " + command + ":\n" + r[1]);
        }
        assertEquals("earlier", Files.readString(existing));
    }

    /** A product's provenance leaves the bearer token out of the command line (found: written into the product). */
    @Test
    void theProvenanceLeavesTheTokenOut() {
        SubmitCommand submit = new SubmitCommand();
        model(submit).parseArgs("--server", "h:1", "--token", "s3cret-Tok_en", "get", "j-1");
        assertEquals("manta submit --server h:1 --token (token) get j-1", submit.provenanceLine(
                () -> "manta submit --server h:1 --token s3cret-Tok_en get j-1"));
        assertEquals("manta submit --token=(token) get j-1", submit.provenanceLine(
                () -> "manta submit --token=s3cret-Tok_en get j-1"));
        model(submit).parseArgs("--token", "t", "get", "t-1");
        assertEquals("manta submit --token (token) get t-1", submit.provenanceLine(
                () -> "manta submit --token t get t-1"), "only the option's value (a 't' elsewhere stays)");
        model(submit).parseArgs("--token", "a b", "get", "j-1");
        assertEquals("manta submit --token (token) get j-1", submit.provenanceLine(
                () -> org.manta.cli.output.Provenance.commandLine("manta submit", List.of("--token", "a b", "get", "j-1"))),
                "quoted as the command line quotes it");
    }

    /** What status prints of the mesh's JobStatus, and what cancel says of the state the mesh answers. */
    @Test
    void statusAndCancelSayTheJobsState() {
        org.manta.proto.v1.JobStatus running = org.manta.proto.v1.JobStatus.newBuilder().setJobId("j-1")
                .setState(JobState.RUNNING).setSpec(org.manta.proto.v1.JobSpec.newBuilder().setKind(ProductKind.CPDS))
                .setSegmentsDone(12).setSegmentsExpected(40).build();
        assertEquals("job j-1: cpds RUNNING, 12/40 segments", SubmitCommand.StatusCommand.statusLine(running));
        assertEquals("job j-1: cpds FAILED, 0 segments: band1 = 1:5 keV: expected a selection on a column upload 0 has",
                SubmitCommand.StatusCommand.statusLine(running.toBuilder().setState(JobState.FAILED).setSegmentsDone(0)
                        .clearSegmentsExpected().setMessage("band1 = 1:5 keV: expected a selection on a column upload 0 "
                                + "has").build()), "no expected count before the plan");
        assertEquals("job j-1 cancelled", SubmitCommand.Cancel.cancelled(running.toBuilder()
                .setState(JobState.CANCELLED).build()));
        assertEquals("nothing to cancel: job j-1 already SUCCEEDED: its product is kept on the mesh (fetch it with "
                + "'manta submit get j-1 -o FILE', delete it with 'manta submit delete j-1')", SubmitCommand.Cancel
                .cancelled(running.toBuilder().setState(JobState.SUCCEEDED).build()));
        assertEquals("nothing to cancel: job j-1 already FAILED", SubmitCommand.Cancel.cancelled(running.toBuilder()
                .setState(JobState.FAILED).build()));
        assertEquals("job j-1: cancel sent (the mesh still says RUNNING; 'manta submit status j-1' says when it has "
                + "stopped)", SubmitCommand.Cancel.cancelled(running));
    }

    @Test
    void anUnreachableMeshExitsOneAndSaysWhere() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String server = "127.0.0.1:" + closedPort();
        int code = org.manta.cli.Main.run(new String[] {"submit", "--server", server, "--server-path", "pds", "x.evt",
            "--dt", "1", "--segment", "8"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                new java.io.PrintStream(err, true), java.util.Map.of());
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, code, said);
        assertEquals("manta: cannot reach the mesh at " + server + " (is 'manta up' running? --server HOST:PORT?): "
                + "Connection refused (UNAVAILABLE)", said.strip(), "the transport's reason, in one line");
    }
}
