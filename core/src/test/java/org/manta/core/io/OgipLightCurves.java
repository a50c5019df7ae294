package org.manta.core.io;

import java.nio.file.Path;

/** OGIP light curves as other tools write them, built byte by byte ({@link TestFits}) for reader and command tests. */
public final class OgipLightCurves {
    private OgipLightCurves() {
    }

    /**
     * An OGIP {@code RATE} table with {@code TIME} from 0 at the start of each bin ({@code TIMEPIXR = 0}, times relative
     * to {@code TIMEZERO}), {@code RATE} and {@code ERROR} (single precision), no COUNTS column, {@code MJDREFI = 55000},
     * {@code MJDREFF = 0.25}, {@code TIMESYS = TT}; TELESCOP {@code SWIFT}, INSTRUME {@code XRT} and OBJECT
     * {@code GX 339-4} in the primary header only; a {@code GTI} extension of two intervals,
     * {@code [TIMEZERO, TIMEZERO + 4·dt]} and {@code [TIMEZERO + 5·dt, TIMEZERO + n·dt]}.
     *
     * @param timeunit the TIMEUNIT keyword ({@code s}, or another to be refused)
     */
    public static Path rateOnly(Path file, String timeunit, double dt, double timezero, double[] rate) {
        TestFits.Table table = new TestFits.Table("RATE").column("TIME", "1D").column("RATE", "1E").column("ERROR", "1E")
                .card(TestFits.str("HDUCLAS1", "LIGHTCURVE")).card(TestFits.num("TIMEDEL", dt))
                .card(TestFits.num("TIMEZERO", timezero)).card(TestFits.num("TIMEPIXR", 0.0))
                .card(TestFits.str("TIMEUNIT", timeunit)).card(TestFits.integer("MJDREFI", 55000))
                .card(TestFits.num("MJDREFF", 0.25)).card(TestFits.str("TIMESYS", "TT"));
        for (int i = 0; i < rate.length; i++) {
            table.row(i * dt, rate[i], Math.sqrt(rate[i] * dt) / dt);
        }
        TestFits.Table gti = new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D")
                .row(timezero, timezero + 4 * dt).row(timezero + 5 * dt, timezero + rate.length * dt);
        new TestFits().primary(TestFits.str("TELESCOP", "SWIFT"), TestFits.str("INSTRUME", "XRT"),
                TestFits.str("OBJECT", "GX 339-4")).table(table).table(gti).write(file);
        return file;
    }

    /**
     * An OGIP {@code RATE} table with {@code TIME} at bin centres {@code start + (i + 0.5)·dt} ({@code TIMEPIXR = 0.5},
     * {@code TIMEZERO = 0}), {@code RATE} and, unless {@code fracexp} is null, {@code FRACEXP} (double precision, so
     * NaN and the fractions are kept as given); a {@code GTI} extension of {@code gti} ({@code {start, stop}} pairs)
     * unless it is null.
     */
    public static Path withFracexp(Path file, double dt, double start, double[] rate, double[] fracexp, double[][] gti) {
        TestFits.Table table = new TestFits.Table("RATE").column("TIME", "1D").column("RATE", "1D");
        if (fracexp != null) {
            table.column("FRACEXP", "1D");
        }
        table.card(TestFits.str("HDUCLAS1", "LIGHTCURVE")).card(TestFits.num("TIMEDEL", dt))
                .card(TestFits.num("TIMEPIXR", 0.5)).card(TestFits.str("TIMEUNIT", "s"));
        for (int i = 0; i < rate.length; i++) {
            double time = start + (i + 0.5) * dt;
            table.row(fracexp == null ? new Object[] {time, rate[i]} : new Object[] {time, rate[i], fracexp[i]});
        }
        TestFits fits = new TestFits().primary().table(table);
        if (gti != null) {
            TestFits.Table extension = new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D");
            for (double[] g : gti) {
                extension.row(g[0], g[1]);
            }
            fits.table(extension);
        }
        fits.write(file);
        return file;
    }
}
