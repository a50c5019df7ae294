package org.manta.cli.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;

/**
 * What every plot says about its data: the input file(s), the band(s), dt, the segment length and m, read
 * from the product and its provenance: the bands from the product's {@code e_min}/{@code e_max} or
 * {@code pi_min}/{@code pi_max} fields (suffixed 1 and 2 for the two channels of a cross spectrum) or its
 * {@code band} fields, and from the recorded command line only when the product has none (older products).
 * A dynamical spectrum's dt is its bin time ({@code bin_time}), not its time step.
 *
 * @param files     input file names (no directories)
 * @param bands     band options as given, e.g. {@code energy1 → 3:10}
 * @param dt        bin time, s, or NaN
 * @param segment   segment length, s, or NaN
 * @param mText     m, or its range when it varies per bin; empty when unknown
 * @param gauss     whether the powers were normalised with the input's own errors ({@code err_dist} gauss) rather than
 *                  as Poisson counts
 * @param method    the method's own settings ({@link #method}): multitaper's NW, Lomb–Scargle's method, the bispectrum's
 *                  lag, window and scale; empty for others
 */
record PlotNotes(List<String> files, Map<String, String> bands, double dt, double segment, String mText,
                 boolean gauss, String method) {
    private static final String[] BAND_OPTIONS = {"--energy", "--pi", "--energy1", "--pi1", "--energy2", "--pi2"};

    static PlotNotes of(Product p) {
        Provenance prov = p.provenance();
        List<String> files = new ArrayList<>();
        for (Provenance.InputFile f : prov.inputs()) {
            Path name = Path.of(f.path()).getFileName();
            files.add(name == null ? f.path() : name.toString());
        }
        Map<String, String> bands = productBands(p);
        for (String key : new String[] {"band", "band1", "band2"}) {
            p.text(key).ifPresent(v -> bands.put(key, v));
        }
        if (bands.isEmpty()) {
            String[] words = prov.commandLine().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                for (String opt : BAND_OPTIONS) {
                    if (words[i].equals(opt) && i + 1 < words.length) {
                        bands.put(opt.substring(2), words[i + 1]);
                    } else if (words[i].startsWith(opt + "=")) {
                        bands.put(opt.substring(2), words[i].substring(opt.length() + 1));
                    }
                }
            }
        }
        // a dynamical spectrum's dt is its time step (the segment), not the bin time: its bin_time is shown
        double dt = p.has("bin_time") ? p.number("bin_time")
                : p.has("dt") && p.kind() != ProductKind.DYNAMICAL_POWER_SPECTRUM ? p.number("dt") : Double.NaN;
        double segment = p.has("segment_size") ? p.number("segment_size") : Double.NaN;
        String m = "";
        Optional<double[]> mArray = p.optionalArray("m");
        if (mArray.isPresent() && mArray.get().length > 0) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : mArray.get()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            m = lo == hi ? fmt(lo) : fmt(lo) + "–" + fmt(hi) + " per bin";
        } else if (p.has("m")) {
            m = fmt(p.number("m"));
        }
        boolean gauss = p.text("err_dist").filter("gauss"::equals).isPresent();
        return new PlotNotes(List.copyOf(files), bands, dt, segment, m, gauss, method(p));
    }

    /**
     * What the method was asked to do, as the product records it: {@code NW = 4} of a multitaper spectrum,
     * {@code method: fast, oversampling 5} of a Lomb–Scargle one, {@code maxlag = 64, parzen window, biased} of a
     * bispectrum; empty for other products (or older ones without these fields).
     */
    private static String method(Product p) {
        List<String> parts = new ArrayList<>();
        switch (p.kind()) {
            case MULTITAPER_POWER_SPECTRUM -> {
                if (p.has("nw")) {
                    parts.add("NW = " + fmt(p.number("nw")));
                }
            }
            case LOMB_SCARGLE_POWER_SPECTRUM, LOMB_SCARGLE_CROSS_SPECTRUM -> {
                p.text("method").ifPresent(m -> parts.add("method: " + m));
                if (p.text("method").filter("fast"::equals).isPresent() && p.has("oversampling")) {
                    parts.add("oversampling " + fmt(p.number("oversampling")));
                }
            }
            case BISPECTRUM -> {
                if (p.has("maxlag")) {
                    parts.add("maxlag = " + fmt(p.number("maxlag")) + " bins");
                }
                p.text("window").ifPresent(w -> parts.add(w.equals("none") ? "no window" : w + " window"));
                p.text("scale").ifPresent(parts::add);
            }
            default -> {
            }
        }
        return String.join(", ", parts);
    }

    /**
     * The bands the product records, keyed as the command-line options that select them ({@code energy1 → 3:10}):
     * {@code e_min[c]}/{@code e_max[c]} (keV) or {@code pi_min[c]}/{@code pi_max[c]} for channel suffix c = "", 1, 2.
     */
    private static Map<String, String> productBands(Product p) {
        Map<String, String> bands = new LinkedHashMap<>();
        for (String suffix : new String[] {"", "1", "2"}) {
            for (String[] kind : new String[][] {{"e_", "energy"}, {"pi_", "pi"}}) {
                String lo = kind[0] + "min" + suffix;
                String hi = kind[0] + "max" + suffix;
                if (p.has(lo) && p.has(hi)) {
                    bands.put(kind[1] + suffix, fmt(p.number(lo)) + ":" + fmt(p.number(hi)));
                }
            }
        }
        return bands;
    }

    /** The lines of the notes panel. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!files.isEmpty()) {
            out.add((files.size() == 1 ? "file: " : "files: ") + String.join(", ", files));
        }
        if (!bands.isEmpty()) {
            List<String> b = new ArrayList<>();
            bands.forEach((k, v) -> b.add(k + " " + v));
            out.add("band: " + String.join(", ", b));
        } else {
            out.add("band: all events");
        }
        List<String> timing = new ArrayList<>();
        if (Double.isFinite(dt)) {
            timing.add("dt = " + fmt(dt) + " s");
        }
        if (Double.isFinite(segment)) {
            timing.add("segment = " + fmt(segment) + " s");
        }
        if (!mText.isEmpty()) {
            timing.add("m = " + mText);
        }
        if (!timing.isEmpty()) {
            out.add(String.join(", ", timing));
        }
        if (!method.isEmpty()) {
            out.add(method);
        }
        if (gauss) {
            out.add("errors: the light curve's own (--err-dist gauss)");
        }
        return out;
    }

    /** Legend text of a lag series: subject band vs reference band (or the files). */
    String bandLegend() {
        String subject = firstOf("energy1", "pi1", "band1");
        String reference = firstOf("energy2", "pi2", "band2");
        if (subject != null && reference != null) {
            return "lag of " + subject + " vs " + reference;
        }
        if (files.size() == 2) {
            return "lag of " + files.get(0) + " vs " + files.get(1);
        }
        return "time lag";
    }

    private String firstOf(String... keys) {
        for (String k : keys) {
            if (bands.containsKey(k)) {
                String unit = k.startsWith("energy") ? " keV" : k.startsWith("pi") ? " PI" : "";
                return bands.get(k) + unit;
            }
        }
        return null;
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
