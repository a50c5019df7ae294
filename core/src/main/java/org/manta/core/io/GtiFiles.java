package org.manta.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.manta.core.BadEventFileException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/**
 * User GTI files (HENDRICS {@code --gti}-style): a FITS file whose first binary table with START and STOP
 * columns holds the intervals (e.g. a GTI extension of another event file, or one written by
 * {@code HENcreategti}), or a text file of two columns {@code start stop} per line ({@code #} starts a
 * comment; spaces, tabs or commas separate). Times are in the event files' time system (MET s).
 * Intervals are sorted; overlapping ones are an error.
 */
public final class GtiFiles {
    private GtiFiles() {
    }

    /**
     * Reads the GTIs of {@code file}: FITS when it starts with {@code SIMPLE}, else text.
     *
     * @throws BadEventFileException naming the file and the line or HDU that is wrong
     */
    public static GtiList read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadEventFileException(file, "no such GTI file");
            }
            return isFits(file) ? readFits(file) : readText(file);
        } catch (IOException e) {
            throw new BadEventFileException(file, "cannot read the GTI file: " + e.getMessage(), e);
        }
    }

    private static boolean isFits(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(6);
            return new String(head, StandardCharsets.US_ASCII).equals("SIMPLE");
        }
    }

    private static GtiList readText(Path file) throws IOException {
        List<Gti> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] cols = text.split("[\\s,]+");
            if (cols.length != 2) {
                throw new BadEventFileException(file, "line " + (i + 1) + " '" + line.trim()
                        + "': expected two columns, start and stop (s)");
            }
            try {
                out.add(interval(file, "line " + (i + 1), Double.parseDouble(cols[0]), Double.parseDouble(cols[1])));
            } catch (NumberFormatException e) {
                throw new BadEventFileException(file, "line " + (i + 1) + " '" + line.trim()
                        + "': expected two numbers, start and stop (s)");
            }
        }
        return sorted(file, out);
    }

    private static GtiList readFits(Path file) throws IOException {
        try (Fits fits = new Fits(file.toFile())) {
            int index = 0;
            for (BasicHDU<?> hdu = fits.readHDU(); hdu != null; hdu = fits.readHDU(), index++) {
                if (hdu instanceof BinaryTableHDU table && table.findColumn("START") >= 0
                        && table.findColumn("STOP") >= 0) {
                    double[] start = FitsArrays.toDoubles(table.getColumn("START"));
                    double[] stop = FitsArrays.toDoubles(table.getColumn("STOP"));
                    List<Gti> out = new ArrayList<>();
                    for (int i = 0; i < start.length; i++) {
                        out.add(interval(file, "HDU " + index + " row " + (i + 1), start[i], stop[i]));
                    }
                    return sorted(file, out);
                }
            }
            throw new BadEventFileException(file, "no binary table with START and STOP columns");
        } catch (FitsException | IllegalArgumentException e) {
            throw new BadEventFileException(file, "not a readable FITS GTI table: " + e.getMessage(), e);
        }
    }

    private static Gti interval(Path file, String where, double start, double stop) {
        if (!Double.isFinite(start) || !Double.isFinite(stop) || !(stop > start)) {
            throw new BadEventFileException(file, String.format(Locale.ROOT,
                    "%s: interval [%s, %s] — expected finite times with stop > start", where, start, stop));
        }
        return new Gti(start, stop);
    }

    private static GtiList sorted(Path file, List<Gti> intervals) {
        if (intervals.isEmpty()) {
            throw new BadEventFileException(file, "no intervals");
        }
        intervals.sort(Comparator.comparingDouble(Gti::start));
        for (int i = 1; i < intervals.size(); i++) {
            if (intervals.get(i).start() < intervals.get(i - 1).stop()) {
                throw new BadEventFileException(file, "intervals " + intervals.get(i - 1) + " and " + intervals.get(i)
                        + " overlap; expected disjoint GTIs");
            }
        }
        return GtiList.of(intervals);
    }
}
