package org.manta.cli.mesh;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.manta.core.pipeline.SegmentEngine;
import org.manta.mesh.harness.LocalMesh;
import org.manta.mesh.harness.MeshService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code manta up [--port N] [--data-root DIR] [--gpu]}: a local mesh on loopback: a Kafka broker (KRaft, its
 * own JVM) and ingest, segment, fft and reduce services (and with {@code --gpu} gpu-service), each its own JVM. It serves TLS only, with a
 * certificate of a local CA made in its work directory, and wants a token on every call
 * (docs/security.md): it records the address, the CA and an admin token in the mesh config
 * ({@link MeshConfig}, {@code ~/.manta/config}), where {@code manta submit} finds them. Prints the gRPC
 * address and {@code ready} when it accepts jobs; Ctrl-C or SIGTERM stops everything.
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a local mesh: a Kafka broker and every service as separate processes on loopback.",
            "Prints the gRPC address and 'ready' when it accepts jobs; Ctrl-C stops it all."},
        footer = {"", "Example:", "  manta up --port 9000 --data-root ~/obs &",
            "  manta submit pds obs.evt --dt 1/512 --segment 64 -o pds.json"})
public final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9000", paramLabel = "N",
            description = "gRPC port of the edge (JobService, ProductService); default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data-root", paramLabel = "DIR", defaultValue = ".",
            description = "Directory that submitted input paths are relative to; default the current directory.")
    Path dataRoot;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where logs, state and the broker's data go; default a new temporary directory.")
    Path workDir;

    @Option(names = "--fft-workers", paramLabel = "N", description = "FFT worker threads; default: the processors.")
    Integer fftWorkers;

    @Option(names = "--gpu", description = "Also start gpu-service, whose workers fold work units on the CUDA device "
            + "(docs/gpu.md); exits 2 if this machine has none.")
    boolean gpu;

    @Override
    public Integer call() throws InterruptedException {
        Quiet.libraries();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (gpu) {
            SegmentEngine.named("cuda");    // one line and exit 2 here, before anything starts, without a device
        }
        Path home = MeshHome.find();
        err.println("manta up: starting Kafka and " + (gpu ? 5 : 4) + " services from " + home + " ...");
        err.flush();
        // a mesh that stays up: the broker gets the full JIT (the harness default, C1 only, suits short tests)
        LocalMesh.Builder b = LocalMesh.builder(home).dataRoot(dataRoot).ingestPort(port)
                .brokerJvmOptions(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"));
        if (workDir != null) {
            b.workDir(workDir);
        }
        if (gpu) {
            b.withGpu();
        }
        if (fftWorkers != null) {
            b.property(MeshService.FFT, "manta.fft.workers", Integer.toString(fftWorkers));
        }
        LocalMesh mesh = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            err.println("manta up: stopping the mesh ...");
            err.flush();
            mesh.close();
            stopped.countDown();
        }, "manta-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Path config = MeshConfig.file();
        MeshConfig.of(mesh).write(config);
        out.println("manta mesh: gRPC " + mesh.grpcTarget() + " (TLS; data root " + dataRoot.toAbsolutePath().normalize()
                + ", logs in " + mesh.workDir() + "; CA and token in " + config + ")");
        out.println("ready");
        out.flush();
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            for (MeshService s : mesh.services()) {
                if (!stopping.get() && !mesh.service(s).isRunning()) {
                    err.println("manta up: " + s.module() + " exited; see " + mesh.service(s).logFile());
                    err.flush();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        return 1;       // the hook closes the mesh
                    }
                    mesh.close();
                    return 1;
                }
            }
        }
        return 0;
    }
}
