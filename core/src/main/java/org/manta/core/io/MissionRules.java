package org.manta.core.io;

import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/**
 * What Stingray's mission database ({@code xselect.mdb} plus {@code _patch_mission_info}) says about
 * the missions Manta knows, and their rough PI → energy laws ({@code get_rough_conversion_function};
 * science.md §23). Other missions get the defaults: events extension {@code EVENTS}, GTI extensions
 * {@code GTI,STDGTI}, PI column {@code PI}, no detector column, no energy law.
 *
 * @param events         preferred name of the events extension
 * @param gtiNames       GTI extension names (anchored regular expressions)
 * @param piColumn       channel column ({@code PI}; {@code PHA} for RXTE)
 * @param detectorColumn detector column whose values suffix per-detector GTI extensions, or null
 * @param instrumentKey  header keyword naming the instrument
 */
record MissionRules(String events, List<String> gtiNames, String piColumn, String detectorColumn,
        String instrumentKey) {

    static final MissionRules DEFAULT = new MissionRules("EVENTS", List.of("GTI", "STDGTI"), "PI", null, "INSTRUME");

    /**
     * Rules for a mission name as found in {@code MISSION} or {@code TELESCOP} (any case): the mission-level
     * {@code events}, {@code gti}, {@code ecol}, {@code ccol} and {@code instkey} entries of Stingray's
     * {@code xselect.mdb}, with {@code _patch_mission_info} (XMM also {@code GTI0}; RXTE {@code PHA} and
     * {@code PCUID}; AstroSat {@code Energy} and {@code LAXPC_No.}).
     */
    static MissionRules of(String mission) {
        return switch (mission.toLowerCase(Locale.ROOT)) {
            case "nustar", "nicer", "swift", "hitomi", "xrism", "halosat" -> gti("GTI");
            case "ixpe" -> new MissionRules("EVENTS", List.of("GTI"), "PI", null, "DETNAM");
            case "xmm" -> new MissionRules("EVENTS", List.of("STDGTI", "GTI0"), "PI", "CCDNR", "INSTRUME");
            case "axaf" -> new MissionRules("EVENTS", List.of("GTI"), "PI", "CCD_ID", "INSTRUME");
            case "suzaku" -> new MissionRules("EVENTS", List.of("GTI"), "PI", "SEGMENT", "INSTRUME");
            case "asca" -> new MissionRules("EVENTS", List.of("STDGTI"), "PI", "CCDID", "INSTRUME");
            case "astrosat" -> new MissionRules("EVENTS", List.of("GTI"), "PI", "LAXPC_No.", "INSTRUME");
            case "maxi" -> gti("STDGTI");
            case "sax", "integral" -> gti("ALLGTI");
            case "exosat" -> new MissionRules("EVENTS", List.of("STDGTI"), "PHA", null, "INSTRUME");
            case "rosat" -> new MissionRules("STDEVT", List.of("GTI"), "PHA", null, "INSTRUME");
            case "einstein" -> new MissionRules("EVENTS", List.of("GTI"), "PHA", null, "INSTRUME");
            // science event modes (E_..., GoodXenon_...) live in XTE_SE with a PHA column
            case "xte" -> new MissionRules("XTE_SE", List.of("GTI"), "PHA", "PCUID", "INSTRUME");
            default -> DEFAULT;
        };
    }

    private static MissionRules gti(String name) {
        return new MissionRules("EVENTS", List.of(name), "PI", null, "INSTRUME");
    }

    /**
     * A PI (or PHA) channel → energy law.
     *
     * @param description the law in words, e.g. {@code "E = 0.04·PI + 1.62 keV (NuSTAR)"}
     * @param law         channel → energy, keV
     */
    record Calibration(String description, IntToDoubleFunction law) {
        double energy(int channel) {
            return law.applyAsDouble(channel);
        }
    }

    /**
     * Stingray's rough calibration for the mission ({@code get_rough_conversion_function}), or null when
     * there is none (every other mission, e.g. Swift, Suzaku, AstroSat: select by PI there):
     * NuSTAR {@code 0.04·PI + 1.62}; XMM {@code 0.001·PI}; NICER {@code 0.01·PI};
     * IXPE {@code PI/375·15}; Chandra (AXAF) {@code (PI − 1)·0.0146}; RXTE PCA the absolute-channel
     * table of the observation epoch {@code mjdEpoch} (see {@link RxtePca}). Operation order is
     * Stingray's, so the doubles are identical.
     */
    static Calibration calibration(String mission, String instrument, double mjdEpoch) {
        return switch (mission.toLowerCase(Locale.ROOT)) {
            case "nustar" -> new Calibration("E = 0.04·PI + 1.62 keV (NuSTAR)", pi -> pi * 0.04 + 1.62);
            case "xmm" -> new Calibration("E = 0.001·PI keV (XMM-Newton EPIC)", pi -> pi * 0.001);
            case "nicer" -> new Calibration("E = 0.01·PI keV (NICER)", pi -> pi * 0.01);
            case "ixpe" -> new Calibration("E = PI/375·15 keV (IXPE)", pi -> pi / 375.0 * 15);
            case "axaf" -> new Calibration("E = (PI − 1)·0.0146 keV (Chandra)", pi -> (pi - 1) * 14.6e-3);
            case "xte" -> {
                if (instrument == null || !instrument.equalsIgnoreCase("PCA")) {
                    yield null;
                }
                double[] table = RxtePca.energiesForEpoch(mjdEpoch);
                yield table == null ? null : new Calibration("RXTE PCA absolute-channel table of epoch "
                        + RxtePca.epochOf(mjdEpoch) + " (MJD " + String.format(Locale.ROOT, "%.3f", mjdEpoch) + ")",
                        pi -> (pi >= 0 && pi < table.length) ? table[pi] : Double.NaN);
            }
            default -> null;
        };
    }
}
