package org.manta.cli.output;

/**
 * What a product is. The label is written as the JSON {@code product} field and into CSV/FITS headers;
 * the extension name is the EXTNAME of the FITS table that holds the product's 1-D arrays ({@code RATE} for
 * a light curve, as OGIP names it).
 */
public enum ProductKind {
    LIGHT_CURVE("lightcurve", "RATE", "Light curve"),
    POWER_SPECTRUM("powerspectrum", "POWERSPECTRUM", "Power spectrum"),
    POWER_COLORS("powercolors", "POWERCOLORS", "Power colours"),
    CROSS_SPECTRUM("crossspectrum", "CROSSSPECTRUM", "Cross spectrum"),
    DYNAMICAL_POWER_SPECTRUM("dynamical_powerspectrum", "DYNPS", "Dynamical power spectrum"),
    FAD("fad", "FAD", "FAD dead-time corrected spectra"),
    LOMB_SCARGLE_POWER_SPECTRUM("lombscargle_powerspectrum", "LSPS", "Lomb–Scargle periodogram"),
    LOMB_SCARGLE_CROSS_SPECTRUM("lombscargle_crossspectrum", "LSCS", "Lomb–Scargle cross spectrum"),
    MULTITAPER_POWER_SPECTRUM("multitaper_powerspectrum", "MTPS", "Multitaper power spectrum"),
    BISPECTRUM("bispectrum", "BISPEC", "Bispectrum"),
    BICOHERENCE("bicoherence", "BICOHER", "Bicoherence"),
    VAR_ENERGY_SPECTRUM("varenergy", "VARENERGY", "Variability-energy spectrum");

    private final String label;
    private final String extensionName;
    private final String title;

    ProductKind(String label, String extensionName, String title) {
        this.label = label;
        this.extensionName = extensionName;
        this.title = title;
    }

    /** The kind named {@code label} ({@link #label()}, as a product file says it); empty for any other text or null. */
    public static java.util.Optional<ProductKind> ofLabel(String label) {
        for (ProductKind k : values()) {
            if (k.label.equals(label)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /** Lower-case name used in JSON/CSV ({@code powerspectrum}). */
    public String label() {
        return label;
    }

    /** FITS EXTNAME of the main table ({@code POWERSPECTRUM}). */
    public String extensionName() {
        return extensionName;
    }

    /** Human title for plots ({@code Power spectrum}). */
    public String title() {
        return title;
    }
}
