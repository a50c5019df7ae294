package org.manta.cli.output;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.bispectrum.Bicoherence;
import org.manta.core.bispectrum.Bispectrum;
import org.manta.core.bispectrum.LagWindow;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.gti.GtiList;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lombscargle.LombScargleCrossSpectrum;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.plan.Observation;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Estimates;
import org.manta.core.spectrum.FrequencyRange;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Norms;
import org.manta.core.spectrum.PowerColors;
import org.manta.core.spectrum.Rms;
import org.manta.core.stats.PowerUpperLimit;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergySpectrum;

/**
 * Core results → {@link Product}s with the field names of docs/cli.md and the Stingray reference files.
 * The one place where that mapping is written down.
 */
public final class Products {
    private Products() {
    }

    /** {@code freq, power, power_err, unnorm_power, unnorm_power_err, m, n, df, dt, nphots, mean, norm, segment_size, gti}. */
    public static Product powerSpectrum(AveragedPowerSpectrum ps, Provenance provenance) {
        return powerSpectrumFields(ps).provenance(provenance).build();
    }

    /** The fields of {@link #powerSpectrum}, for a command that adds more (rms, significance) before building. */
    public static Product.Builder powerSpectrumFields(AveragedPowerSpectrum ps) {
        Product.Builder b = Product.builder(ProductKind.POWER_SPECTRUM)
                .array("freq", ps.freq())
                .array("power", ps.power())
                .array("power_err", ps.powerErr())
                .array("unnorm_power", ps.unnormPower())
                .array("unnorm_power_err", ps.unnormPowerErr());
        scalarM(b, ps.m());
        b.integer("n", ps.n())
                .real("df", ps.df())
                .real("dt", ps.dt())
                .real("nphots", ps.nphots())
                .real("mean", ps.mean())
                .text("norm", ps.norm().label())
                .real("segment_size", ps.segmentSize());
        ps.gti().ifPresent(g -> gti(b, g));
        return b;
    }

    /**
     * Marks a spectrum whose {@code power} and {@code unnorm_power} have the Poisson level subtracted:
     * {@code poisson_level} (in the spectrum's norm, science.md §5) and {@code noise_subtracted = true}.
     */
    public static void noiseSubtracted(Product.Builder b, double level) {
        b.real("poisson_level", level).flag("noise_subtracted", true);
    }

    /**
     * Integrated rms (Stingray {@code compute_rms}, science.md §11): {@code rms_freq_range} [lo, hi] Hz,
     * {@code frac_rms}, {@code frac_rms_err} (fraction of the mean rate), {@code abs_rms}, {@code abs_rms_err} (ct/s).
     */
    public static void rms(Product.Builder b, FrequencyRange range, Rms frac, Rms abs) {
        b.array("rms_freq_range", new double[] {range.lo(), range.hi()})
                .real("frac_rms", frac.rms())
                .real("frac_rms_err", frac.error())
                .real("abs_rms", abs.rms())
                .real("abs_rms_err", abs.error());
    }

    /**
     * Upper limit at the highest power of a range (Stingray {@code power_upper_limit}, {@code amplitude_upper_limit},
     * {@code pf_upper_limit}): {@code upper_limit_freq_range} [lo, hi] Hz, {@code upper_limit_freq} (Hz) and
     * {@code upper_limit_measured_power} (Leahy) of the highest power, {@code upper_limit_n} (powers averaged in its
     * bin), {@code upper_limit_confidence}, {@code upper_limit_power} (signal power, Leahy),
     * {@code upper_limit_amplitude} (fractional amplitude), {@code upper_limit_pf} (pulsed fraction).
     */
    public static void upperLimit(Product.Builder b, FrequencyRange range, PowerUpperLimit up) {
        b.array("upper_limit_freq_range", new double[] {range.lo(), range.hi()})
                .real("upper_limit_freq", up.freq())
                .real("upper_limit_measured_power", up.power())
                .real("upper_limit_n", up.n())
                .real("upper_limit_confidence", up.confidence())
                .real("upper_limit_power", up.powerLimit())
                .real("upper_limit_amplitude", up.amplitude())
                .real("upper_limit_pf", up.pf());
    }

    /**
     * Per-bin significance of the powers (science.md §16): {@code p_value} (single trial), {@code p_value_trials}
     * (corrected for {@code n_trials}), {@code sigma} (equivalent Gaussian significance of {@code p_value_trials}, from its logarithm so that it
     * stays finite where the p-value underflows to 0),
     * {@code detection_level} (the power exceeded by noise with probability {@code false_alarm} over
     * {@code n_trials} trials, in the spectrum's norm).
     */
    public static void significance(Product.Builder b, double[] pValue, double[] pValueTrials, double[] sigma,
            double[] detectionLevel, double falseAlarm, double trials) {
        b.array("p_value", pValue)
                .array("p_value_trials", pValueTrials)
                .array("sigma", sigma)
                .array("detection_level", detectionLevel)
                .real("false_alarm", falseAlarm)
                .real("n_trials", trials);
    }

    /**
     * Power colours per segment (Heil et al. 2015, science.md §15): {@code time}, {@code pc0}, {@code pc0_err},
     * {@code pc1}, {@code pc1_err}, {@code hue} (rad, Stingray's convention), {@code hue_deg} (in [0, 360)),
     * {@code rms}, {@code rms_err} (fractional rms between the outer edges, noise subtracted), then
     * {@code freq_edges}, {@code freqs_excluded} ([lo, hi] rows, if any), {@code poisson_power} ((rms/mean)²/Hz), the bin time {@code dt} and the dynamical
     * spectrum's metadata.
     */
    public static Product powerColors(DynamicalPowerSpectrum dps, double binDt, PowerColors.PowerColor[] colors,
            Rms[] rms, double[] freqEdges, java.util.List<FrequencyRange> excluded, double poissonPower, GtiList gti,
            Provenance provenance) {
        int n = colors.length;
        double[][] c = new double[8][n];
        for (int i = 0; i < n; i++) {
            c[0][i] = colors[i].pc0();
            c[1][i] = colors[i].pc0Err();
            c[2][i] = colors[i].pc1();
            c[3][i] = colors[i].pc1Err();
            c[4][i] = colors[i].hue();
            c[5][i] = PowerColors.hueDegrees(c[4][i]);
            c[6][i] = rms[i].rms();
            c[7][i] = rms[i].error();
        }
        Product.Builder b = Product.builder(ProductKind.POWER_COLORS)
                .array("time", dps.time())
                .array("pc0", c[0])
                .array("pc0_err", c[1])
                .array("pc1", c[2])
                .array("pc1_err", c[3])
                .array("hue", c[4])
                .array("hue_deg", c[5])
                .array("rms", c[6])
                .array("rms_err", c[7])
                .array("freq_edges", freqEdges);
        if (!excluded.isEmpty()) {
            b.matrix("freqs_excluded", excluded.stream().map(r -> new double[] {r.lo(), r.hi()}).toArray(double[][]::new));
        }
        b.real("poisson_power", poissonPower);
        dynamicalMetadata(b, dps, binDt, gti);
        return b.provenance(provenance).build();
    }

    /**
     * Cross spectrum with lags and coherence: complex {@code power}, {@code power_err}, {@code unnorm_power};
     * {@code time_lag(_err)}, {@code phase_lag(_err)}, {@code raw_coherence(_err)},
     * {@code intrinsic_coherence(_err)}, {@code pds1_power}, {@code pds2_power}, and the metadata.
     */
    public static Product crossSpectrum(AveragedCrossSpectrum cs, Provenance provenance) {
        return crossSpectrumFields(cs).provenance(provenance).build();
    }

    /** The fields of {@link #crossSpectrum}, for a command that adds more (significance) before building. */
    public static Product.Builder crossSpectrumFields(AveragedCrossSpectrum cs) {
        Estimates timeLag = cs.timeLag();
        Estimates phaseLag = cs.phaseLag();
        Estimates raw = cs.rawCoherence();
        Estimates intrinsic = cs.intrinsicCoherence();
        Product.Builder b = Product.builder(ProductKind.CROSS_SPECTRUM)
                .array("freq", cs.freq())
                .complex("power", cs.power().re(), cs.power().im())
                .complex("power_err", cs.powerErr().re(), cs.powerErr().im())
                .complex("unnorm_power", cs.unnormPower().re(), cs.unnormPower().im())
                .array("time_lag", timeLag.value())
                .array("time_lag_err", timeLag.error())
                .array("phase_lag", phaseLag.value())
                .array("phase_lag_err", phaseLag.error())
                .array("raw_coherence", raw.value())
                .array("raw_coherence_err", raw.error())
                .array("intrinsic_coherence", intrinsic.value())
                .array("intrinsic_coherence_err", intrinsic.error())
                .array("pds1_power", cs.pds1().power())
                .array("pds2_power", cs.pds2().power());
        scalarM(b, cs.m());
        b.integer("n", cs.n())
                .real("df", cs.df())
                .real("dt", cs.dt())
                .real("nphots", cs.nphots())
                .real("nphots1", cs.nphots1())
                .real("nphots2", cs.nphots2())
                .real("mean", cs.mean())
                .text("norm", cs.norm().label())
                .real("segment_size", cs.segmentSize());
        cs.gti().ifPresent(g -> gti(b, g));
        return b;
    }

    /**
     * The cross spectrum of a saved {@link #crossSpectrum} product, as it was computed (before any rebinning), so
     * that it can be rebinned later with the errors recomputed from the rebinned unnormalised quantities and m
     * (errata H1): the product keeps the normalised and unnormalised cross power, both bands' normalised powers,
     * their photon counts, n, dt and m; each band's unnormalised power is its power with the normalisation undone
     * ({@link Norms#unnormalize}, with that band's photons, as {@code CrossAccumulator} normalised it).
     *
     * @throws InvalidParameterException if the product is not an unrebinned cross spectrum with one m for every bin
     */
    public static AveragedCrossSpectrum crossSpectrumOf(Product p) {
        if (p.kind() != ProductKind.CROSS_SPECTRUM || p.has("rebin")) {
            throw new InvalidParameterException("product", p.kind().label() + p.text("rebin").map(r -> " rebinned "
                    + r).orElse(""), "a cross spectrum saved without --rebin/--rebin-log (a rebinned one cannot be "
                    + "rebinned again: its m differs per bin)");
        }
        if (!(p.field("m").orElse(null) instanceof Field.Int mField)) {
            throw new InvalidParameterException("m", "per-bin values", "one m for every bin (an unrebinned spectrum)");
        }
        double[] freq = p.array("freq");
        int n = (int) p.number("n");
        double dt = p.number("dt");
        double df = p.number("df");
        double nph1 = p.number("nphots1");
        double nph2 = p.number("nphots2");
        Normalization norm = Normalization.parse(p.text("norm").orElse("none"));
        double segmentSize = p.number("segment_size");
        int segments = (int) mField.value();
        double[] m = new double[freq.length];
        Arrays.fill(m, segments);
        int[] k = new int[freq.length];
        Arrays.fill(k, 1);
        Optional<GtiList> gti = gtiOf(p);
        AveragedPowerSpectrum pds1 = savedBand(p.array("pds1_power"), freq, m, k, segments, n, df, dt, nph1, norm,
                segmentSize);
        AveragedPowerSpectrum pds2 = savedBand(p.array("pds2_power"), freq, m, k, segments, n, df, dt, nph2, norm,
                segmentSize);
        return AveragedCrossSpectrum.withErrors(freq, complex(p, "power"), complex(p, "unnorm_power"), pds1, pds2, m,
                k, segments, n, df, dt, nph1, nph2, norm, segmentSize, gti);
    }

    /** The GTIs a product records ({@code gti}), if any. */
    public static Optional<GtiList> gtiOf(Product p) {
        if (!(p.field("gti").orElse(null) instanceof Field.GtiTable g) || g.intervals().length == 0) {
            return Optional.empty();
        }
        double[][] intervals = g.intervals();
        double[] starts = new double[intervals.length];
        double[] stops = new double[intervals.length];
        for (int i = 0; i < intervals.length; i++) {
            starts[i] = intervals[i][0];
            stops[i] = intervals[i][1];
        }
        return Optional.of(GtiList.of(starts, stops));
    }

    private static AveragedPowerSpectrum savedBand(double[] power, double[] freq, double[] m, int[] k, int segments,
            int n, double df, double dt, double nph, Normalization norm, double segmentSize) {
        double[] unnorm = new double[power.length];
        for (int j = 0; j < power.length; j++) {
            unnorm[j] = Norms.unnormalize(power[j], norm, dt, n, nph);
        }
        return new AveragedPowerSpectrum(freq, power, power, unnorm, unnorm, m, k, segments, n, df, dt, nph, nph / n,
                norm, segmentSize, Optional.empty());
    }

    private static ComplexArray complex(Product p, String name) {
        if (!(p.field(name).orElse(null) instanceof Field.ComplexArray c)) {
            throw new InvalidParameterException(name, "missing or real", "the complex " + name + " of a cross spectrum");
        }
        return new ComplexArray(c.re().clone(), c.im().clone());
    }

    /**
     * A saved cross-spectrum product with its spectrum replaced by {@code rebinned} (lags, coherence and errors
     * from it) and {@code "rebin"} set to {@code rebin}; the context of the saved product (observation, bands,
     * provenance) is kept.
     */
    public static Product rebinnedCrossSpectrum(Product saved, AveragedCrossSpectrum rebinned, String rebin) {
        Product fresh = crossSpectrum(rebinned, saved.provenance());
        Product.Builder b = fresh.rebuild();
        saved.fields().forEach((name, field) -> {
            if (!fresh.has(name)) {
                b.field(name, field);
            }
        });
        return b.text("rebin", rebin).build();
    }

    /**
     * {@code freq, time, dyn_ps[freq][time], df, dt (= segment step, as Stingray's), m, meanrate, nphots, norm,
     * segment_size}, and {@code bin_time} (s): the light curve's bin time, which Stingray's product does not keep.
     */
    public static Product dynamicalPowerSpectrum(DynamicalPowerSpectrum dps, double binTime, GtiList gti,
                                                 Provenance provenance) {
        Product.Builder b = Product.builder(ProductKind.DYNAMICAL_POWER_SPECTRUM)
                .array("freq", dps.freq())
                .array("time", dps.time())
                .matrix("dyn_ps", dps.dynPs());
        dynamicalMetadata(b, dps, dps.dt(), gti);
        b.real("bin_time", binTime);
        return b.provenance(provenance).build();
    }

    /** {@code df, dt, m, meanrate, nphots, norm, segment_size, gti} of a dynamical spectrum's product. */
    private static void dynamicalMetadata(Product.Builder b, DynamicalPowerSpectrum dps, double dt, GtiList gti) {
        b.real("df", dps.df())
                .real("dt", dt)
                .integer("m", dps.m())
                .real("meanrate", dps.meanrate())
                .real("nphots", dps.nphots())
                .text("norm", dps.norm().label())
                .real("segment_size", dps.segmentSize());
        gti(b, gti);
    }

    /**
     * {@code time} (bin centres), {@code counts}, {@code counts_err} (Poisson, Garwood), {@code rate} and
     * {@code rate_err} (the same per second), {@code dt}, {@code tstart}, {@code tseg} (bins × dt, as Stingray's
     * {@code Lightcurve.tseg}), {@code meanrate}, {@code gti}. Every bin of the span is kept, also those outside
     * the GTIs (as Stingray's {@code to_lc}).
     */
    public static Product lightCurve(LightCurve lc, Provenance provenance) {
        double[] rate = new double[lc.size()];
        double[] rateErr = new double[lc.size()];
        for (int k = 0; k < rate.length; k++) {
            rate[k] = lc.counts()[k] / lc.dt();
            rateErr[k] = lc.countsErr()[k] / lc.dt();
        }
        Product.Builder b = Product.builder(ProductKind.LIGHT_CURVE)
                .array("time", lc.time())
                .array("counts", lc.counts())
                .array("counts_err", lc.countsErr())
                .array("rate", rate)
                .array("rate_err", rateErr)
                .real("dt", lc.dt())
                .real("tstart", lc.tstart())
                .real("tseg", lc.size() * lc.dt())
                .real("meanrate", lc.meanRate());
        gti(b, lc.gti());
        return b.provenance(provenance).build();
    }

    /**
     * FAD dead-time corrected spectra, named as Stingray's {@code FAD} table ({@code fad_sim.json}):
     * {@code freq}, {@code pds1}, {@code pds2}, complex {@code cs}, {@code ptot}, their {@code *_unnorm},
     * complex {@code fad}; plus {@code ptot_uncorrected} and, when a dead time is given, {@code model_zhang}
     * (in the product's normalisation); metadata {@code m, n, df, dt, nphots1, nphots2, nphots, norm, smoothing_alg,
     * smoothing_length, fad_delta, tolerance, is_compliant, segment_size, deadtime, gti}.
     *
     * @param model    the Zhang et al. model at {@code freq} (in the product's normalisation), if computed
     * @param deadTime the dead time of the model, s (ignored without a model)
     */
    public static Product fad(FadSpectrum fad, Optional<double[]> model, double deadTime, Provenance provenance) {
        Product.Builder b = Product.builder(ProductKind.FAD)
                .array("freq", fad.freq())
                .array("pds1", fad.pds1())
                .array("pds2", fad.pds2())
                .complex("cs", fad.cs().re(), fad.cs().im())
                .array("ptot", fad.ptot())
                .array("pds1_unnorm", fad.pds1Unnorm())
                .array("pds2_unnorm", fad.pds2Unnorm())
                .complex("cs_unnorm", fad.csUnnorm().re(), fad.csUnnorm().im())
                .array("ptot_unnorm", fad.ptotUnnorm())
                .array("ptot_uncorrected", fad.ptotUncorrected())
                .complex("fad", fad.fad().re(), fad.fad().im());
        model.ifPresent(m -> b.array("model_zhang", m));
        b.integer("m", fad.segments())
                .integer("n", fad.n())
                .real("df", fad.df())
                .real("dt", fad.dt())
                .real("nphots1", fad.nphots1())
                .real("nphots2", fad.nphots2())
                .real("nphots", fad.nphots())
                .text("norm", fad.norm().label())
                .text("smoothing_alg", fad.smoothing().label())
                .real("smoothing_length", fad.smoothingLength())
                .real("fad_delta", fad.fadDelta())
                .real("tolerance", fad.tolerance())
                .flag("is_compliant", fad.isCompliant())
                .real("segment_size", fad.segmentSize());
        if (model.isPresent()) {
            b.real("deadtime", deadTime);
        }
        fad.gti().ifPresent(g -> gti(b, g));
        return b.provenance(provenance).build();
    }

    /**
     * Lomb–Scargle periodogram: {@code freq, power, power_err (= power), unnorm_power, m, n, df, dt, nphots,
     * norm, method, oversampling, err_dist}.
     */
    public static Product lombScarglePowerSpectrum(LombScarglePowerSpectrum ps, int oversampling, Provenance provenance) {
        return Product.builder(ProductKind.LOMB_SCARGLE_POWER_SPECTRUM)
                .array("freq", ps.freq())
                .array("power", ps.power())
                .array("power_err", ps.power())
                .array("unnorm_power", ps.unnormPower())
                .integer("m", 1)
                .integer("n", ps.n())
                .real("df", ps.df())
                .real("dt", ps.dt())
                .real("nphots", ps.nphots())
                .text("norm", ps.norm().label())
                .text("method", ps.method().label())
                .integer("oversampling", oversampling)
                .text("err_dist", ps.errDist().label())
                .provenance(provenance).build();
    }

    /**
     * Lomb–Scargle cross spectrum {@code F1·F2*}: complex {@code power} and {@code unnorm_power},
     * {@code time_lag}, {@code phase_lag}, {@code m, n, df, dt, nphots, nphots1, nphots2, norm, method,
     * oversampling, err_dist}.
     */
    public static Product lombScargleCrossSpectrum(LombScargleCrossSpectrum cs, int oversampling, Provenance provenance) {
        return Product.builder(ProductKind.LOMB_SCARGLE_CROSS_SPECTRUM)
                .array("freq", cs.freq())
                .complex("power", cs.power().re(), cs.power().im())
                .complex("unnorm_power", cs.unnormPower().re(), cs.unnormPower().im())
                .array("time_lag", cs.timeLag())
                .array("phase_lag", cs.phaseLag())
                .integer("m", 1)
                .integer("n", cs.n())
                .real("df", cs.df())
                .real("dt", cs.dt())
                .real("nphots", cs.nphots())
                .real("nphots1", cs.nphots1())
                .real("nphots2", cs.nphots2())
                .text("norm", cs.norm().label())
                .text("method", cs.method().label())
                .integer("oversampling", oversampling)
                .text("err_dist", cs.errDist().label())
                .provenance(provenance).build();
    }

    /**
     * Multitaper spectrum: {@code freq, power, power_err, unnorm_power, multitaper_norm_power,
     * jk_var_deg_freedom} (or {@code lombscargle = true}, which has none){@code , eigvals, m, n, df, dt, nphots, norm,
     * err_dist, nw, adaptive, jackknife, low_bias}.
     */
    public static Product multitaperSpectrum(MultitaperSpectrum mt, MultitaperOptions options, Provenance provenance) {
        Product.Builder b = Product.builder(ProductKind.MULTITAPER_POWER_SPECTRUM)
                .array("freq", mt.freq())
                .array("power", mt.power())
                .array("power_err", mt.powerErr())
                .array("unnorm_power", mt.unnormPower())
                .array("multitaper_norm_power", mt.multitaperNormPower());
        if (mt.jkVarDegFreedom() != null) {
            b.array("jk_var_deg_freedom", mt.jkVarDegFreedom());
        } else {
            b.flag("lombscargle", true);
        }
        return b.array("eigvals", mt.eigvals())
                .integer("m", 1)
                .integer("n", mt.n())
                .real("df", mt.df())
                .real("dt", mt.dt())
                .real("nphots", mt.nphots())
                .text("norm", mt.norm().label())
                .text("err_dist", mt.errDist().label())
                .real("nw", options.nw())
                .flag("adaptive", options.adaptive())
                .flag("jackknife", options.jackknife())
                .flag("low_bias", options.lowBias())
                .provenance(provenance).build();
    }

    /**
     * Bispectrum: {@code freq} and {@code lags} (both axes), {@code cum3}, {@code bispec_mag},
     * {@code bispec_phase} as {@code [first][second]} matrices, {@code maxlag, n, dt, scale, window}.
     */
    public static Product bispectrum(Bispectrum bs, Provenance provenance) {
        return Product.builder(ProductKind.BISPECTRUM)
                .array("freq", bs.freq())
                .array("lags", bs.lags())
                .matrix("bispec_mag", bs.magnitude())
                .matrix("bispec_phase", bs.phase())
                .matrix("cum3", bs.cum3())
                .integer("maxlag", bs.maxlag())
                .integer("n", bs.n())
                .real("dt", bs.dt())
                .text("scale", bs.unbiased() ? "unbiased" : "biased")
                .text("window", bs.window().map(LagWindow::label).orElse("none"))
                .provenance(provenance).build();
    }

    /**
     * Squared bicoherence: {@code freq} (both axes), {@code bicoherence[f1][f2]} (NaN outside
     * {@code f1 + f2 ≤ Nyquist}), {@code m} (segments), {@code n} (bins per segment), {@code dt},
     * {@code segment_size}, {@code window}.
     */
    public static Product bicoherence(Bicoherence b, Provenance provenance) {
        return Product.builder(ProductKind.BICOHERENCE)
                .array("freq", b.freq())
                .matrix("bicoherence", b.bicoherence())
                .integer("m", b.segments())
                .integer("n", b.segmentBins())
                .real("dt", b.dt())
                .real("segment_size", b.segmentBins() * b.dt())
                .text("window", b.window().map(LagWindow::label).orElse("none"))
                .provenance(provenance).build();
    }

    /**
     * {@code product} with the observation's context added after its fields: {@code telescope},
     * {@code instrument}, {@code object}, {@code timesys}, {@code mjdref} (days, one double: within ~0.3 µs
     * of exact) with, unless the observation has none ({@link Mjdref#NONE}), its exact parts {@code mjdrefi} (integer
     * days) and {@code mjdreff} (fraction of a day) as the inputs' {@code MJDREFI + MJDREFF}, and each channel's band:
     * {@code e_min}, {@code e_max} (keV) or {@code pi_min}, {@code pi_max} (PI channels), suffixed {@code 1} and
     * {@code 2} for the two channels of a cross spectrum. A field the product already has is kept as it is.
     */
    public static Product withObservation(Product product, Observation observation) {
        Product.Builder b = product.rebuild();
        addIfAbsent(product, b, "telescope", new Field.Text(observation.telescope()));
        addIfAbsent(product, b, "instrument", new Field.Text(observation.instrument()));
        addIfAbsent(product, b, "object", new Field.Text(observation.object()));
        addIfAbsent(product, b, "timesys", new Field.Text(observation.timesys()));
        Mjdref mjdref = observation.mjdref();
        addIfAbsent(product, b, "mjdref", new Field.Real(mjdref.value()));
        if (!mjdref.equals(Mjdref.NONE)) {
            addIfAbsent(product, b, "mjdrefi", new Field.Int(mjdref.days()));
            addIfAbsent(product, b, "mjdreff", new Field.Real(mjdref.fraction()));
        }
        List<Optional<EnergyBand>> bands = observation.bands();
        for (int c = 0; c < bands.size(); c++) {
            if (bands.get(c).isPresent()) {
                EnergyBand band = bands.get(c).get();
                String prefix = band.onPi() ? "pi_" : "e_";
                String suffix = bands.size() > 1 ? Integer.toString(c + 1) : "";
                addIfAbsent(product, b, prefix + "min" + suffix, new Field.Real(band.lo()));
                addIfAbsent(product, b, prefix + "max" + suffix, new Field.Real(band.hi()));
            }
        }
        return b.build();
    }

    private static void addIfAbsent(Product product, Product.Builder b, String name, Field field) {
        if (!product.has(name)) {
            b.field(name, field);
        }
    }

    /**
     * Variability-versus-energy spectrum: {@code energy} (band midpoints), {@code energy_intervals[band][lo, hi]},
     * {@code spectrum}, {@code spectrum_error} (complex for the complex covariance), {@code kind}, {@code norm},
     * the reference band {@code ref_band_lo/hi}, {@code freq_lo/hi} and {@code n_freq} (Fourier kinds),
     * {@code dt}, {@code segment_size}, {@code m} (reference segments, or light-curve bins; neither for {@code count},
     * which counts the whole list) and the GTIs used.
     */
    public static Product varEnergySpectrum(VarEnergySpectrum s, GtiList gti, Provenance provenance) {
        Product.Builder b = Product.builder(ProductKind.VAR_ENERGY_SPECTRUM)
                .array("energy", s.energy())
                .matrix("energy_intervals", s.energyIntervals());
        if (s.kind().complex()) {
            b.complex("spectrum", s.spectrum().re(), s.spectrum().im())
                    .complex("spectrum_error", s.spectrumError().re(), s.spectrumError().im());
        } else {
            b.array("spectrum", s.values()).array("spectrum_error", s.errors());
        }
        b.text("kind", s.kind().label())
                .text("norm", s.norm().label())
                .real("ref_band_lo", s.reference().lo())
                .real("ref_band_hi", s.reference().hi());
        if (s.frequencies() > 0) {
            b.real("freq_lo", s.fLo()).real("freq_hi", s.fHi()).integer("n_freq", s.frequencies());
        }
        b.real("dt", s.dt());
        if (s.kind() != VarEnergyKind.COUNT) {      // counts are of the whole list: no segment, no m
            if (s.segmentSize() > 0) {
                b.real("segment_size", s.segmentSize());
            }
            b.integer("m", s.segments());
        }
        gti(b, gti);
        return b.provenance(provenance).build();
    }

    /** {@code m} is a scalar unless rebinning made it vary per bin (as in the reference files). */
    private static void scalarM(Product.Builder b, double[] m) {
        boolean uniform = true;
        for (double v : m) {
            uniform &= v == m[0];
        }
        if (uniform && m.length > 0) {
            b.integer("m", Math.round(m[0]));
        } else {
            b.array("m", m);
        }
    }

    private static void gti(Product.Builder b, GtiList gti) {
        b.gti("gti", gti.toArray());
    }
}
