package org.manta.cli.output;

import java.util.List;
import java.util.Optional;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.GtiList;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Estimates;

/**
 * Core results → {@link Product}s with the field names of docs/cli.md and the Stingray reference files.
 * The one place where that mapping is written down.
 */
public final class Products {
    private Products() {
    }

    /** {@code freq, power, power_err, unnorm_power, unnorm_power_err, m, n, df, dt, nphots, mean, norm, segment_size, gti}. */
    public static Product powerSpectrum(AveragedPowerSpectrum ps, Provenance provenance) {
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
        return b.provenance(provenance).build();
    }

    /**
     * Cross spectrum with lags and coherence: complex {@code power}, {@code power_err}, {@code unnorm_power};
     * {@code time_lag(_err)}, {@code phase_lag(_err)}, {@code raw_coherence(_err)},
     * {@code intrinsic_coherence(_err)}, {@code pds1_power}, {@code pds2_power}, and the metadata.
     */
    public static Product crossSpectrum(AveragedCrossSpectrum cs, Provenance provenance) {
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
        return b.provenance(provenance).build();
    }

    /** {@code freq, time, dyn_ps[freq][time], df, dt (= segment step), m, meanrate, nphots, norm, segment_size}. */
    public static Product dynamicalPowerSpectrum(DynamicalPowerSpectrum dps, GtiList gti, Provenance provenance) {
        Product.Builder b = Product.builder(ProductKind.DYNAMICAL_POWER_SPECTRUM)
                .array("freq", dps.freq())
                .array("time", dps.time())
                .matrix("dyn_ps", dps.dynPs())
                .real("df", dps.df())
                .real("dt", dps.dt())
                .integer("m", dps.m())
                .real("meanrate", dps.meanrate())
                .real("nphots", dps.nphots())
                .text("norm", dps.norm().label())
                .real("segment_size", dps.segmentSize());
        gti(b, gti);
        return b.provenance(provenance).build();
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
     * {@code product} with the observation's context added after its fields: {@code telescope},
     * {@code instrument}, {@code object}, {@code timesys}, {@code mjdref} (days), and each channel's band:
     * {@code e_min}, {@code e_max} (keV) or {@code pi_min}, {@code pi_max} (PI channels), suffixed {@code 1} and
     * {@code 2} for the two channels of a cross spectrum. A field the product already has is kept as it is.
     */
    public static Product withObservation(Product product, Observation observation) {
        Product.Builder b = product.rebuild();
        addIfAbsent(product, b, "telescope", new Field.Text(observation.telescope()));
        addIfAbsent(product, b, "instrument", new Field.Text(observation.instrument()));
        addIfAbsent(product, b, "object", new Field.Text(observation.object()));
        addIfAbsent(product, b, "timesys", new Field.Text(observation.timesys()));
        addIfAbsent(product, b, "mjdref", new Field.Real(observation.mjdref().value()));
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
