package org.manta.cli.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import picocli.CommandLine;

class SubmitCommandTest {
    @Test
    void withoutFlagsTheMeshOfMantaUpIsUsedAndFlagsOverrideIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path config = dir.resolve("config");
        String before = System.getProperty("manta.config");
        System.setProperty("manta.config", config.toString());
        try {
            new MeshConfig("127.0.0.1:9123", java.util.Optional.of(dir.resolve("ca.crt")), java.util.Optional.of("t0k"))
                    .write(config);
            assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), permissions(config), "it holds a token");
            SubmitCommand plain = new SubmitCommand();
            new CommandLine(plain).parseArgs("pds", "a.evt", "--dt", "0.5", "--segment", "8");
            assertEquals(new SubmitCommand.Connection("127.0.0.1:9123", dir.resolve("ca.crt").toAbsolutePath(), "t0k"),
                    plain.connection());
            SubmitCommand flags = new SubmitCommand();
            new CommandLine(flags).parseArgs("--token", "mine", "--ca", "other.crt", "pds", "a.evt", "--dt", "0.5",
                    "--segment", "8");
            assertEquals(new SubmitCommand.Connection("127.0.0.1:9123", Path.of("other.crt"), "mine"), flags.connection());
            SubmitCommand elsewhere = new SubmitCommand();
            new CommandLine(elsewhere).parseArgs("--server", "mesh.example.org:443", "pds", "a.evt", "--dt", "0.5",
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
        CommandLine cl = new CommandLine(submit);
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
    }

    @Test
    void aRunningOutputAsksForRunningProducts() {
        CommandLine.ParseResult r = new CommandLine(new SubmitCommand()).parseArgs("--server", "h:1", "--running-output",
                "running.json", "pds", "a.evt", "--dt", "0.5", "--segment", "8");
        assertTrue(((SubmitCommand.Remote) r.subcommand().commandSpec().userObject()).jobSpec().getWantRunningProduct());
    }

    @Test
    void uploadedJobsCarryNoPathsAndBadValuesAreUsageErrors() {
        CommandLine cl = new CommandLine(new SubmitCommand());
        CommandLine.ParseResult r = cl.parseArgs("--server", "h:1", "pds", "a.evt", "--dt", "0.5", "--segment", "8");
        JobSpec spec = ((SubmitCommand.Remote) r.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(0, spec.getInputsCount(), "the file is streamed, not named");
        StringWriter err = new StringWriter();
        CommandLine bad = new CommandLine(new SubmitCommand()).setErr(new PrintWriter(err));
        assertEquals(2, bad.execute("--server", "h:1", "pds", "a.evt", "--dt", "-1", "--segment", "8"));
        assertTrue(err.toString().contains("--dt"), err.toString());
    }

    @Test
    void anUploadSaysHowManyEventListsFollow() {
        CommandLine.ParseResult cpds = new CommandLine(new SubmitCommand()).parseArgs("--server", "h:1", "cpds", "A.evt",
                "B.evt", "--energy1", "6:12", "--energy2", "0.5:2", "--dt", "0.5", "--segment", "8");
        JobSpec two = ((SubmitCommand.Remote) cpds.subcommand().commandSpec().userObject()).jobSpec();
        assertEquals(2, two.getUploadInputs(), "a CPDS of two files with a band each: two lists");
        assertEquals(6.0, two.getBand1().getLo());
        assertEquals(0.5, two.getBand2().getLo());
        CommandLine.ParseResult bands = new CommandLine(new SubmitCommand()).parseArgs("--server", "h:1", "cpds", "A.evt",
                "--energy1", "6:12", "--energy2", "0.5:2", "--dt", "0.5", "--segment", "8");
        assertEquals(1, ((SubmitCommand.Remote) bands.subcommand().commandSpec().userObject()).jobSpec().getUploadInputs());
        CommandLine.ParseResult pds = new CommandLine(new SubmitCommand()).parseArgs("--server", "h:1", "pds", "A.evt",
                "--dt", "0.5", "--segment", "8");
        assertEquals(1, ((SubmitCommand.Remote) pds.subcommand().commandSpec().userObject()).jobSpec().getUploadInputs());
        CommandLine.ParseResult server = new CommandLine(new SubmitCommand()).parseArgs("--server", "h:1", "--server-path",
                "cpds", "A.evt", "B.evt", "--dt", "0.5", "--segment", "8");
        assertEquals(0, ((SubmitCommand.Remote) server.subcommand().commandSpec().userObject()).jobSpec().getUploadInputs(),
                "files named, not uploaded");
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
                .setNphots(32).build();
        org.manta.cli.output.Product d = MeshProducts.toCli(dyn, "", java.util.List.of());
        assertEquals(6.0, d.matrix("dyn_ps").rows()[1][2], "[freq_index][time_index]");
        assertEquals(16.0, d.number("dt"), "the step between columns, as DynamicalPowerSpectrum.dt");
        assertEquals(2.0, d.number("meanrate"), "32 photons in 64 bins of 0.25 s");
    }

    @Test
    void progressLineShowsABarRateAndEta() {
        String line = ProgressLine.of(JobProgress.newBuilder().setState(JobState.RUNNING).setSegmentsDone(5)
                .setSegmentsExpected(10).setRate(4).setEtaSeconds(2).build());
        assertTrue(line.contains("[###############               ]"), line);
        assertTrue(line.endsWith(" 50% 5/10 segments, 4 seg/s, ETA 2 s RUNNING"), line);
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

    @Test
    void anUnreachableMeshExitsOneAndSaysWhere() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();      // closed again: nothing listens there
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String server = "127.0.0.1:" + port;
        int code = org.manta.cli.Main.run(new String[] {"submit", "--server", server, "--server-path", "pds", "x.evt",
            "--dt", "1", "--segment", "8"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                new java.io.PrintStream(err, true), java.util.Map.of());
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, code, said);
        assertTrue(said.startsWith("manta: cannot reach the mesh at " + server + " (is 'manta up' running? is its "
                + "certificate's CA given, --ca?): "), said);
        assertTrue(said.trim().endsWith("(UNAVAILABLE)"), said);
    }
}
