/**
 * Analysis products as a small, format-neutral model ({@link org.manta.cli.output.Product}: a kind plus
 * ordered named fields and a provenance block) and the writers that turn one into JSON, CSV or FITS.
 * Every writer goes through {@link org.manta.cli.output.AtomicFiles}: a product file is either complete or
 * absent, never partial. Field names follow docs/cli.md and the Stingray reference files.
 */
package org.manta.cli.output;
