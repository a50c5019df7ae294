package org.manta.mesh.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.manta.mesh.Topics;

/**
 * The whole mesh on one machine: a Kafka broker ({@link KafkaBroker}) and every service
 * ({@link MeshService}) as a separate JVM on loopback, each on its own free port. Used by the
 * end-to-end tests and by {@code manta up}.
 *
 * <pre>{@code
 * try (LocalMesh mesh = LocalMesh.builder(repoRoot).dataRoot(dir).start()) {
 *     String target = mesh.grpcTarget();          // 127.0.0.1:<port>: JobService + ProductService
 *     mesh.service(MeshService.FFT).kill();       // kill -9
 *     mesh.restart(MeshService.FFT);              // same port, same Kafka identity
 *     mesh.broker().kill();                       // kill -9 of the broker: its data stays in the work directory
 *     mesh.broker().restart();                    // same log dirs, same port: the services reconnect
 * }
 * }</pre>
 *
 * Services find the broker through {@code manta.kafka.bootstrap-servers}; each gets
 * {@code manta.kafka.instance-id=0} and a state directory under the work directory, so a restarted
 * service takes over its own transactions and partitions at once. Every service gets the same storage
 * ({@code manta.storage.data-root}, {@code manta.storage.staging-root}): ingest resolves inputs under the
 * data root and stages uploads and {@code .gz} inputs; segment-service and the fft workers read both.
 *
 * <p>Secured as in production (docs/security.md): ingest and reduce serve gRPC over TLS only, with a
 * certificate for 127.0.0.1 signed by a local CA ({@link MeshCredentials}, in {@code tls/} of the work
 * directory), and every call needs a bearer token of the mesh's token file: {@link #token()} (an admin
 * named {@link Builder#principal}) and the {@link Builder#token extra ones}. Health and metrics are on each
 * service's management port (plain HTTP on loopback).
 *
 * <p>A JVM shutdown hook (Ctrl-C, SIGTERM) stops a mesh that was never closed, and from the moment
 * {@link Builder#start()} begins: a start that is interrupted stops the broker and the services it launched so far
 * and launches no more. A start that fails does the same, and deletes a temporary work directory: its
 * logs stay where {@link Builder#logDir} says.
 */
public final class LocalMesh implements AutoCloseable {
    /** Makes the process of instance {@code id} of a service (0 is the one the mesh starts with). */
    @FunctionalInterface
    interface Instances {
        ServiceProcess create(MeshService s, int id);
    }

    private final KafkaBroker broker;
    private final Map<MeshService, ServiceProcess> services;
    private final Map<MeshService, List<ServiceProcess>> added = new EnumMap<>(MeshService.class);
    private final Instances instances;
    private final Path workDir;
    private final Path logDir;
    private final boolean temporary;
    private final MeshCredentials credentials;
    private final Launched launched;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalMesh(KafkaBroker broker, Map<MeshService, ServiceProcess> services, Instances instances, Path workDir,
                      Path logDir, boolean temporary, MeshCredentials credentials, Launched launched, Thread shutdownHook) {
        this.broker = broker;
        this.services = services;
        this.instances = instances;
        this.workDir = workDir;
        this.logDir = logDir;
        this.temporary = temporary;
        this.credentials = credentials;
        this.launched = launched;
        this.shutdownHook = shutdownHook;
    }

    /** PEM file of the local CA that signed the services' certificate: what a client trusts. */
    public Path caCertificate() {
        return credentials.caCertificate();
    }

    /** The admin token of {@link Builder#principal} (a client sends it as {@code authorization: Bearer <token>}). */
    public String token() {
        return credentials.token();
    }

    public MeshCredentials credentials() {
        return credentials;
    }

    /**
     * Starts one more instance of a service (a scale-out on this machine: its own JVM, port, state
     * directory and {@code manta.kafka.instance-id} 1, 2, ...; the same properties otherwise) and waits
     * until it is ready.
     */
    public ServiceProcess addInstance(MeshService s, Duration timeout) {
        List<ServiceProcess> list = added.computeIfAbsent(s, k -> new ArrayList<>());
        ServiceProcess p = instances.create(s, list.size() + 1);
        list.add(p);
        p.start();
        p.awaitReady(timeout);
        return p;
    }

    /** Stops (cleanly) and forgets the instances {@link #addInstance} started of a service. */
    public void removeAddedInstances(MeshService s, Duration timeout) {
        for (ServiceProcess p : added.getOrDefault(s, List.of())) {
            p.stop(timeout);
        }
        added.remove(s);
    }

    /** The services this mesh runs, in start order (the optional ones only when asked). */
    public java.util.Set<MeshService> services() {
        return java.util.Collections.unmodifiableSet(services.keySet());
    }

    /** Every running instance of a service: the first one, then those {@link #addInstance} started (none if it does not run). */
    public List<ServiceProcess> instances(MeshService s) {
        List<ServiceProcess> all = new ArrayList<>();
        if (!services.containsKey(s)) {
            return all;
        }
        all.add(services.get(s));
        all.addAll(added.getOrDefault(s, List.of()));
        return all;
    }

    public static Builder builder(Path repositoryRoot) {
        return new Builder(repositoryRoot);
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ServiceProcess service(MeshService s) {
        return services.get(s);
    }

    /** {@code 127.0.0.1:<ingest port>}: the gRPC edge (JobService and ProductService). */
    public String grpcTarget() {
        return "127.0.0.1:" + services.get(MeshService.INGEST).port();
    }

    /** State directories live here (and the logs, unless {@link Builder#logDir} put them elsewhere). */
    public Path workDir() {
        return workDir;
    }

    /** The broker's and every service's log ({@code broker.log}, {@code <module>.log}); kept on close. */
    public Path logDir() {
        return logDir;
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    public void restart(MeshService s, Duration timeout) {
        ServiceProcess p = services.get(s);
        p.start();
        p.awaitReady(timeout);
    }

    /**
     * Stops every service (clean shutdown), then the broker; deletes the work directory if the mesh
     * made it (a given work directory is kept, with the logs and the broker's data; the {@link Builder#logDir} is
     * kept in any case). Idempotent; also what the shutdown hook does.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<MeshService> order = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(order);
        for (MeshService s : order) {
            removeAddedInstances(s, Duration.ofSeconds(10));
            services.get(s).stop(Duration.ofSeconds(10));
        }
        broker.close();
        launched.stop(Duration.ZERO);       // anything else it launched
        if (temporary) {
            KafkaBroker.deleteRecursively(workDir);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running (it called this) or has run
        }
    }

    /** Options of a local mesh. */
    public static final class Builder {
        private final Path root;
        private Path dataRoot = Path.of(".");
        private Path stagingRoot;
        private Path workDir;
        private Path logDir;
        private int ingestPort;
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private List<String> jvmOptions = List.of("-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");
        private List<String> brokerJvmOptions;
        private final Map<MeshService, Map<String, String>> properties = new EnumMap<>(MeshService.class);
        private Duration readyTimeout = Duration.ofSeconds(120);
        private boolean gpu;
        private String principal = System.getProperty("user.name", "manta");
        private final List<MeshCredentials.TokenEntry> tokens = new ArrayList<>();

        private Builder(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        /** Where the services read job inputs from ({@code manta.storage.data-root}). */
        public Builder dataRoot(Path dir) {
            this.dataRoot = dir.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Where ingest stages uploads and decompressed {@code .gz} inputs and the other services read them
         * ({@code manta.storage.staging-root}; created if missing); default {@code staging} in the work
         * directory (so a temporary mesh takes its staged files with it).
         */
        public Builder stagingRoot(Path dir) {
            this.stagingRoot = dir.toAbsolutePath().normalize();
            return this;
        }

        /** Logs and state (kept on close); default a fresh temporary directory, deleted on close. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /**
         * Where the broker's and the services' logs go (created if missing, never deleted: they outlive a temporary
         * work directory); default the work directory.
         */
        public Builder logDir(Path dir) {
            this.logDir = dir.toAbsolutePath().normalize();
            return this;
        }

        /** The edge's port; 0 (default): a free one. */
        public Builder ingestPort(int port) {
            this.ingestPort = port;
            return this;
        }

        public Builder java(Path executable) {
            this.java = executable;
            return this;
        }

        /** Options of every service JVM (default {@code -Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED}). */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Options of the broker JVM; default {@link KafkaBroker.Builder#jvmOptions}'s (C1 only: fast start,
         * little CPU; long-lived or busy meshes run faster with the full JIT, e.g. {@code -Xmx512m -XX:+UseSerialGC}).
         */
        public Builder brokerJvmOptions(List<String> options) {
            this.brokerJvmOptions = List.copyOf(options);
            return this;
        }

        /** A configuration property of one service, e.g. {@code manta.fft.workers}. */
        public Builder property(MeshService s, String key, String value) {
            properties.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** Also run gpu-service (it is ready only on a machine with a CUDA device). */
        public Builder withGpu() {
            this.gpu = true;
            return this;
        }

        /** The services to run, in start order. */
        List<MeshService> chosen() {
            List<MeshService> out = new ArrayList<>();
            for (MeshService s : MeshService.values()) {
                if (!s.optional() || (s == MeshService.GPU && gpu)) {
                    out.add(s);
                }
            }
            return out;
        }

        /** The principal of the generated admin token {@link LocalMesh#token()}; default the system user name. */
        public Builder principal(String name) {
            this.principal = name;
            return this;
        }

        /** One more token the mesh accepts, for {@code principal} with role {@code user} or {@code admin}. */
        public Builder token(String token, String principal, String role) {
            tokens.add(new MeshCredentials.TokenEntry(token, principal, role));
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /**
         * The configuration of one service process: loopback and its port (TLS for ingest and reduce), its
         * management port, the tokens, the broker, its Kafka identity and state directory, the shared storage
         * (every service reads inputs), ingest's reduce target and the CA it trusts, then the {@link #property}
         * overrides.
         */
        Map<String, String> serviceProperties(MeshService s, String bootstrapServers, Map<MeshService, Integer> ports,
                                              Map<MeshService, Integer> managementPorts, Path dir, Path staging,
                                              MeshCredentials credentials) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("quarkus.http.host", "127.0.0.1");
            p.put("quarkus.http.port", Integer.toString(ports.get(s)));
            p.put("quarkus.http.ssl-port", Integer.toString(ports.get(s)));
            p.put("quarkus.management.host", "127.0.0.1");
            p.put("quarkus.management.port", Integer.toString(managementPorts.get(s)));
            // read by the %prod TLS settings of ingest's and reduce's application.properties
            p.put("MANTA_TLS_CERT", credentials.serverCertificate().toString());
            p.put("MANTA_TLS_KEY", credentials.serverKey().toString());
            p.put("manta.auth.tokens-file", credentials.tokensFile().toString());
            p.put("manta.kafka.bootstrap-servers", bootstrapServers);
            if (s == MeshService.SEGMENT || s == MeshService.REDUCE) {
                p.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
            }
            p.put("manta.kafka.instance-id", "0");
            p.put("manta.streams.state-dir", dir.resolve(s.module() + "-state").toString());
            p.put("manta.storage.data-root", dataRoot.toString());
            p.put("manta.storage.staging-root", staging.toString());
            if (s == MeshService.INGEST) {
                p.put("manta.ingest.reduce-target", "127.0.0.1:" + ports.get(MeshService.REDUCE));
                p.put("manta.ingest.reduce-ca", credentials.caCertificate().toString());
            }
            p.putAll(properties.getOrDefault(s, Map.of()));
            return p;
        }

        /**
         * Starts the broker, creates the topics, starts the services (all at once) and waits until each
         * is ready. A JVM shutdown during the start stops what it launched so far (see the class comment).
         *
         * @throws KafkaBrokerException naming a missing service jar (build with {@code ./mvnw -DskipTests package})
         *         or a service that did not come up, with the errors its log ends with; nothing it started is left
         */
        public LocalMesh start() {
            for (MeshService s : chosen()) {
                if (!Files.isRegularFile(s.jarIn(root))) {
                    throw new KafkaBrokerException(s.jarIn(root) + " is missing: build the services first ("
                            + "./mvnw -B -DskipTests package from " + root + ")");
                }
            }
            Path dir;
            Path logs;
            try {
                dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("manta-mesh-");
                logs = logDir != null ? Files.createDirectories(logDir) : dir;
            } catch (IOException e) {
                throw new KafkaBrokerException("cannot create the mesh work directory: " + e.getMessage(), e);
            }
            Startup startup = new Startup(dir, workDir == null);
            Thread hook = new Thread(startup::stop, "local-mesh-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                LocalMesh mesh = start(dir, logs, startup, hook);
                startup.started(mesh);
                return mesh;
            } catch (IOException | RuntimeException e) {
                startup.stop();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it stops what was started
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new KafkaBrokerException("cannot start the local mesh: " + e.getMessage(), e);
            }
        }

        private LocalMesh start(Path dir, Path logs, Startup startup, Thread hook) throws IOException {
            Path staging;
            try {
                staging = Files.createDirectories(stagingRoot != null ? stagingRoot : dir.resolve("staging"));
            } catch (IOException e) {
                throw new KafkaBrokerException("cannot create the staging root: " + e.getMessage(), e);
            }
            MeshCredentials credentials = MeshCredentials.create(dir.resolve("tls"), principal, tokens);
            Launched launched = startup.launched;
            KafkaBroker.Builder brokerBuilder = KafkaBroker.builder().dataDir(dir.resolve("kafka")).logDir(logs)
                    .launched(launched);
            if (brokerJvmOptions != null) {
                brokerBuilder.jvmOptions(brokerJvmOptions);
            }
            KafkaBroker broker = startup.broker(brokerBuilder.start());
            Map<MeshService, ServiceProcess> services = new EnumMap<>(MeshService.class);
            broker.createTopics(Topics.all());
            Map<MeshService, Integer> ports = new HashMap<>();
            Map<MeshService, Integer> managementPorts = new HashMap<>();
            List<Integer> taken = new ArrayList<>(List.of(broker.port(), broker.controllerPort()));
            if (ingestPort > 0) {
                taken.add(ingestPort);
            }
            for (MeshService s : chosen()) {
                int port = s == MeshService.INGEST && ingestPort > 0 ? ingestPort
                        : KafkaBroker.freePort(taken.stream().mapToInt(Integer::intValue).toArray());
                taken.add(port);
                ports.put(s, port);
                int management = KafkaBroker.freePort(taken.stream().mapToInt(Integer::intValue).toArray());
                taken.add(management);
                managementPorts.put(s, management);
            }
            for (MeshService s : chosen()) {
                Map<String, String> p = serviceProperties(s, broker.bootstrapServers(), ports, managementPorts, dir,
                        staging, credentials);
                services.put(s, new ServiceProcess(s, java, s.jarIn(root), ports.get(s), managementPorts.get(s),
                        jvmOptions, p, logs.resolve(s.module() + ".log"), launched));
            }
            for (MeshService s : chosen()) {
                services.get(s).start();
            }
            for (MeshService s : chosen()) {
                services.get(s).awaitReady(readyTimeout);
            }
            Instances more = (s, id) -> {
                Map<MeshService, Integer> own = new HashMap<>(ports);
                Map<MeshService, Integer> ownManagement = new HashMap<>(managementPorts);
                int port;
                int management;
                try {
                    port = KafkaBroker.freePort(taken.stream().mapToInt(Integer::intValue).toArray());
                    taken.add(port);
                    management = KafkaBroker.freePort(taken.stream().mapToInt(Integer::intValue).toArray());
                    taken.add(management);
                } catch (IOException e) {
                    throw new KafkaBrokerException("no free port for another " + s.module() + ": " + e.getMessage(), e);
                }
                own.put(s, port);
                ownManagement.put(s, management);
                Map<String, String> p = serviceProperties(s, broker.bootstrapServers(), own, ownManagement, dir,
                        staging, credentials);
                p.put("manta.kafka.instance-id", Integer.toString(id));
                p.put("manta.streams.state-dir", dir.resolve(s.module() + "-" + id + "-state").toString());
                return new ServiceProcess(s, java, s.jarIn(root), port, management, jvmOptions, p,
                        logs.resolve(s.module() + "-" + id + ".log"), launched);
            };
            return new LocalMesh(broker, services, more, dir, logs, workDir == null, credentials, launched, hook);
        }
    }

    /**
     * What a start has made so far, for its shutdown hook and its failure: the processes it launched, the broker
     * once up, the mesh once ready (then stopping is closing it).
     */
    private static final class Startup {
        /** How long the services and broker of an interrupted or failed start get for a clean shutdown. */
        private static final Duration ABORT_TIMEOUT = Duration.ofSeconds(5);

        final Launched launched = new Launched();
        private final Path dir;
        private final boolean temporary;
        private KafkaBroker broker;
        private LocalMesh mesh;
        private boolean stopped;

        Startup(Path dir, boolean temporary) {
            this.dir = dir;
            this.temporary = temporary;
        }

        synchronized KafkaBroker broker(KafkaBroker b) {
            this.broker = b;
            return b;
        }

        synchronized void started(LocalMesh m) {
            this.mesh = m;
        }

        /** Stops what was started (once): the mesh, or every process launched so far; then the temporary work directory. */
        void stop() {
            LocalMesh m;
            synchronized (this) {
                m = mesh;
            }
            if (m != null) {
                m.close();
                return;
            }
            launched.stop(ABORT_TIMEOUT);
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
                if (broker != null) {
                    broker.close();
                }
                if (temporary) {
                    KafkaBroker.deleteRecursively(dir);
                }
            }
        }
    }
}
