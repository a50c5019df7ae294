package org.manta.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RXTE PCA event files (Stingray {@code mission_support/rxte.py}): the per-observation PHA channel
 * map of the {@code TEVTB2} keyword and the absolute channel-to-energy table by epoch.
 */
final class RxtePca {
    /** Number of absolute PCA channels. */
    static final int CHANNELS = 256;

    /** Epoch edges, MJD (UTC): launch, four gain changes, decommissioning. */
    private static final double[] EDGE_EPOCHS = {
        mjd(50081, 0, 0), // 1995-12-30T00:00:00
        mjd(50163, 18, 33), // 1996-03-21T18:33:00
        mjd(50188, 23, 5), // 1996-04-15T23:05:00
        mjd(51259, 17, 37), // 1999-03-22T17:37:00
        mjd(51677, 0, 0), // 2000-05-13T00:00:00
        mjd(55931, 0, 0), // 2012-01-05T00:00:00
    };

    private static final Pattern C_GROUP = Pattern.compile("C\\[(.*)\\]");
    private static final Pattern SPLIT_BEFORE_UPPER = Pattern.compile(",(?=[A-Z])");
    private static final String TABLE = "rxte_pca_energy_channels.txt";

    private RxtePca() {
    }

    private static double mjd(int day, int hour, int minute) {
        return day + (hour * 3600 + minute * 60) / 86400.0;
    }

    /**
     * The absolute channel for each local PHA value, decoded from the {@code C[...]} group of
     * {@code TEVTB2} (Stingray {@code _decode_energy_channels}): each comma-separated entry is a
     * channel or a range {@code a~b} (where {@code b} may omit leading digits of {@code a}, e.g.
     * {@code 10~3} is 10..13), or the whole group is {@code a:b} meaning one channel each; local
     * value {@code i} maps to {@code int(mean(a_i, b_i))}.
     *
     * @throws IllegalArgumentException when there is no {@code C[...]} group
     */
    static int[] localChannelMap(String tevtb2) {
        String group = null;
        for (String piece : SPLIT_BEFORE_UPPER.split(tevtb2)) {
            if (piece.startsWith("C")) {
                Matcher m = C_GROUP.matcher(piece);
                if (m.lookingAt()) {
                    group = m.group(1);
                    break;
                }
            }
        }
        if (group == null) {
            throw new IllegalArgumentException("no C[...] channel group in TEVTB2 = '" + tevtb2 + "'");
        }
        List<int[]> ranges = new ArrayList<>();
        if (group.contains(":")) {
            String[] ab = group.split(":");
            int a = Integer.parseInt(ab[0].trim());
            int b = Integer.parseInt(ab[1].trim());
            for (int c = a; c <= b; c++) {
                ranges.add(new int[] {c, c});
            }
        } else {
            for (String chan : group.split(",")) {
                ranges.add(splitChannelSpec(chan, "~"));
            }
        }
        int[] map = new int[ranges.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = (ranges.get(i)[0] + ranges.get(i)[1]) / 2;
        }
        return map;
    }

    /** {@code "10~13"} → (10, 13); {@code "10~3"} → (10, 13); {@code "10"} → (10, 10). */
    static int[] splitChannelSpec(String chan, String sep) {
        String c0 = chan;
        String c1 = chan;
        if (chan.contains(sep)) {
            String[] cs = chan.split(Pattern.quote(sep), -1);
            c0 = cs[0];
            c1 = cs[1];
            if (c1.length() < c0.length()) {
                c1 = c0.substring(0, c0.length() - c1.length()) + c1;
            }
        }
        return new int[] {Integer.parseInt(c0.trim()), Integer.parseInt(c1.trim())};
    }

    /**
     * Energy (keV) of each absolute channel 0..255 at epoch {@code mjd}, for PCU 0, or null when the
     * epoch is outside the mission (no calibration). The epoch column is the number of edges before
     * {@code mjd} (numpy {@code searchsorted}, left). Stingray's {@code EventList.read} calls the
     * calibration with its default detector 0, so after 2000-05-13 the PCU-0 column {@code E5_0} is
     * used for every PCU; this is reproduced here.
     */
    static double[] energiesForEpoch(double mjd) {
        int idx = epochOf(mjd);
        if (idx < 1 || idx > 5) {
            return null;
        }
        int column = idx + 1; // 0: Abs, 1: STD2, 2..5: E1..E4, 6: E5_0, 7: E5_1234
        double[] energies = new double[CHANNELS];
        for (String[] row : table()) {
            int[] chans = splitChannelSpec(row[0], "-");
            double e = Double.parseDouble(row[column]);
            for (int c = chans[0]; c <= chans[1] && c < CHANNELS; c++) {
                energies[c] = e;
            }
        }
        return energies;
    }

    /**
     * The gain epoch of {@code mjd}: 1..5 within the mission (epoch 5 from 2000-05-13), 0 before launch,
     * 6 after decommissioning or for NaN.
     */
    static int epochOf(double mjd) {
        if (Double.isNaN(mjd)) {
            return EDGE_EPOCHS.length;
        }
        int idx = 0;
        while (idx < EDGE_EPOCHS.length && EDGE_EPOCHS[idx] < mjd) {
            idx++;
        }
        return idx;
    }

    private static List<String[]> table() {
        try (InputStream in = RxtePca.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TABLE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            List<String[]> rows = new ArrayList<>();
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split("\\s+"));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
