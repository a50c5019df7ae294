package org.manta.cli.output;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.manta.core.InvalidParameterException;

/** The product file formats. */
public enum OutputFormat {
    JSON(".json"),
    FITS(".fits", ".fit", ".fts"),
    CSV(".csv");

    private final String[] extensions;

    OutputFormat(String... extensions) {
        this.extensions = extensions;
    }

    /** Lower-case name as typed after {@code --format}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a file name's extension implies (case-insensitive), if any. */
    public static Optional<OutputFormat> fromExtension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (OutputFormat f : values()) {
            for (String ext : f.extensions) {
                if (name.endsWith(ext)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** Parses {@code json|fits|csv} (case-insensitive). */
    public static OutputFormat parse(String text) {
        for (OutputFormat f : values()) {
            if (f.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw new InvalidParameterException("format", text, "one of json, fits, csv");
    }

    /**
     * The format for {@code output}: {@code explicit} if given, else the one its extension implies.
     *
     * @throws InvalidParameterException if neither decides it (names the file and the accepted extensions)
     */
    public static OutputFormat resolve(Path output, OutputFormat explicit) {
        if (explicit != null) {
            return explicit;
        }
        return fromExtension(output).orElseThrow(() -> new InvalidParameterException("output", output,
                "a file name ending in .json, .fits, .fit or .csv (or give --format json|fits|csv)"));
    }

    /** The writer for this format. */
    public ProductWriter writer() {
        return switch (this) {
            case JSON -> new JsonProductWriter();
            case FITS -> new FitsProductWriter();
            case CSV -> new CsvProductWriter();
        };
    }
}
