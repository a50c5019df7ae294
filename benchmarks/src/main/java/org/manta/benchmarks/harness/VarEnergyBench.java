package org.manta.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;
import org.manta.core.simulate.BenchmarkObservation;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.EnergyBands;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.core.varenergy.VarEnergySpectrum;

/**
 * The variability-versus-energy benchmark setting: the benchmark file (NICER PI 30–999, i.e. 0.30–9.99 keV
 * uniform) in ten logarithmic bands from 0.3 to 10 keV, reference = all energies (Stingray's default), frequency
 * interval 1–10 Hz (holds the 3.3 Hz pulsation), the benchmark's dt = 1/4096 s and 64 s segments. Manta makes
 * the lag and rms spectra from one pass; Stingray runs {@code LagSpectrum} and {@code RmsSpectrum}.
 */
final class VarEnergyBench {
    /** Ten bands, logarithmic from 0.3 to 10 keV ({@code numpy.logspace(log10 0.3, 1, 11)}, rounded to 4 digits). */
    static final double[] EDGES = {0.3, 0.4252, 0.6027, 0.8543, 1.211, 1.716, 2.432, 3.447, 4.886, 6.925, 10};
    static final double F_LO = 1;
    static final double F_HI = 10;

    private VarEnergyBench() {
    }

    static VarEnergyRequest request(VarEnergyKind kind, int inputs) {
        return new VarEnergyRequest(kind, Normalization.FRAC, BenchmarkObservation.DT, BenchmarkObservation.SEGMENT,
                EnergyBands.energy(EDGES), VarEnergyRequest.fullBand(false), F_LO, F_HI, inputs);
    }

    /** The arguments of {@code benchmarks/stingray_varenergy.py} for the same setting. */
    static String[] stingrayArguments() {
        StringJoiner edges = new StringJoiner(",");
        for (double e : EDGES) {
            edges.add(Double.toString(e));
        }
        return new String[] {"--bands", edges.toString(), "--freq", F_LO + ":" + F_HI, "--dt", "1/4096", "--segment",
            String.format(Locale.ROOT, "%.0f", BenchmarkObservation.SEGMENT)};
    }

    /** Writes the two spectra as {@code {"lag": {...}, "rms": {...}}} (the Python script's -o layout). */
    static void write(Path file, VarEnergySpectrum lag, VarEnergySpectrum rms) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        put(root.putObject("lag"), lag);
        put(root.putObject("rms"), rms);
        m.writeValue(file.toFile(), root);
    }

    /**
     * The largest relative difference between two tools' spectra files, over the finite values of the lag and
     * rms spectra and their errors (values NaN in one and not the other count as infinite).
     */
    static double compare(ObjectMapper m, Path a, Path b) throws IOException {
        JsonNode x = m.readTree(a.toFile());
        JsonNode y = m.readTree(b.toFile());
        double worst = 0;
        for (String product : new String[] {"lag", "rms"}) {
            for (String field : new String[] {"spectrum", "spectrum_error"}) {
                JsonNode u = x.get(product).get(field);
                JsonNode v = y.get(product).get(field);
                for (int i = 0; i < u.size(); i++) {
                    double p = number(u.get(i));
                    double q = number(v.get(i));
                    if (Double.isNaN(p) != Double.isNaN(q)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    if (!Double.isNaN(p)) {
                        worst = Math.max(worst, Math.abs(p - q) / Math.max(Math.abs(q), Double.MIN_NORMAL));
                    }
                }
            }
        }
        return worst;
    }

    /** A number, or one of the strings {@code NaN}, {@code Infinity}, {@code -Infinity} (any case: numpy writes nan). */
    private static double number(JsonNode v) {
        if (!v.isTextual()) {
            return v.asDouble();
        }
        return switch (v.asText().toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v.asText());
        };
    }

    private static void put(ObjectNode node, VarEnergySpectrum s) {
        ArrayNode v = node.putArray("spectrum");
        ArrayNode e = node.putArray("spectrum_error");
        for (int i = 0; i < s.values().length; i++) {
            v.add(s.values()[i]);
            e.add(s.errors()[i]);
        }
    }
}
