package org.manta.mesh.common.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.io.OgipLightCurves;
import org.manta.core.io.Refs;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.spectrum.Normalization;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.MultitaperSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ProductKind;

class JobSpecsTest {
    private static JobSpec.Builder pds() {
        return JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("nustar/monol_testA.evt")
                .setDt(1.0 / 128).setSegmentSize(64);
    }

    @Test
    void aValidSpecBecomesAPlanWithTheCoreSegmentLayout() {
        JobRequest plan = JobSpecs.request(pds().setNorm(Norm.FRAC).build(), false);
        assertEquals(SpectrumKind.PDS, plan.kind());
        assertEquals(1.0 / 128, plan.dt());
        assertEquals(64, plan.segmentSize());
        assertEquals(Normalization.FRAC, plan.norm());
        assertTrue(plan.useCommonMean(), "unset use_common_mean means true (Stingray's default)");
        assertEquals(1, plan.inputs());
        assertEquals(Normalization.LEAHY, JobSpecs.request(pds().build(), false).norm(), "unset norm means LEAHY");
    }

    @Test
    void cpdsOfOneFileNeedsTwoBandsAndMapsChannelsToInputs() {
        JobSpec.Builder cpds = pds().setKind(ProductKind.CPDS);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> JobSpecs.request(cpds.build(), false));
        assertEquals("band1/band2", e.parameter());
        JobRequest oneFile = JobSpecs.request(cpds.setBand1(Band.newBuilder().setLo(0).setHi(10))
                .setBand2(Band.newBuilder().setLo(10).setHi(100)).build(), false);
        assertEquals(Optional.of(EnergyBand.energy(10, 100)), oneFile.band2());
        assertEquals(0, oneFile.inputOf(1));
        JobRequest twoFiles = JobSpecs.request(pds().setKind(ProductKind.CPDS).addInputs("b.evt").build(), false);
        assertEquals(2, twoFiles.inputs());
        assertEquals(1, twoFiles.inputOf(1));
    }

    /**
     * A PDS without a segment size is one periodogram of the whole span ({@code manta pds} without {@code --segment}):
     * a whole-series job whose plan's segments of 2 dt only count its progress, with the spec's time filter.
     */
    @Test
    void aPdsWithoutASegmentIsOnePeriodogramOfTheWholeSpan() {
        JobSpec spec = pds().clearSegmentSize().setTimeFilter(org.manta.proto.v1.TimeFilterSpec.newBuilder()
                .setTstart(100)).build();
        assertTrue(JobSpecs.periodogram(spec) && JobSpecs.wholeSeries(spec));
        JobRequest request = JobSpecs.request(spec, false);
        assertEquals(2 * spec.getDt(), request.segmentSize(), 0.0);
        assertEquals(java.util.OptionalDouble.of(100), request.timeFilter().tstart());
        assertFalse(JobSpecs.wholeSeries(pds().build()), "with a segment: averaged");
        assertFalse(JobSpecs.periodogram(pds().setKind(ProductKind.DYNPS).clearSegmentSize().build()));
    }

    /** An LC job ({@code manta submit lc}) is a whole-series job of one event list, with the spec's time filter. */
    @Test
    void aLightCurveIsOneUnitOfTheWholeList() {
        JobSpec spec = pds().clearSegmentSize().setKind(ProductKind.LC).setTimeFilter(org.manta.proto.v1.TimeFilterSpec
                .newBuilder().setTstop(500)).build();
        assertTrue(JobSpecs.wholeSeries(spec));
        JobRequest request = JobSpecs.request(spec, false);
        assertEquals(2 * spec.getDt(), request.segmentSize(), 0.0);
        assertEquals(java.util.OptionalDouble.of(500), request.timeFilter().tstop());
        assertMessage(pds().setKind(ProductKind.LC), "segment_size", "unset for LC");
        assertFalse(JobSpecs.takesLightCurves(ProductKind.LC), "a light curve is made of events");
        assertFalse(JobSpecs.takesLightCurves(ProductKind.PDS));
        assertTrue(JobSpecs.takesLightCurves(ProductKind.LOMB) && JobSpecs.takesLightCurves(ProductKind.BICOHERENCE));
    }

    @Test
    void impossibleParametersNameTheFieldTheValueAndWhatWasExpected() {
        assertMessage(pds().setDt(-1), "dt", "dt = -1.0: expected a positive");
        assertMessage(pds().setKind(ProductKind.CPDS).addInputs("b.evt").clearSegmentSize(), "segment_size",
                "segment_size = unset: expected a segment length in seconds (only PDS takes none");
        assertMessage(pds().setKind(ProductKind.DYNPS).clearSegmentSize(), "segment_size", "segment_size = unset");
        assertMessage(pds().setSegmentSize(0.01), "segment_size", "at least 2 bins");
        assertMessage(pds().setDt(1e-6).setSegmentSize(100), "segment_size", "at most 4194304 bins");
        assertMessage(pds().setKind(ProductKind.PRODUCT_KIND_UNSPECIFIED), "kind", "kind = PRODUCT_KIND_UNSPECIFIED: "
                + "expected PDS, CPDS, DYNPS, LC, VARENERGY, FAD, LOMB, MULTITAPER, BISPECTRUM or BICOHERENCE");
        assertMessage(pds().setUseCommonMean(false).setKind(ProductKind.DYNPS), "use_common_mean", "PDS only");
        assertMessage(pds().setBand1(Band.newBuilder().setLo(5).setHi(1)), "band1", "lo < hi");
        assertMessage(pds().setBand2(Band.newBuilder().setLo(1).setHi(5)), "band2", "unset for PDS");
        assertMessage(pds().addInputs("second.evt"), "inputs", "exactly one event file for PDS");
        assertMessage(pds().setInputs(0, "/etc/passwd"), "inputs[0]", "not an absolute path");
        assertMessage(pds().setInputs(0, "data/../../secret.evt"), "inputs[0]", "no '..'");
        assertMessage(pds().setNormValue(42), "norm", "one of LEAHY, FRAC, ABS, NONE");
    }

    /**
     * A PDS, CPDS or DYNPS spec's time filter becomes the request's, as the command's {@code --gti --tstart --tstop
     * --min-gti} make it (user GTIs exact); unset, none; on another product, or impossible, it is refused naming it.
     */
    @Test
    void aTimeFilterBecomesTheRequestsAndIsRefusedWhereNoCommandTakesIt() {
        org.manta.proto.v1.TimeFilterSpec f = org.manta.proto.v1.TimeFilterSpec.newBuilder()
                .addUserGti(org.manta.proto.v1.Gti.newBuilder().setStart(100).setStop(900).setStartLo(1e-14))
                .setTstart(150).setMinGti(32).build();
        for (ProductKind kind : new ProductKind[] {ProductKind.PDS, ProductKind.CPDS, ProductKind.DYNPS}) {
            JobSpec.Builder spec = pds().setKind(kind).setTimeFilter(f);
            if (kind == ProductKind.CPDS) {
                spec.addInputs("nustar/monol_testB.evt");
            }
            org.manta.core.plan.TimeFilter filter = JobSpecs.request(spec.build(), false).timeFilter();
            assertEquals(org.manta.core.gti.GtiList.of(new org.manta.core.gti.Gti(100, 900, 1e-14, 0)),
                    filter.userGti().orElseThrow(), kind + ": the user GTIs, exactly");
            assertEquals(150, filter.tstart().getAsDouble(), 0.0);
            assertTrue(filter.tstop().isEmpty(), "tstop unset: no limit");
            assertEquals(32, filter.minGti(), 0.0);
        }
        assertTrue(JobSpecs.request(pds().build(), false).timeFilter().isNone(), "unset: none");
        assertMessage(pds().setKind(ProductKind.LOMB).clearSegmentSize().setLomb(org.manta.proto.v1.LombSpec
                .getDefaultInstance()).setTimeFilter(f), "time_filter", "time_filter = set: expected unset for LOMB");
        assertMessage(pds().setTimeFilter(f.toBuilder().setTstop(120)), "time_filter.tstop",
                "time_filter.tstop = 120: expected a time after tstart = 150");
        assertMessage(pds().setTimeFilter(f.toBuilder().setMinGti(-1)), "time_filter.min_gti",
                "time_filter.min_gti = -1.0: expected a finite GTI length");
    }

    @Test
    void uploadsCarryNoInputs() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> JobSpecs.request(pds().build(), true));
        assertEquals("inputs", e.parameter());
        assertEquals(1, JobSpecs.request(pds().clearInputs().build(), true).inputs());
        assertEquals(2, JobSpecs.request(pds().clearInputs().setKind(ProductKind.CPDS).build(), true).inputs());
        assertFalse(JobSpecs.request(pds().clearInputs().setUseCommonMean(false).build(), true).useCommonMean());
    }

    @Test
    void anUploadSaysHowManyListsItSends() {
        JobSpec.Builder cpds = pds().clearInputs().setKind(ProductKind.CPDS).setBand1(Band.newBuilder().setLo(6).setHi(12))
                .setBand2(Band.newBuilder().setLo(0.5).setHi(2));
        assertEquals(1, JobSpecs.request(cpds.build(), true).inputs(), "an older client: both bands, one list");
        JobRequest two = JobSpecs.request(cpds.setUploadInputs(2).build(), true);
        assertEquals(2, two.inputs(), "two lists with one band each (the issue's refused `manta submit cpds A B`)");
        assertEquals(1, two.inputOf(1));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> JobSpecs.request(pds().clearInputs().setUploadInputs(2).build(), true));
        assertEquals("upload_inputs", e.parameter());
    }

    @Test
    void aVarEnergySpecBecomesTheCoreRequestAndItsSegmentPlan() {
        org.manta.proto.v1.VarEnergySpec lag = org.manta.proto.v1.VarEnergySpec.newBuilder().setKind("lag")
                .addBandEdges(3).addBandEdges(6).addBandEdges(12).setFreqLo(0.1).setFreqHi(3).build();
        JobSpec.Builder one = pds().setKind(ProductKind.VARENERGY).setVarenergy(lag);
        org.manta.core.varenergy.VarEnergyRequest r = JobSpecs.varEnergy(one.build(), false);
        assertEquals(org.manta.core.varenergy.VarEnergyKind.LAG, r.kind());
        assertEquals(2, r.bands().count());
        assertEquals(org.manta.core.varenergy.VarEnergyRequest.fullBand(false), r.reference(), "Stingray's default");
        assertEquals(org.manta.core.spectrum.Normalization.FRAC, r.norm(), "unset: frac");
        assertEquals(org.manta.core.plan.SpectrumKind.PDS, JobSpecs.request(one.build(), false).kind(), "one list");
        JobSpec.Builder two = one.clone().addInputs("nustar/monol_testB.evt");
        assertEquals(org.manta.core.plan.SpectrumKind.CPDS, JobSpecs.request(two.build(), false).kind(),
                "the second list gives the reference: the plan of a cross spectrum");
        assertMessage(pds().setKind(ProductKind.VARENERGY), "varenergy", "unset");
        org.manta.core.varenergy.VarEnergyRequest excvar = JobSpecs.varEnergy(one.clone()
                .setVarenergy(lag.toBuilder().setKind("excvar")).build(), false);
        assertEquals(org.manta.core.varenergy.VarEnergyKind.EXCESS_VARIANCE, excvar.kind(), "the excess variance too");
        assertMessage(two.clone().setVarenergy(lag.toBuilder().setKind("excvar")), "inputs", "one for the excess variance");
        assertMessage(one.clone().setVarenergy(lag.toBuilder().setKind("fvar")), "varenergy.kind", "excvar");
        assertMessage(one.clone().setVarenergy(lag.toBuilder().clearBandEdges().addBandEdges(3)), "varenergy.band_edges",
                "two increasing edges");
        assertMessage(two.clone().addInputs("c.evt"), "inputs", "one or two event files for VARENERGY");
        assertMessage(one.clone().setBand1(org.manta.proto.v1.Band.newBuilder().setLo(1).setHi(2)), "band1",
                "varenergy.band_edges");
    }

    @Test
    void aFadSpecIsPlannedAsACrossSpectrumOfTheTwoDetectorsWithTheSelectionOnBoth() {
        JobSpec.Builder fad = pds().setKind(ProductKind.FAD).addInputs("nustar/monol_testB.evt")
                .setBand1(Band.newBuilder().setLo(3).setHi(10));
        JobRequest r = JobSpecs.request(fad.build(), false);
        assertEquals(SpectrumKind.CPDS, r.kind());
        assertEquals(2, r.inputs());
        assertEquals(Optional.of(EnergyBand.energy(3, 10)), r.band1());
        assertEquals(r.band1(), r.band2(), "the selection applies to both detectors");
        assertEquals(org.manta.core.deadtime.FadAccumulator.DEFAULT_TOLERANCE,
                FadSpecs.tolerance(fad.build().getFad()), "unset: Stingray's tolerance");
        assertEquals(org.manta.core.deadtime.FadSmoothing.GAUSS, FadSpecs.smoothing(fad.build().getFad()));
        assertEquals(2, JobSpecs.request(pds().clearInputs().setKind(ProductKind.FAD).setUploadInputs(2).build(), true)
                .inputs());
        assertMessage(fad.clone().clearInputs().addInputs("a.evt"), "inputs", "two event files for FAD");
        assertMessage(fad.clone().setBand2(Band.newBuilder().setLo(1).setHi(2)), "band2", "unset for FAD");
        assertMessage(fad.clone().setFad(org.manta.proto.v1.FadSpec.newBuilder().setSmoothing("boxcar")),
                "fad.smoothing", "gauss");
        assertMessage(fad.clone().setFad(org.manta.proto.v1.FadSpec.newBuilder().setSmoothingLength(-1)),
                "fad.smoothing_length", "positive");
        assertMessage(fad.clone().setFad(org.manta.proto.v1.FadSpec.newBuilder().setTolerance(Double.NaN)),
                "fad.tolerance", "positive");
        assertMessage(pds().setFad(org.manta.proto.v1.FadSpec.getDefaultInstance()), "fad", "unset for PDS");
        InvalidParameterException three = assertThrows(InvalidParameterException.class, () -> JobSpecs.request(
                pds().clearInputs().setKind(ProductKind.FAD).setUploadInputs(3).build(), true));
        assertEquals("upload_inputs", three.parameter(), three.getMessage());
    }

    @Test
    void aLombSpecIsPlannedOnSegmentsOfTwoBinsWithoutASegmentLengthAndItsOptionsAreValidated() {
        JobSpec.Builder lomb = pds().clearSegmentSize().setKind(ProductKind.LOMB).setNorm(Norm.FRAC)
                .setLomb(org.manta.proto.v1.LombSpec.newBuilder().setMethod("slow").setOversampling(3).setMaxFreq(10));
        JobRequest one = JobSpecs.request(lomb.build(), false);
        assertEquals(SpectrumKind.PDS, one.kind());
        assertEquals(JobSpecs.WHOLE_SERIES_SEGMENT_BINS / 128.0, one.segmentSize(), 0.0, "segments of 2 dt");
        org.manta.core.lombscargle.LombScargleRequest r = WholeSeriesSpecs.lomb(lomb.build());
        assertEquals(org.manta.core.lombscargle.LombScargleMethod.SLOW, r.method());
        assertEquals(3, r.oversampling());
        assertEquals(10, r.grid().maxFreq().getAsDouble(), 0.0);
        assertTrue(r.grid().minFreq().isEmpty() && r.grid().df().isEmpty(), "unset: from the light curve");
        assertEquals(Normalization.FRAC, r.norm());
        assertEquals(5, WholeSeriesSpecs.lomb(lomb.clone().setLomb(org.manta.proto.v1.LombSpec.getDefaultInstance()).build())
                .oversampling(), "unset: the default oversampling");
        JobRequest two = JobSpecs.request(lomb.clone().addInputs("b.evt").setBand1(Band.newBuilder().setLo(3).setHi(10))
                .build(), false);
        assertEquals(SpectrumKind.CPDS, two.kind());
        assertEquals(two.band1(), two.band2(), "the selection applies to both lists");
        assertMessage(lomb.clone().setSegmentSize(16), "segment_size", "unset for LOMB");
        assertMessage(lomb.clone().clearLomb(), "lomb", "the options of the LOMB job");
        assertMessage(pds().setLomb(org.manta.proto.v1.LombSpec.getDefaultInstance()), "lomb", "unset for PDS");
        assertMessage(lomb.clone().setLomb(org.manta.proto.v1.LombSpec.newBuilder().setMethod("exact")), "lomb.method",
                "fast or slow");
        assertMessage(lomb.clone().setLomb(org.manta.proto.v1.LombSpec.newBuilder().setDf(-1)), "lomb.df", "positive");
        assertMessage(lomb.clone().setLomb(org.manta.proto.v1.LombSpec.newBuilder().setMinFreq(2).setMaxFreq(1)),
                "lomb.max_freq", "above min-freq");
        assertMessage(lomb.clone().addInputs("b.evt").addInputs("c.evt"), "inputs", "one or two event files for LOMB");
        assertMessage(lomb.clone().setBand2(Band.newBuilder().setLo(1).setHi(2)), "band2", "unset for LOMB");
    }

    @Test
    void aMultitaperSpecIsOneListPlannedOnSegmentsOfTwoBinsAndItsOptionsAreValidated() {
        JobSpec.Builder mt = pds().clearSegmentSize().setKind(ProductKind.MULTITAPER)
                .setMultitaper(org.manta.proto.v1.MultitaperSpec.newBuilder().setNw(2.5).setAdaptive(true)
                        .setNoJackknife(true));
        JobRequest r = JobSpecs.request(mt.build(), false);
        assertEquals(SpectrumKind.PDS, r.kind());
        assertEquals(JobSpecs.WHOLE_SERIES_SEGMENT_BINS / 128.0, r.segmentSize(), 0.0, "segments of 2 dt");
        org.manta.core.multitaper.MultitaperOptions o = WholeSeriesSpecs.multitaper(mt.build());
        assertEquals(new org.manta.core.multitaper.MultitaperOptions(2.5, true, false, true), o);
        assertEquals(org.manta.core.multitaper.MultitaperOptions.defaults(), WholeSeriesSpecs.multitaper(mt.clone()
                .setMultitaper(org.manta.proto.v1.MultitaperSpec.getDefaultInstance()).build()), "unset: Stingray's");
        assertEquals(4.0, WholeSeriesSpecs.multitaperOptions(mt.clone()
                .setMultitaper(org.manta.proto.v1.MultitaperSpec.getDefaultInstance()).build()).getNw(), "nw resolved");
        assertMessage(mt.clone().setMultitaper(org.manta.proto.v1.MultitaperSpec.newBuilder().setNw(0.25)),
                "multitaper.nw", "NW >= 0.5");
        assertMessage(mt.clone().setSegmentSize(8), "segment_size", "unset for MULTITAPER");
        assertMessage(mt.clone().clearMultitaper(), "multitaper", "the options of the MULTITAPER job");
        assertMessage(mt.clone().addInputs("b.evt"), "inputs", "exactly one event file for MULTITAPER");
    }

    /**
     * {@code err_dist} of a LOMB or MULTITAPER spec ({@code --err-dist}): "" asks for none (Poisson), poisson and gauss
     * (any case) ask for theirs, and the product records the one used; another value is refused naming its field.
     * gauss refuses an event file and a light curve without errors, and unset warns of a light curve whose errors
     * are not Poisson ({@code lightcurve_gauss.lc}), in the words of {@code manta lomb|multitaper}.
     */
    @Test
    void theErrDistOfALombOrMultitaperSpecIsTheCommandsAndRefusesInputsWithoutErrors(@TempDir Path dir) {
        JobSpec.Builder lomb = pds().clearSegmentSize().setKind(ProductKind.LOMB).setLomb(LombSpec.getDefaultInstance());
        JobSpec.Builder mt = pds().clearSegmentSize().setKind(ProductKind.MULTITAPER)
                .setMultitaper(MultitaperSpec.getDefaultInstance());
        assertEquals(Optional.empty(), WholeSeriesSpecs.errDist(lomb.build()), "unset: none asked for");
        assertEquals(ErrorDistribution.POISSON, WholeSeriesSpecs.lomb(lomb.build()).errDist(), "normalised as Poisson");
        assertEquals("poisson", WholeSeriesSpecs.lombOptions(lomb.build()).getErrDist(), "the product's, resolved");
        JobSpec gaussLomb = lomb.clone().setLomb(LombSpec.newBuilder().setErrDist("Gauss")).build();
        assertEquals(Optional.of(ErrorDistribution.GAUSS), WholeSeriesSpecs.errDist(gaussLomb));
        assertEquals(ErrorDistribution.GAUSS, WholeSeriesSpecs.lomb(gaussLomb).errDist());
        assertEquals("gauss", WholeSeriesSpecs.lombOptions(gaussLomb).getErrDist());
        JobSpec gaussMt = mt.clone().setMultitaper(MultitaperSpec.newBuilder().setErrDist("gauss")).build();
        JobSpecs.request(gaussMt, false);
        assertEquals(Optional.of(ErrorDistribution.GAUSS), WholeSeriesSpecs.errDist(gaussMt));
        assertEquals("gauss", WholeSeriesSpecs.multitaperOptions(gaussMt).getErrDist());
        assertEquals("poisson", WholeSeriesSpecs.multitaperOptions(mt.build()).getErrDist());
        assertEquals(Optional.of(ErrorDistribution.POISSON), WholeSeriesSpecs.errDist(mt.clone()
                .setMultitaper(MultitaperSpec.newBuilder().setErrDist("poisson")).build()), "poisson: a choice");
        assertMessage(lomb.clone().setLomb(LombSpec.newBuilder().setErrDist("normal")), "lomb.err_dist",
                "lomb.err_dist = normal: expected poisson or gauss");
        assertMessage(mt.clone().setMultitaper(MultitaperSpec.newBuilder().setErrDist("gaussian")),
                "multitaper.err_dist", "multitaper.err_dist = gaussian: expected poisson or gauss");

        String noErrors = "err-dist = gauss: expected a light curve with errors for %s (a FITS ERROR column or a JSON "
                + "counts_err array; an event file or a light curve without them is Poisson: --err-dist poisson)";
        InvalidParameterException events = assertThrows(InvalidParameterException.class,
                () -> WholeSeriesSpecs.requireErrors(gaussMt, "obs.evt", Optional.empty()));
        assertEquals(String.format(noErrors, "obs.evt"), events.getMessage());
        LightCurveFile bare = LightCurveFile.read(OgipLightCurves.withFracexp(dir.resolve("bare.lc"), 1.0, 1000.0,
                new double[] {3, 1, 4, 1, 5, 9, 2, 6}, null, null), Optional.empty());
        assertFalse(bare.hasErrors(), "a RATE table without ERROR");
        InvalidParameterException withoutErrors = assertThrows(InvalidParameterException.class,
                () -> WholeSeriesSpecs.requireErrors(gaussLomb, "bare.lc", Optional.of(bare)));
        assertEquals(String.format(noErrors, "bare.lc"), withoutErrors.getMessage());
        WholeSeriesSpecs.requireErrors(lomb.build(), "obs.evt", Optional.empty());
        WholeSeriesSpecs.requireErrors(pds().build(), "obs.evt", Optional.empty());

        LightCurveFile gauss = LightCurveFile.read(Refs.data("lightcurve_gauss.lc"), Optional.empty());
        WholeSeriesSpecs.requireErrors(gaussLomb, "gauss.lc", Optional.of(gauss));
        assertEquals(Optional.of("gauss.lc: its errors are not Poisson ((mean error)^2 = 28.3414, mean counts = "
                + "9.79883): normalised as Poisson; --err-dist gauss uses the file's errors, as Stingray's "
                + "Lightcurve.read does"), WholeSeriesSpecs.notPoissonWarning(mt.build(), "gauss.lc", gauss));
        assertEquals(Optional.empty(), WholeSeriesSpecs.notPoissonWarning(gaussLomb, "gauss.lc", gauss), "asked for");
        assertEquals(Optional.empty(), WholeSeriesSpecs.notPoissonWarning(lomb.clone().setLomb(LombSpec.newBuilder()
                .setErrDist("poisson")).build(), "gauss.lc", gauss), "poisson asked for: a choice");
        assertEquals(Optional.empty(), WholeSeriesSpecs.notPoissonWarning(lomb.build(), "bare.lc", bare), "no errors");
        assertEquals(Optional.empty(), WholeSeriesSpecs.notPoissonWarning(pds().clearSegmentSize()
                .setKind(ProductKind.BISPECTRUM).build(), "gauss.lc", gauss), "a bispectrum does not depend on them");
    }

    @Test
    void aBispectrumSpecIsOneListPlannedOnSegmentsOfTwoBinsAndItsOptionsAreValidated() {
        JobSpec.Builder bs = pds().clearSegmentSize().setKind(ProductKind.BISPECTRUM)
                .setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setMaxlag(16).setWindow("parzen")
                        .setUnbiased(true));
        JobRequest r = JobSpecs.request(bs.build(), false);
        assertEquals(SpectrumKind.PDS, r.kind());
        assertEquals(JobSpecs.WHOLE_SERIES_SEGMENT_BINS / 128.0, r.segmentSize(), 0.0, "segments of 2 dt");
        assertEquals(new org.manta.core.bispectrum.BispectrumRequest(java.util.OptionalInt.of(16),
                Optional.of(org.manta.core.bispectrum.LagWindow.PARZEN), true), WholeSeriesSpecs.bispectrum(bs.build()));
        assertEquals(new org.manta.core.bispectrum.BispectrumRequest(java.util.OptionalInt.empty(), Optional.empty(),
                false), WholeSeriesSpecs.bispectrum(bs.clone().setBispectrum(org.manta.proto.v1.BispectrumSpec
                .getDefaultInstance()).build()), "unset: N/2, no window, biased");
        assertMessage(bs.clone().setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setWindow("box")),
                "bispectrum.window", "parzen");
        assertMessage(bs.clone().setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setMaxlag(-2)),
                "bispectrum.maxlag", "a positive number of bins");
        assertMessage(bs.clone().setBispectrum(org.manta.proto.v1.BispectrumSpec.newBuilder().setMaxlag(0)),
                "bispectrum.maxlag", "a positive number of bins");
        assertMessage(bs.clone().setSegmentSize(8), "segment_size", "unset for BISPECTRUM");
        assertMessage(bs.clone().clearBispectrum(), "bispectrum", "the options of the BISPECTRUM job");
        assertMessage(bs.clone().addInputs("b.evt"), "inputs", "exactly one event file for BISPECTRUM");
    }

    @Test
    void aBicoherenceSpecCarriesItsOwnSegmentLengthAndItsOptionsAreValidated() {
        JobSpec.Builder b2 = pds().clearSegmentSize().setKind(ProductKind.BICOHERENCE)
                .setBicoherence(org.manta.proto.v1.BicoherenceSpec.newBuilder().setSegmentSize(0.5).setWindow("hanning"));
        JobRequest r = JobSpecs.request(b2.build(), false);
        assertEquals(SpectrumKind.PDS, r.kind());
        assertEquals(new org.manta.core.bispectrum.BicoherenceRequest(64,
                Optional.of(org.manta.core.bispectrum.LagWindow.HANNING)), WholeSeriesSpecs.bicoherence(b2.build()),
                "0.5 s of 1/128 s bins");
        assertMessage(b2.clone().setBicoherence(org.manta.proto.v1.BicoherenceSpec.newBuilder().setSegmentSize(0.01)),
                "bicoherence.segment_size", "at least 4 bins");
        assertMessage(b2.clone().setBicoherence(org.manta.proto.v1.BicoherenceSpec.newBuilder().setSegmentSize(1)
                .setWindow("box")), "bicoherence.window", "parzen");
        assertMessage(b2.clone().setSegmentSize(8), "segment_size", "unset for BICOHERENCE");
        assertMessage(b2.clone().clearBicoherence(), "bicoherence", "the options of the BICOHERENCE job");
    }

    private static void assertMessage(JobSpec.Builder spec, String parameter, String fragment) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> JobSpecs.request(spec.build(), false));
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
