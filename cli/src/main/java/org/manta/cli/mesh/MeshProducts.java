package org.manta.cli.mesh;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import java.util.Optional;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.plan.Observation;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Norms;
import org.manta.proto.v1.FadSpec;
import org.manta.core.gti.GtiList;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergySpectrum;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.ChannelBand;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.ObservationContext;
import org.manta.proto.v1.VarEnergySpec;
import org.manta.core.lombscargle.LombScargleCrossSpectrum;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.bispectrum.Bicoherence;
import org.manta.core.bispectrum.Bispectrum;
import org.manta.core.bispectrum.LagWindow;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;

/**
 * A mesh product ({@code manta.v1.Product}) → the command line's {@link Product}, with the fields
 * {@link org.manta.cli.output.Products} gives the embedded results of the same command, and the observation's
 * context the mesh planned ({@link Products#withObservation}), so the writers (JSON, FITS, CSV) and plots produce
 * the same output either way.
 */
final class MeshProducts {
    private MeshProducts() {
    }

    /**
     * {@code product} (the command line's product of {@code p}, of any kind) with the observation's context the mesh
     * planned, added last as the embedded command adds it ({@link Products#withObservation}); unchanged for a product
     * of older services, which carries none.
     */
    static Product withObservation(org.manta.proto.v1.Product p, Product product) {
        return p.hasObservation() ? Products.withObservation(product, observation(p.getObservation())) : product;
    }

    /**
     * The context a product carries (mesh-common's {@code Protos.observation}, reversed): a channel whose band is
     * unset selects every event.
     */
    static Observation observation(ObservationContext c) {
        List<Optional<EnergyBand>> bands = new ArrayList<>();
        for (ChannelBand channel : c.getChannelsList()) {
            Band b = channel.getBand();
            bands.add(channel.hasBand() ? Optional.of(new EnergyBand(b.getLo(), b.getHi(), b.getOnPi())) : Optional.empty());
        }
        return new Observation(c.getTelescope(), c.getInstrument(), c.getObject(), c.getTimesys(),
                new Mjdref(c.getMjdref().getDays(), c.getMjdref().getFraction()), bands);
    }

    /**
     * @param commandLine the {@code manta submit ...} command line, for the provenance
     * @param localInputs the files as the user named them (uploads), or empty to keep the server's paths
     */
    static Product toCli(org.manta.proto.v1.Product p, String commandLine, List<Provenance.InputFile> localInputs) {
        if (p.getKind() == org.manta.proto.v1.ProductKind.PDS) {         // as manta pds without statistics or rebin
            return Products.powerSpectrumFields(powerSpectrum(p)).provenance(provenance(p, commandLine, localInputs))
                    .build();
        }
        if (p.getKind() == org.manta.proto.v1.ProductKind.DYNPS) {       // as manta dynps without --rebin
            return Products.dynamicalPowerSpectrum(dynamical(p), p.getDt(), gti(p),
                    provenance(p, commandLine, localInputs));
        }
        if (p.getKind() == org.manta.proto.v1.ProductKind.VARENERGY) {   // the embedded command's own mapping
            return Products.varEnergySpectrum(varEnergy(p), gti(p), provenance(p, commandLine, localInputs));
        }
        if (p.getKind() == org.manta.proto.v1.ProductKind.LC) {          // the embedded command's own mapping
            return Products.lightCurve(lightCurve(p), provenance(p, commandLine, localInputs));
        }
        if (p.getKind() == org.manta.proto.v1.ProductKind.LOMB) {        // the embedded command's own mapping
            return lomb(p, provenance(p, commandLine, localInputs));
        }
        if (p.getKind() == org.manta.proto.v1.ProductKind.MULTITAPER) {  // the embedded command's own mapping
            return multitaper(p, provenance(p, commandLine, localInputs));
        }
        if (p.getKind() == org.manta.proto.v1.ProductKind.BISPECTRUM) {  // the embedded command's own mapping
            return bispectrum(p, provenance(p, commandLine, localInputs));
        }
        if (p.getKind() == org.manta.proto.v1.ProductKind.BICOHERENCE) { // the embedded command's own mapping
            return bicoherence(p, provenance(p, commandLine, localInputs));
        }
        if (p.getKind() == org.manta.proto.v1.ProductKind.FAD) {         // without the Zhang model of --deadtime
            return Products.fad(fad(p), Optional.empty(), Double.NaN, provenance(p, commandLine, localInputs));
        }
        Product.Builder b = switch (p.getKind()) {
            case CPDS -> Product.builder(ProductKind.CROSS_SPECTRUM)
                    .array("freq", doubles(p.getFreqList()))
                    .complex("power", re(p.getPower()), im(p.getPower()))
                    .complex("power_err", re(p.getPowerErr()), im(p.getPowerErr()))
                    .complex("unnorm_power", re(p.getUnnormPower()), im(p.getUnnormPower()))
                    .array("time_lag", doubles(p.getTimeLagList()))
                    .array("time_lag_err", doubles(p.getTimeLagErrList()))
                    .array("phase_lag", doubles(p.getPhaseLagList()))
                    .array("phase_lag_err", doubles(p.getPhaseLagErrList()))
                    .array("raw_coherence", doubles(p.getRawCoherenceList()))
                    .array("raw_coherence_err", doubles(p.getRawCoherenceErrList()))
                    .array("intrinsic_coherence", doubles(p.getIntrinsicCoherenceList()))
                    .array("intrinsic_coherence_err", doubles(p.getIntrinsicCoherenceErrList()))
                    .array("pds1_power", doubles(p.getPds1PowerList()))
                    .array("pds2_power", doubles(p.getPds2PowerList()))
                    .integer("m", p.getM()).integer("n", p.getN()).real("df", p.getDf()).real("dt", p.getDt())
                    .real("nphots", p.getNphots()).real("nphots1", p.getNphots1()).real("nphots2", p.getNphots2())
                    .real("mean", p.getMean()).text("norm", norm(p)).real("segment_size", p.getSegmentSize());
            default -> throw new IllegalArgumentException("the mesh returned a product of kind " + p.getKind());
        };
        double[][] gti = new double[p.getGtiCount()][];
        for (int i = 0; i < gti.length; i++) {
            Gti g = p.getGti(i);
            gti[i] = new double[] {g.getStart(), g.getStop()};
        }
        b.gti("gti", gti);
        return b.provenance(provenance(p, commandLine, localInputs)).build();
    }

    /**
     * The core spectrum a PDS product carries (mesh-common's {@code ProductMapper.pds}, reversed): m per bin is the
     * segment count (the mesh does not rebin), the GTIs those of the product.
     */
    static AveragedPowerSpectrum powerSpectrum(org.manta.proto.v1.Product p) {
        double[] freq = doubles(p.getFreqList());
        double[] m = new double[freq.length];
        int[] k = new int[freq.length];
        java.util.Arrays.fill(m, p.getM());
        java.util.Arrays.fill(k, 1);
        return new AveragedPowerSpectrum(freq, re(p.getPower()), re(p.getPowerErr()), re(p.getUnnormPower()),
                re(p.getUnnormPowerErr()), m, k, Math.toIntExact(p.getM()), Math.toIntExact(p.getN()), p.getDf(),
                p.getDt(), p.getNphots(), p.getMean(), Normalization.parse(norm(p)), p.getSegmentSize(),
                p.getGtiCount() == 0 ? java.util.Optional.empty() : java.util.Optional.of(gti(p)));
    }

    /** The core light curve of an LC product (mesh-common's {@code ProductMapper.lightCurve}, reversed). */
    static LightCurve lightCurve(org.manta.proto.v1.Product p) {
        return new LightCurve(doubles(p.getTimeList()), doubles(p.getCountsList()), doubles(p.getCountsErrList()),
                p.getDt(), gti(p), p.getTstart(), p.getTseg());
    }

    static GtiList gti(org.manta.proto.v1.Product p) {
        List<org.manta.core.gti.Gti> gti = new ArrayList<>();
        p.getGtiList().forEach(g -> gti.add(new org.manta.core.gti.Gti(g.getStart(), g.getStop())));
        return GtiList.of(gti);
    }

    /**
     * The core spectra a FAD product carries (mesh-common's {@code ProductMapper.fad}, reversed), with the
     * product's GTIs.
     */
    static FadSpectrum fad(org.manta.proto.v1.Product p) {
        FadSpec o = p.getFadOptions();
        return new FadSpectrum(doubles(p.getFreqList()), doubles(p.getPds1List()), doubles(p.getPds2List()),
                complex(p.getCs()), doubles(p.getPtotList()), doubles(p.getPds1UnnormList()),
                doubles(p.getPds2UnnormList()), complex(p.getCsUnnorm()), doubles(p.getPtotUnnormList()),
                doubles(p.getPtotUncorrectedList()), complex(p.getFad()), Math.toIntExact(p.getM()),
                Math.toIntExact(p.getN()), p.getDf(), p.getDt(), p.getNphots1(), p.getNphots2(), p.getNphots(),
                Normalization.parse(norm(p)), FadSmoothing.parse(o.getSmoothing()), o.getSmoothingLength(),
                p.getFadDelta(), o.getTolerance(), p.getSegmentSize(), Optional.of(gti(p)));
    }

    /**
     * The core dynamical power spectrum a DYNPS product carries (mesh-common's {@code ProductMapper.dynps},
     * reversed): the common normalisation factor and the mean rate recomputed from the mean photons per segment as
     * the core's {@code DynamicalPowerAccumulator.result} computes them.
     */
    static DynamicalPowerSpectrum dynamical(org.manta.proto.v1.Product p) {
        double[][] rows = dynPs(p);
        int n = Math.toIntExact(p.getN());
        double nph = p.getNphots();
        Normalization norm = Normalization.parse(norm(p));
        return new DynamicalPowerSpectrum(doubles(p.getFreqList()), doubles(p.getTimeList()), rows, p.getDf(),
                p.getSegmentSize(), Math.toIntExact(p.getM()), nph / (n * p.getDt()), nph, norm, p.getSegmentSize(),
                Norms.factor(norm, p.getDt(), n, nph / n, nph));
    }

    /** {@code dyn_ps[f * n_time + t]} as rows {@code [f][t]}. */
    private static double[][] dynPs(org.manta.proto.v1.Product p) {
        int nf = (int) p.getDynPsShape(0);
        int nt = (int) p.getDynPsShape(1);
        double[][] rows = new double[nf][nt];
        for (int f = 0; f < nf; f++) {
            for (int t = 0; t < nt; t++) {
                rows[f][t] = p.getDynPs(f * nt + t);
            }
        }
        return rows;
    }

    /** The core spectrum a VARENERGY product carries (mesh-common's {@code ProductMapper.varEnergy}, reversed). */
    static VarEnergySpectrum varEnergy(org.manta.proto.v1.Product p) {
        VarEnergySpec v = p.getVarenergy();
        double[][] intervals = new double[Math.max(0, v.getBandEdgesCount() - 1)][];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new double[] {v.getBandEdges(i), v.getBandEdges(i + 1)};
        }
        Band r = v.getReference();
        return new VarEnergySpectrum(VarEnergyKind.parse(v.getKind()), Normalization.parse(norm(p)), intervals,
                complex(p.getSpectrum()), complex(p.getSpectrumError()), v.getFreqLo(), v.getFreqHi(),
                new EnergyBand(r.getLo(), r.getHi(), r.getOnPi()), p.getDt(), p.getSegmentSize(), p.getNFreq(), p.getM());
    }

    /** A wire array as the core's; a real one gets zero imaginary parts (as the core's real spectra have). */
    private static org.manta.core.fourier.ComplexArray complex(ComplexArray a) {
        double[] re = re(a);
        double[] im = a.getImCount() == 0 ? new double[re.length] : im(a);
        return new org.manta.core.fourier.ComplexArray(re, im);
    }

    static Provenance provenance(org.manta.proto.v1.Product p, String commandLine,
                                         List<Provenance.InputFile> localInputs) {
        List<Provenance.InputFile> inputs = new ArrayList<>();
        List<InputFile> remote = p.getProvenance().getInputsList();
        for (int i = 0; i < remote.size(); i++) {
            InputFile f = remote.get(i);
            inputs.add(i < localInputs.size() ? localInputs.get(i) : new Provenance.InputFile(f.getPath(), f.getSha256(),
                    f.getSizeBytes()));
        }
        Instant created = p.getProvenance().hasCreated()
                ? Instant.ofEpochSecond(p.getProvenance().getCreated().getSeconds()) : Instant.now();
        return new Provenance(org.manta.cli.Version.SOFTWARE, p.getProvenance().getSoftwareVersion() + " (mesh job "
                + p.getJobId() + ")", commandLine, inputs, created.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String norm(org.manta.proto.v1.Product p) {
        return p.getNorm().name().toLowerCase(Locale.ROOT);
    }

    private static double[] re(ComplexArray a) {
        return doubles(a.getReList());
    }

    private static double[] im(ComplexArray a) {
        return doubles(a.getImList());
    }

    private static double[] doubles(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /**
     * A LOMB product as {@code manta lomb} writes it: the core spectrum rebuilt (mesh-common's
     * {@code ProductMapper.lomb}, reversed; a cross spectrum when {@code power} is complex) and written with the
     * embedded command's {@code Products.lombScarglePowerSpectrum/lombScargleCrossSpectrum}.
     */
    static Product lomb(org.manta.proto.v1.Product p, Provenance provenance) {
        double[] freq = doubles(p.getFreqList());
        Normalization norm = Normalization.parse(norm(p));
        LombScargleMethod method = LombScargleMethod.parse(p.getLomb().getMethod());
        int oversampling = p.getLomb().getOversampling();
        if (p.getPower().getImCount() == 0) {
            return Products.lombScarglePowerSpectrum(new LombScarglePowerSpectrum(freq, re(p.getUnnormPower()),
                    re(p.getPower()), norm, method, Math.toIntExact(p.getN()), p.getDt(), p.getNphots(),
                    errDist(p.getLomb().getErrDist())),
                    oversampling, provenance);
        }
        return Products.lombScargleCrossSpectrum(new LombScargleCrossSpectrum(freq, complex(p.getUnnormPower()),
                complex(p.getPower()), norm, method, Math.toIntExact(p.getN()), p.getDt(), p.getNphots1(),
                p.getNphots2(), errDist(p.getLomb().getErrDist())), oversampling, provenance);
    }

    /**
     * How a LOMB or MULTITAPER product's counts were taken to scatter: its {@code err_dist}, the one the fft worker
     * used; Poisson for a product of older services, which normalised every series so and recorded none.
     */
    static ErrorDistribution errDist(String label) {
        return label.isEmpty() ? ErrorDistribution.POISSON : ErrorDistribution.parse(label);
    }

    /**
     * A MULTITAPER product as {@code manta multitaper} writes it: the core spectrum and options rebuilt (mesh-common's
     * {@code ProductMapper.multitaper}, reversed) and written with {@code Products.multitaperSpectrum}.
     */
    static Product multitaper(org.manta.proto.v1.Product p, Provenance provenance) {
        org.manta.proto.v1.MultitaperSpec o = p.getMultitaper();
        MultitaperSpectrum s = new MultitaperSpectrum(doubles(p.getFreqList()), re(p.getPower()), re(p.getUnnormPower()),
                doubles(p.getMultitaperNormPowerList()), doubles(p.getEigvalsList()),
                o.getLombscargle() ? null : doubles(p.getJkVarDegFreedomList()),      // the Lomb–Scargle one has none
                Normalization.parse(norm(p)), Math.toIntExact(p.getN()), p.getDt(), p.getDf(), p.getNphots(),
                errDist(o.getErrDist()));
        return Products.multitaperSpectrum(s, new MultitaperOptions(o.getNw(), o.getAdaptive(), !o.getNoJackknife(),
                !o.getNoLowBias()), provenance);
    }

    /**
     * A BISPECTRUM product as {@code manta bispectrum} writes it: the core bispectrum rebuilt (mesh-common's
     * {@code ProductMapper.bispectrum}, reversed: the row-major matrices cut into rows) and written with
     * {@code Products.bispectrum}.
     */
    static Product bispectrum(org.manta.proto.v1.Product p, Provenance provenance) {
        org.manta.proto.v1.BispectrumSpec o = p.getBispectrum();
        int side = p.getLagsCount();
        double[] cum3 = doubles(p.getCum3List());
        double[] re = re(p.getBispec());
        double[] im = im(p.getBispec());
        if (cum3.length != side * side || re.length != side * side || im.length != side * side) {
            throw new IllegalArgumentException("the mesh returned a bispectrum of " + side + " lags with " + cum3.length
                    + " cumulant and " + re.length + " bispectrum values (expected " + side + "^2)");
        }
        Optional<LagWindow> window = window(o.getWindow());
        return Products.bispectrum(new Bispectrum(doubles(p.getLagsList()), doubles(p.getFreqList()), rows(cum3, side),
                rows(re, side), rows(im, side), o.getMaxlag(), window, o.getUnbiased(), Math.toIntExact(p.getN()),
                p.getDt()), provenance);
    }

    /**
     * A BICOHERENCE product as {@code manta bicoherence} writes it: the core bicoherence rebuilt (mesh-common's
     * {@code ProductMapper.bicoherence}, reversed) and written with {@code Products.bicoherence}.
     */
    static Product bicoherence(org.manta.proto.v1.Product p, Provenance provenance) {
        int side = p.getFreqCount();
        double[] b2 = doubles(p.getBicoherenceList());
        if (b2.length != side * side) {
            throw new IllegalArgumentException("the mesh returned a bicoherence of " + side + " frequencies with "
                    + b2.length + " values (expected " + side + "^2)");
        }
        return Products.bicoherence(new Bicoherence(doubles(p.getFreqList()), rows(b2, side), Math.toIntExact(p.getM()),
                Math.toIntExact(p.getN()), p.getDt(), window(p.getBicoherenceOptions().getWindow())), provenance);
    }

    /** A row-major matrix of {@code side} columns cut into its rows. */
    private static double[][] rows(double[] values, int side) {
        double[][] rows = new double[values.length / side][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(values, i * side, (i + 1) * side);
        }
        return rows;
    }

    /** A window by its label; "" = none. */
    private static Optional<LagWindow> window(String label) {
        return label.isEmpty() ? Optional.empty() : Optional.of(LagWindow.parse(label));
    }
}
