package org.manta.cli.mesh;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.manta.core.InvalidParameterException;
import org.manta.core.MantaException;
import org.manta.core.pipeline.SegmentEngine;
import org.manta.mesh.harness.KafkaBrokerException;
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
 * address and {@code ready} when it accepts jobs; Ctrl-C or SIGTERM stops everything, during the start too (what
 * was started so far). A setup that cannot work (a port out of range or in use, no data root, no fft workers)
 * exits 2 before anything starts ({@link #checkSetup}). The logs outlive the mesh: in {@code --work-dir}, or in
 * {@code logs/} next to the mesh config ({@link #logDir}).
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
            description = "gRPC port of the edge (JobService, ProductService); default ${DEFAULT-VALUE}; 0: a free one.")
    int port;

    @Option(names = "--data-root", paramLabel = "DIR", defaultValue = ".",
            description = "Directory that submitted input paths are relative to; default the current directory.")
    Path dataRoot;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = {"Where state, the broker's data and the logs go, kept when the mesh stops; default a new "
                + "temporary directory, deleted then, with the logs in logs/DATE-TIME-portN next to the mesh config "
                + "(~/.manta/logs; the " + KEPT_LOG_DIRS + " newest kept)."})
    Path workDir;

    @Option(names = "--fft-workers", paramLabel = "N", description = "FFT worker threads; default: the processors.")
    Integer fftWorkers;

    @Option(names = "--gpu", description = "Also start gpu-service, whose workers fold work units on the CUDA device "
            + "(docs/gpu.md); exits 2 if this machine has none.")
    boolean gpu;

    /** How many earlier meshes' log directories {@code manta up} keeps in {@code logs/} next to the mesh config. */
    static final int KEPT_LOG_DIRS = 10;
    private static final DateTimeFormatter LOG_DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern LOG_DIR_NAME = Pattern.compile("\\d{8}-\\d{6}-port\\d+");

    @Override
    public Integer call() throws InterruptedException {
        Quiet.libraries();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (gpu) {
            SegmentEngine.named("cuda");    // one line and exit 2 here, before anything starts, without a device
        }
        checkSetup();
        Path config = MeshConfig.file();
        Path logs = workDir != null ? workDir.toAbsolutePath().normalize()
                : logDir(config.toAbsolutePath().getParent().resolve("logs"), port, LocalDateTime.now());
        Path home = MeshHome.find();
        err.println("manta up: starting Kafka and " + (gpu ? 5 : 4) + " services from " + home + " (logs in " + logs
                + ") ...");
        err.flush();
        // a mesh that stays up: the broker gets the full JIT (the harness default, C1 only, suits short tests)
        LocalMesh.Builder b = LocalMesh.builder(home).dataRoot(dataRoot).ingestPort(port).logDir(logs)
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
        // Ctrl-C or SIGTERM at any moment: the harness's own hook stops what was started (the whole mesh once
        // ready, else the broker and the services launched so far); this one says so
        AtomicReference<LocalMesh> ready = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            LocalMesh mesh = ready.get();
            if (mesh == null) {
                err.println("manta up: stopping the broker and the services started so far (logs in " + logs + ")");
                err.flush();
            } else {
                err.println("manta up: stopping the mesh ...");
                err.flush();
                mesh.close();
                err.println("manta up: stopped (logs in " + logs + ")");
                err.flush();
            }
            stopped.countDown();
        }, "manta-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LocalMesh mesh;
        try {
            mesh = b.start();
        } catch (KafkaBrokerException e) {
            if (stopping.get()) {
                stopped.await();        // the JVM is exiting: that, not this, is the news
                return 1;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal after all: the harness has stopped what was started
            }
            err.println("manta up: " + e.getMessage().strip());
            err.println("manta up: nothing is left running" + (Files.isDirectory(logs) ? "; logs in " + logs : ""));
            err.flush();
            return 1;
        }
        ready.set(mesh);
        pruneLogDirs(logs);
        if (stopping.get()) {
            stopped.await();
            return 1;
        }
        Optional<MeshConfig> before = previous(config);
        MeshConfig.of(mesh, dataRoot).write(config);
        before.filter(old -> !old.server().equals(mesh.grpcTarget())).ifPresent(old -> err.println("manta up: "
                + config + " now points at this mesh, " + mesh.grpcTarget() + " (it pointed at " + old.server()
                + "): 'manta submit' uses this one"));
        out.println("manta mesh: gRPC " + mesh.grpcTarget() + " (TLS; data root " + dataRoot.toAbsolutePath().normalize()
                + ", logs in " + logs + "; CA and token in " + config + ")");
        out.println("ready");
        out.flush();
        err.flush();
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

    /**
     * Refuses, before anything starts, what would only fail once the broker and services run: a port out of
     * range or in use on 127.0.0.1 (another mesh, most likely), a data root that is not a directory, no fft
     * workers.
     *
     * @throws InvalidParameterException naming the option, its value and what was expected
     */
    void checkSetup() {
        if (port < 0 || port > 65535) {
            throw new InvalidParameterException("--port", port, "a TCP port from 1 to 65535 (or 0: a free one)");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new InvalidParameterException("--port", port, "a port free on 127.0.0.1, but it is taken ("
                    + e.getMessage() + "): another mesh may be running on it (stop it, or give another --port)");
        }
        if (!Files.isDirectory(dataRoot)) {
            throw new InvalidParameterException("--data-root", dataRoot, "an existing directory (submitted input "
                    + "paths are relative to it)");
        }
        if (fftWorkers != null && fftWorkers < 1) {
            throw new InvalidParameterException("--fft-workers", fftWorkers, "at least 1 worker thread");
        }
    }

    /** The mesh config there was, if any and readable (it is replaced either way). */
    private static Optional<MeshConfig> previous(Path config) {
        try {
            return MeshConfig.read(config);
        } catch (MantaException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The directory in {@code logs} for the logs of the mesh started {@code now} on {@code port}:
     * {@code yyyyMMdd-HHmmss-portN} (the mesh creates it).
     */
    static Path logDir(Path logs, int port, LocalDateTime now) {
        return logs.resolve(LOG_DIR_TIME.format(now) + "-port" + port);
    }

    /**
     * Deletes the oldest meshes' log directories beside {@code current} (one of {@link #logDir}) but the newest
     * {@value #KEPT_LOG_DIRS}, {@code current} included; nothing if {@code current} is not one of them (a
     * {@code --work-dir}).
     */
    static void pruneLogDirs(Path current) {
        Path logs = current.getParent();
        if (!LOG_DIR_NAME.matcher(current.getFileName().toString()).matches() || !Files.isDirectory(logs)) {
            return;
        }
        try {
            List<Path> earlier;
            try (Stream<Path> all = Files.list(logs)) {
                earlier = all.filter(p -> LOG_DIR_NAME.matcher(p.getFileName().toString()).matches())
                        .filter(p -> !p.equals(current)).sorted(Comparator.comparing(Path::getFileName).reversed())
                        .toList();
            }
            for (Path old : earlier.subList(Math.min(earlier.size(), KEPT_LOG_DIRS - 1), earlier.size())) {
                try (Stream<Path> files = Files.list(old)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old mesh logs in " + logs, e);
        }
    }
}
