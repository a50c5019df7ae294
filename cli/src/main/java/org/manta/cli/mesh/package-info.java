/**
 * The {@code manta} commands that work with the service mesh (docs/cli.md): {@code up} starts a
 * local mesh (a Kafka broker and every service as separate processes on loopback), {@code submit}
 * runs an analysis on a mesh with a progress bar and writes the product (the gRPC calls, the upload
 * batching and the product's reassembly are mesh-client's {@code org.manta.mesh.client.MeshClient};
 * here only the options, the progress line and the mapping to the command line's product).
 * Register {@link org.manta.cli.mesh.UpCommand} and {@link org.manta.cli.mesh.SubmitCommand} in
 * {@code Main}'s subcommands.
 */
package org.manta.cli.mesh;
