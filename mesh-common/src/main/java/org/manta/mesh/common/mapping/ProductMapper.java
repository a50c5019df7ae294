package org.manta.mesh.common.mapping;

import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Estimates;
import org.manta.core.varenergy.VarEnergySpectrum;
import org.manta.core.lombscargle.LombScargleCrossSpectrum;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.MultitaperSpec;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.bispectrum.Bicoherence;
import org.manta.core.bispectrum.Bispectrum;
import org.manta.proto.v1.BicoherenceSpec;
import org.manta.proto.v1.BispectrumSpec;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.VarEnergySpec;

/**
 * Core products → {@code manta.v1.Product} (products.proto; field names are those of the JSON
 * products of cli.md). The GTIs and the provenance are the caller's to add. The embedded pipeline's
 * products go through the same mapping, so mesh and embedded products compare field by field.
 */
public final class ProductMapper {
    private ProductMapper() {
    }

    /** An averaged power spectrum: {@code nphots1 = nphots}. */
    public static Product.Builder pds(AveragedPowerSpectrum s, String jobId) {
        return Product.newBuilder()
                .setKind(ProductKind.PDS).setJobId(jobId)
                .addAllFreq(Doubles.of(s.freq()))
                .setPower(Protos.real(s.power()))
                .setPowerErr(Protos.real(s.powerErr()))
                .setUnnormPower(Protos.real(s.unnormPower()))
                .setUnnormPowerErr(Protos.real(s.unnormPowerErr()))
                .setM(s.segments()).setN(s.n()).setDf(s.df()).setDt(s.dt()).setSegmentSize(s.segmentSize())
                .setNphots(s.nphots()).setNphots1(s.nphots()).setMean(s.mean())
                .setNorm(Protos.norm(s.norm()));
    }

    /** An averaged cross spectrum with lags, raw and intrinsic coherence and both auxiliary power spectra. */
    public static Product.Builder cpds(AveragedCrossSpectrum s, String jobId) {
        Estimates timeLag = s.timeLag();
        Estimates phaseLag = s.phaseLag();
        Estimates coherence = s.rawCoherence();
        Estimates intrinsic = s.intrinsicCoherence();
        return Product.newBuilder()
                .setKind(ProductKind.CPDS).setJobId(jobId)
                .addAllFreq(Doubles.of(s.freq()))
                .setPower(Protos.complex(s.power()))
                .setPowerErr(Protos.complex(s.powerErr()))
                .setUnnormPower(Protos.complex(s.unnormPower()))
                .setUnnormPowerErr(Protos.complex(s.unnormPowerErr()))
                .addAllPds1Power(Doubles.of(s.pds1().power()))
                .addAllPds2Power(Doubles.of(s.pds2().power()))
                .addAllTimeLag(Doubles.of(timeLag.value())).addAllTimeLagErr(Doubles.of(timeLag.error()))
                .addAllPhaseLag(Doubles.of(phaseLag.value())).addAllPhaseLagErr(Doubles.of(phaseLag.error()))
                .addAllRawCoherence(Doubles.of(coherence.value())).addAllRawCoherenceErr(Doubles.of(coherence.error()))
                .addAllIntrinsicCoherence(Doubles.of(intrinsic.value()))
                .addAllIntrinsicCoherenceErr(Doubles.of(intrinsic.error()))
                .setM(s.segments()).setN(s.n()).setDf(s.df()).setDt(s.dt()).setSegmentSize(s.segmentSize())
                .setNphots(s.nphots()).setNphots1(s.nphots1()).setNphots2(s.nphots2()).setMean(s.mean())
                .setNorm(Protos.norm(s.norm()));
    }

    /**
     * A dynamical power spectrum: {@code dyn_ps[f * n_time + t]}, shape {@code [n_freq, n_time]};
     * {@code dt} and {@code n} are those of the light curves' bins (from {@code segment}), {@code m = 1}.
     */
    public static Product.Builder dynps(DynamicalPowerSpectrum s, SegmentSpec segment, String jobId) {
        Product.Builder b = Product.newBuilder()
                .setKind(ProductKind.DYNPS).setJobId(jobId)
                .addAllFreq(Doubles.of(s.freq()))
                .addAllTime(Doubles.of(s.time()))
                .addDynPsShape(s.freq().length).addDynPsShape(s.time().length)
                .setM(s.m()).setN(segment.nbin()).setDf(s.df()).setDt(segment.dt()).setSegmentSize(s.segmentSize())
                .setNphots(s.nphots()).setNphots1(s.nphots()).setMean(s.nphots() / segment.nbin())
                .setNorm(Protos.norm(s.norm()));
        for (double[] row : s.dynPs()) {
            for (double v : row) {
                b.addDynPs(v);
            }
        }
        return b;
    }

    /**
     * A variability-versus-energy spectrum: the request part in {@code varenergy}, values and errors in
     * {@code spectrum}/{@code spectrum_error} (complex only for the complex covariance).
     */
    public static Product.Builder varEnergy(VarEnergySpectrum s, String jobId) {
        VarEnergySpec.Builder request = VarEnergySpec.newBuilder().setKind(s.kind().label())
                .setOnPi(s.reference().onPi()).setReference(Protos.band(s.reference()))
                .setFreqLo(s.fLo()).setFreqHi(s.fHi());
        double[][] intervals = s.energyIntervals();
        for (double[] interval : intervals) {
            request.addBandEdges(interval[0]);
        }
        if (intervals.length > 0) {
            request.addBandEdges(intervals[intervals.length - 1][1]);
        }
        boolean complex = s.kind().complex();
        return Product.newBuilder().setKind(ProductKind.VARENERGY).setJobId(jobId).setVarenergy(request)
                .setSpectrum(complex ? Protos.complex(s.spectrum()) : Protos.real(s.spectrum().re()))
                .setSpectrumError(complex ? Protos.complex(s.spectrumError()) : Protos.real(s.spectrumError().re()))
                .setNFreq(s.frequencies()).setM(s.segments()).setDt(s.dt()).setSegmentSize(s.segmentSize())
                .setNorm(Protos.norm(s.norm()));
    }

    /**
     * FAD dead-time corrected spectra: the arrays of cli.md {@code fad} under their JSON names, the options in
     * {@code fad_options}; {@code nphots*} are the mean photons per segment.
     */
    public static Product.Builder fad(FadSpectrum s, String jobId) {
        return Product.newBuilder().setKind(ProductKind.FAD).setJobId(jobId)
                .addAllFreq(Doubles.of(s.freq()))
                .addAllPds1(Doubles.of(s.pds1())).addAllPds2(Doubles.of(s.pds2())).setCs(Protos.complex(s.cs()))
                .addAllPtot(Doubles.of(s.ptot()))
                .addAllPds1Unnorm(Doubles.of(s.pds1Unnorm())).addAllPds2Unnorm(Doubles.of(s.pds2Unnorm()))
                .setCsUnnorm(Protos.complex(s.csUnnorm())).addAllPtotUnnorm(Doubles.of(s.ptotUnnorm()))
                .addAllPtotUncorrected(Doubles.of(s.ptotUncorrected())).setFad(Protos.complex(s.fad()))
                .setFadOptions(FadSpecs.spec(s.smoothing(), s.smoothingLength(), s.tolerance()))
                .setFadDelta(s.fadDelta())
                .setM(s.segments()).setN(s.n()).setDf(s.df()).setDt(s.dt()).setSegmentSize(s.segmentSize())
                .setNphots(s.nphots()).setNphots1(s.nphots1()).setNphots2(s.nphots2())
                .setNorm(Protos.norm(s.norm()));
    }

    /**
     * A Lomb–Scargle periodogram: {@code power} and {@code unnorm_power} real, {@code m = 1}, {@code nphots1 =
     * nphots}, the options in {@code lomb}.
     */
    public static Product.Builder lomb(LombScarglePowerSpectrum s, LombSpec options, String jobId) {
        return Product.newBuilder().setKind(ProductKind.LOMB).setJobId(jobId).setLomb(options)
                .addAllFreq(Doubles.of(s.freq()))
                .setPower(Protos.real(s.power())).setUnnormPower(Protos.real(s.unnormPower()))
                .setM(1).setN(s.n()).setDf(s.df()).setDt(s.dt()).setNphots(s.nphots()).setNphots1(s.nphots())
                .setNorm(Protos.norm(s.norm()));
    }

    /** A Lomb–Scargle cross spectrum {@code F1·F2*}: {@code power} and {@code unnorm_power} complex. */
    public static Product.Builder lomb(LombScargleCrossSpectrum s, LombSpec options, String jobId) {
        return Product.newBuilder().setKind(ProductKind.LOMB).setJobId(jobId).setLomb(options)
                .addAllFreq(Doubles.of(s.freq()))
                .setPower(Protos.complex(s.power())).setUnnormPower(Protos.complex(s.unnormPower()))
                .setM(1).setN(s.n()).setDf(s.df()).setDt(s.dt()).setNphots(s.nphots()).setNphots1(s.nphots1())
                .setNphots2(s.nphots2()).setNorm(Protos.norm(s.norm()));
    }

    /**
     * A light curve ({@code manta lc}, core {@link LightCurve}): {@code time} (bin centres), {@code counts},
     * {@code counts_err}, {@code dt}, {@code tstart}, {@code tseg}; its GTIs are the plan's (the reducer adds them).
     */
    public static Product.Builder lightCurve(LightCurve lc, String jobId) {
        return Product.newBuilder().setKind(ProductKind.LC).setJobId(jobId)
                .addAllTime(Doubles.of(lc.time())).addAllCounts(Doubles.of(lc.counts()))
                .addAllCountsErr(Doubles.of(lc.countsErr())).setDt(lc.dt()).setTstart(lc.tstart()).setTseg(lc.tseg());
    }

    /**
     * A multitaper spectrum: {@code power} (real; {@code power_err = power}), {@code unnorm_power},
     * {@code multitaper_norm_power}, {@code jk_var_deg_freedom} (none for the Lomb–Scargle multitaper), {@code eigvals},
     * {@code m = 1}, the options in {@code multitaper}.
     */
    public static Product.Builder multitaper(MultitaperSpectrum s, MultitaperSpec options, String jobId) {
        Product.Builder b = Product.newBuilder().setKind(ProductKind.MULTITAPER).setJobId(jobId).setMultitaper(options)
                .addAllFreq(Doubles.of(s.freq()))
                .setPower(Protos.real(s.power())).setPowerErr(Protos.real(s.powerErr()))
                .setUnnormPower(Protos.real(s.unnormPower()))
                .addAllMultitaperNormPower(Doubles.of(s.multitaperNormPower())).addAllEigvals(Doubles.of(s.eigvals()))
                .setM(1).setN(s.n()).setDf(s.df()).setDt(s.dt()).setNphots(s.nphots()).setNphots1(s.nphots())
                .setNorm(Protos.norm(s.norm()));
        if (s.jkVarDegFreedom() != null) {      // the Lomb–Scargle multitaper has none
            b.addAllJkVarDegFreedom(Doubles.of(s.jkVarDegFreedom()));
        }
        return b;
    }

    /**
     * A bispectrum: {@code freq} and {@code lags} (both axes), {@code cum3} and the complex {@code bispec} flattened
     * row-major ({@code [first][second]}), {@code n}, {@code dt}, the options in {@code bispectrum} (maxlag the one used).
     */
    public static Product.Builder bispectrum(Bispectrum b, BispectrumSpec options, String jobId) {
        ComplexArray.Builder bispec = ComplexArray.newBuilder();
        Product.Builder p = Product.newBuilder().setKind(ProductKind.BISPECTRUM).setJobId(jobId).setBispectrum(options)
                .addAllFreq(Doubles.of(b.freq())).addAllLags(Doubles.of(b.lags())).setN(b.n()).setDt(b.dt());
        for (int i = 0; i < b.cum3().length; i++) {
            p.addAllCum3(Doubles.of(b.cum3()[i]));
            bispec.addAllRe(Doubles.of(b.bispecRe()[i])).addAllIm(Doubles.of(b.bispecIm()[i]));
        }
        return p.setBispec(bispec);
    }

    /**
     * A squared bicoherence: {@code freq} (both axes), {@code bicoherence} flattened row-major ({@code [f1][f2]}),
     * {@code m} segments of {@code n} bins, {@code dt}, {@code segment_size}, the options in {@code bicoherence_options}.
     */
    public static Product.Builder bicoherence(Bicoherence b, BicoherenceSpec options, String jobId) {
        Product.Builder p = Product.newBuilder().setKind(ProductKind.BICOHERENCE).setJobId(jobId)
                .setBicoherenceOptions(options).addAllFreq(Doubles.of(b.freq())).setM(b.segments())
                .setN(b.segmentBins()).setDt(b.dt()).setSegmentSize(b.segmentBins() * b.dt());
        for (double[] row : b.bicoherence()) {
            p.addAllBicoherence(Doubles.of(row));
        }
        return p;
    }
}
