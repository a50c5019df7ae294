package org.manta.core.varenergy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manta.core.events.EnergyBand;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;

/** What the spectra must show on simulated bands whose variability is known (SimulatedBands). */
class VarEnergyInvariantTest {
    /** A simulated value may miss the truth by this many of its own 1σ errors (false alarm ~6e-5 per value). */
    static final double SIGMAS = 4;
    static final double[] EDGES = {0.5, 1, 2, 4, 8};
    static final double DURATION = 2048;
    static final SegmentSpec SPEC = SegmentSpec.of(1.0 / 64, 16);
    static final double F_LO = 0.2;
    static final double F_HI = 2.0;

    private static VarEnergyAccumulator onePass(SimulatedBands sim, EnergyBand reference) {
        VarEnergyLayout layout = new VarEnergyLayout(SPEC, EnergyBands.energy(EDGES), reference, F_LO, F_HI, 16, false);
        VarEnergyAccumulator acc = new VarEnergyAccumulator(layout);
        sim.addTo(acc, 0, sim.segments(layout));
        return acc;
    }

    @Test
    void lagSpectrumRecoversTheSimulatedDelays() {
        double[] lags = {0, 0.005, 0.01, 0.02};
        SimulatedBands sim = SimulatedBands.simulate(EDGES, new double[] {250, 250, 250, 250}, lags, DURATION, 11);
        // reference = band 0: band b lags it by lags[b] - lags[0]
        VarEnergySpectrum lag = onePass(sim, EnergyBand.energy(0.5, 1)).result(VarEnergyKind.LAG, Normalization.NONE);
        // band 0 is the reference itself: C = |X|² is real, the lag exactly 0 (its overlap error is NaN, as Stingray's)
        assertEquals(0.0, lag.values()[0], 0.0, "band 0 against itself");
        for (int b = 1; b < lags.length; b++) {
            double err = lag.errors()[b];
            assertTrue(err > 0 && err < 0.003, "band " + b + ": error " + err + " s should resolve a 5 ms lag");
            assertEquals(lags[b] - lags[0], lag.values()[b], SIGMAS * err, "band " + b + " lag, s");
        }
    }

    @Test
    void rmsOfAConstantFractionSourceIsFlatAtTheSimulatedRms() {
        double[] rates = {100, 300, 200, 150};
        SimulatedBands sim = SimulatedBands.simulate(EDGES, rates, new double[4], DURATION, 12);
        VarEnergySpectrum rms = onePass(sim, VarEnergyRequest.fullBand(false)).result(VarEnergyKind.RMS,
                Normalization.FRAC);
        // Σ of sinusoids of fractional amplitude a, all inside the window, on the frequency grid: rms = a·√(n/2)
        double truth = SimulatedBands.SIGNAL_AMPLITUDE * Math.sqrt(SimulatedBands.SIGNAL_FREQUENCIES.length / 2.0);
        for (int b = 0; b < rates.length; b++) {
            double err = rms.errors()[b];
            assertTrue(err > 0 && err < 0.1 * truth, "band " + b + ": error " + err);
            assertEquals(truth, rms.values()[b], SIGMAS * err, "band " + b + " fractional rms");
        }
        // absolute rms scales with the band's rate
        VarEnergySpectrum abs = onePass(sim, VarEnergyRequest.fullBand(false)).result(VarEnergyKind.RMS,
                Normalization.ABS);
        for (int b = 0; b < rates.length; b++) {
            assertEquals(truth * rates[b], abs.values()[b], SIGMAS * abs.errors()[b], "band " + b + " rms, ct/s");
        }
    }

    @Test
    void covarianceOfCoherentBandsEqualsTheirRms() {
        double[] rates = {100, 300, 200, 150};
        SimulatedBands sim = SimulatedBands.simulate(EDGES, rates, new double[4], DURATION, 13);
        VarEnergyAccumulator acc = onePass(sim, VarEnergyRequest.fullBand(false));
        VarEnergySpectrum cov = acc.result(VarEnergyKind.COVARIANCE, Normalization.FRAC);
        double truth = SimulatedBands.SIGNAL_AMPLITUDE * Math.sqrt(SimulatedBands.SIGNAL_FREQUENCIES.length / 2.0);
        for (int b = 0; b < rates.length; b++) {
            assertEquals(truth, cov.values()[b], SIGMAS * cov.errors()[b], "band " + b + " fractional covariance");
        }
        VarEnergySpectrum count = acc.result(VarEnergyKind.COUNT, Normalization.NONE);
        for (int b = 0; b < rates.length; b++) {
            assertEquals(rates[b] * DURATION, count.values()[b], SIGMAS * count.errors()[b], "band " + b + " counts");
        }
    }
}
