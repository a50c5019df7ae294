package org.manta.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** Serialises a {@link Product} in one format. */
public interface ProductWriter {

    /** Writes {@code product} to {@code out} (does not close it). */
    void write(Product product, OutputStream out) throws IOException;

    /** Writes {@code product} to {@code file} all-or-nothing (see {@link AtomicFiles}). */
    default void write(Product product, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(product, out));
    }

    /** Writes {@code product} to {@code file} in {@code format}. */
    static void write(Product product, Path file, OutputFormat format) throws IOException {
        format.writer().write(product, file);
    }
}
