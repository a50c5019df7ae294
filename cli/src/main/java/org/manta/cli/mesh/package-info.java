/**
 * The {@code manta} commands that work with the service mesh (docs/cli.md): {@code up} starts a
 * local mesh (a Kafka broker and every service as separate processes on loopback), {@code submit}
 * runs an analysis on a mesh over gRPC with a progress bar and writes the product.
 * Register {@link org.manta.cli.mesh.UpCommand} and {@link org.manta.cli.mesh.SubmitCommand} in
 * {@code Main}'s subcommands.
 */
package org.manta.cli.mesh;
