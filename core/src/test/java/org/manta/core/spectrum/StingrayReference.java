package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.gti.GtiList;

/**
 * Reads the Stingray reference JSON (test resources {@code /reference}) and compares arrays with them,
 * recording the worst relative error of each comparison (printed as {@code REFERR} lines).
 */
public final class StingrayReference {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StingrayReference() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = StingrayReference.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /reference/" + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double number(JsonNode node) {
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + node);
            };
        }
        return node.asDouble();
    }

    public static double[] doubles(JsonNode array) {
        double[] a = new double[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = number(array.get(i));
        }
        return a;
    }

    public static int[] ints(JsonNode array) {
        int[] a = new int[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).asInt();
        }
        return a;
    }

    public static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = doubles(rows.get(i));
        }
        return m;
    }

    public static ComplexArray complex(JsonNode node) {
        return new ComplexArray(doubles(node.get("re")), doubles(node.get("im")));
    }

    public static GtiList gti(JsonNode rows) {
        double[] starts = new double[rows.size()];
        double[] stops = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            starts[i] = number(rows.get(i).get(0));
            stops[i] = number(rows.get(i).get(1));
        }
        return GtiList.of(starts, stops);
    }

    /**
     * The event list Stingray read ({@code events_<name>.json}: full time, energy, pi and gti), with the
     * TIMEDEL of the events header read from the FITS file itself (not stored in the JSON).
     */
    public static EventList events(String name, String fitsFile) {
        JsonNode j = load("events_" + name + ".json");
        double timedel = fitsFile == null ? 0.0 : timedel(fitsFile);
        double[] time = doubles(j.get("time"));
        GtiList gti = gti(j.get("gti"));
        ObservationInfo info = new ObservationInfo(j.get("mission").asText().toUpperCase(Locale.ROOT), "",
                j.get("instr").asText(), j.get("timesys").asText(), Mjdref.of(j.get("mjdref").asDouble()), 0, 0,
                timedel, gti.start(), gti.stop());
        return new EventList(time, doubles(j.get("energy")), ints(j.get("pi")), gti, info);
    }

    /** TIMEDEL of the first extension of a FITS file in test resources {@code /data}. */
    public static double timedel(String fitsFile) {
        try (InputStream in = StingrayReference.class.getResourceAsStream("/data/" + fitsFile);
                Fits fits = new Fits(in)) {
            Header header = fits.getHDU(1).getHeader();
            return header.getDoubleValue("TIMEDEL", 0.0);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read TIMEDEL from " + fitsFile, e);
        }
    }

    /** The events of a band ({@code lo <= value < hi}, on PI or energy), same GTIs and info. */
    public static EventList select(EventList ev, EnergyBand band) {
        int count = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (band.contains(band.onPi() ? ev.pi()[i] : ev.energy()[i])) {
                count++;
            }
        }
        double[] t = new double[count];
        double[] e = new double[count];
        int[] p = new int[count];
        int k = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (band.contains(band.onPi() ? ev.pi()[i] : ev.energy()[i])) {
                t[k] = ev.time()[i];
                e[k] = ev.energy()[i];
                p[k] = ev.pi()[i];
                k++;
            }
        }
        return new EventList(t, e, p, ev.gti(), ev.info());
    }

    /**
     * Stingray's {@code suggest_compatible_dt} (science.md §1.1, errata L3), applied here because the
     * reader that owns it is written elsewhere: {@code timedel·max(rint(dt/timedel), 1)} unless numpy
     * {@code isclose(timedel, dt, rtol=1e-4, atol=1e-8)} or there is no TIMEDEL.
     */
    public static double suggestCompatibleDt(double dt, double timedel) {
        if (!(timedel > 0) || Math.abs(timedel - dt) <= 1e-8 + 1e-4 * Math.abs(dt)) {
            return dt;
        }
        return timedel * Math.max(Math.rint(dt / timedel), 1);
    }

    /**
     * Asserts that {@code actual} matches the reference: same length, the same NaN/±infinity pattern,
     * and finite values within {@code rtol} relative error ({@code |a - e|/|e|}; where the reference is
     * exactly 0, {@code |a|} relative to the largest reference magnitude). Prints the worst error.
     *
     * @return the worst relative error
     */
    public static double assertMatches(String what, double[] expected, double[] actual, double rtol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double e : expected) {
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!Double.isFinite(e)) {
                if (Double.compare(e, a) != 0) {
                    fail(what + "[" + i + "]: expected " + e + ", got " + a);
                }
                continue;
            }
            if (!Double.isFinite(a)) {
                fail(what + "[" + i + "]: expected " + e + ", got " + a);
            }
            double err = e != 0 ? Math.abs(a - e) / Math.abs(e) : (a == 0 ? 0 : Math.abs(a) / scale);
            if (err > worst) {
                worst = err;
                worstAt = i;
            }
        }
        System.out.printf(Locale.ROOT, "REFERR %-60s worst %.3e%s%n", what, worst,
                worstAt < 0 ? "" : " at [" + worstAt + "] expected " + expected[worstAt] + " got " + actual[worstAt]);
        double w = worst;
        int at = worstAt;
        assertTrue(w <= rtol, () -> what + ": worst relative error " + w + " at [" + at + "] exceeds " + rtol
                + " (expected " + expected[at] + ", got " + actual[at] + ")");
        return worst;
    }

    public static double assertMatches(String what, ComplexArray expected, ComplexArray actual, double rtol) {
        return Math.max(assertMatches(what + ".re", expected.re(), actual.re(), rtol),
                assertMatches(what + ".im", expected.im(), actual.im(), rtol));
    }

    /**
     * Compares complex values whose components can cancel (cross powers): the error of bin j is
     * {@code max(|Δre|, |Δim|)/scale[j]}, with {@code scale} the magnitude of the terms summed into it
     * ({@code √(P1·P2)} of the same bin), so a component that happens to be near zero is not judged
     * relative to itself.
     */
    public static double assertMatchesScaled(String what, ComplexArray expected, ComplexArray actual, double[] scale,
            double rtol) {
        assertEquals(expected.length(), actual.length(), what + ": length");
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length(); i++) {
            double err = Math.max(Math.abs(expected.re()[i] - actual.re()[i]),
                    Math.abs(expected.im()[i] - actual.im()[i])) / scale[i];
            if (!(err <= worst)) {
                worst = err;
                worstAt = i;
            }
        }
        System.out.printf(Locale.ROOT, "REFERR %-60s worst %.3e (relative to sqrt(P1*P2))%n", what, worst);
        double w = worst;
        int at = worstAt;
        assertTrue(w <= rtol, () -> what + ": worst scaled error " + w + " at [" + at + "] exceeds " + rtol);
        return worst;
    }

    /** Element-wise {@code √(a·b)}. */
    public static double[] geometricMean(double[] a, double[] b) {
        double[] g = new double[a.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.sqrt(a[i] * b[i]);
        }
        return g;
    }

    public static double assertMatches(String what, double expected, double actual, double rtol) {
        return assertMatches(what, new double[] {expected}, new double[] {actual}, rtol);
    }

    /** Reference m is either a scalar or one value per bin. */
    public static void assertM(String what, JsonNode expected, double[] actual) {
        double[] e;
        if (expected.isArray()) {
            e = doubles(expected);
        } else {
            e = new double[actual.length];
            Arrays.fill(e, expected.asDouble());
        }
        assertEquals(Arrays.toString(e), Arrays.toString(actual), what + ": m");
    }
}
