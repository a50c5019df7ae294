/**
 * The {@code manta} subcommands (picocli) and the options they share. Each analysis command validates its
 * options, computes a {@link org.manta.cli.output.Product} (the core wiring point, marked
 * {@code WIRING POINT} in each command) and hands it to {@link org.manta.cli.command.ProductOutput}, which
 * writes the file, the plot or a summary.
 */
package org.manta.cli.command;
