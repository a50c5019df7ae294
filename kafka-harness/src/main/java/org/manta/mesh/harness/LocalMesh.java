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
    private final boolean temporary;

    private LocalMesh(KafkaBroker broker, Map<MeshService, ServiceProcess> services, Instances instances, Path workDir,
                      boolean temporary) {
        this.broker = broker;
        this.services = services;
        this.instances = instances;
        this.workDir = workDir;
        this.temporary = temporary;
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

    /** Logs and state directories live here. */
    public Path workDir() {
        return workDir;
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    public void restart(MeshService s, Duration timeout) {
        ServiceProcess p = services.get(s);
        p.start();
        p.awaitReady(timeout);
    }

    /**
     * Stops every service (clean shutdown), then the broker; deletes the work directory if the mesh
     * made it (a given work directory is kept, with the logs and the broker's data).
     */
    @Override
    public void close() {
        List<MeshService> order = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(order);
        for (MeshService s : order) {
            removeAddedInstances(s, Duration.ofSeconds(10));
            services.get(s).stop(Duration.ofSeconds(10));
        }
        broker.close();
        if (temporary) {
            KafkaBroker.deleteRecursively(workDir);
        }
    }

    /** Options of a local mesh. */
    public static final class Builder {
        private final Path root;
        private Path dataRoot = Path.of(".");
        private Path stagingRoot;
        private Path workDir;
        private int ingestPort;
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private List<String> jvmOptions = List.of("-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");
        private List<String> brokerJvmOptions;
        private final Map<MeshService, Map<String, String>> properties = new EnumMap<>(MeshService.class);
        private Duration readyTimeout = Duration.ofSeconds(120);
        private boolean gpu;

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

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /**
         * The configuration of one service process: loopback and its port, the broker, its Kafka identity
         * and state directory, the shared storage (every service reads inputs), ingest's reduce target, then
         * the {@link #property} overrides.
         */
        Map<String, String> serviceProperties(MeshService s, String bootstrapServers, Map<MeshService, Integer> ports,
                                              Path dir, Path staging) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("quarkus.http.host", "127.0.0.1");
            p.put("quarkus.http.port", Integer.toString(ports.get(s)));
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
            }
            p.putAll(properties.getOrDefault(s, Map.of()));
            return p;
        }

        /**
         * Starts the broker, creates the topics, starts the services (all at once) and waits until each
         * is ready.
         *
         * @throws KafkaBrokerException naming a missing service jar (build with {@code ./mvnw -DskipTests package})
         *         or a service that did not come up, with its log tail
         */
        public LocalMesh start() {
            for (MeshService s : chosen()) {
                if (!Files.isRegularFile(s.jarIn(root))) {
                    throw new KafkaBrokerException(s.jarIn(root) + " is missing: build the services first ("
                            + "./mvnw -B -DskipTests package from " + root + ")");
                }
            }
            Path dir;
            try {
                dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("manta-mesh-");
            } catch (IOException e) {
                throw new KafkaBrokerException("cannot create the mesh work directory: " + e.getMessage(), e);
            }
            Path staging;
            try {
                staging = Files.createDirectories(stagingRoot != null ? stagingRoot : dir.resolve("staging"));
            } catch (IOException e) {
                throw new KafkaBrokerException("cannot create the staging root: " + e.getMessage(), e);
            }
            KafkaBroker.Builder brokerBuilder = KafkaBroker.builder().dataDir(dir.resolve("kafka"));
            if (brokerJvmOptions != null) {
                brokerBuilder.jvmOptions(brokerJvmOptions);
            }
            KafkaBroker broker = brokerBuilder.start();
            Map<MeshService, ServiceProcess> services = new EnumMap<>(MeshService.class);
            try {
                broker.createTopics(Topics.all());
                Map<MeshService, Integer> ports = new HashMap<>();
                List<Integer> taken = new ArrayList<>(List.of(broker.port(), broker.controllerPort()));
                for (MeshService s : chosen()) {
                    int port = s == MeshService.INGEST && ingestPort > 0 ? ingestPort
                            : KafkaBroker.freePort(taken.stream().mapToInt(Integer::intValue).toArray());
                    taken.add(port);
                    ports.put(s, port);
                }
                for (MeshService s : chosen()) {
                    Map<String, String> p = serviceProperties(s, broker.bootstrapServers(), ports, dir, staging);
                    services.put(s, new ServiceProcess(s, java, s.jarIn(root), ports.get(s), jvmOptions, p,
                            dir.resolve(s.module() + ".log")));
                }
                for (MeshService s : chosen()) {
                    services.get(s).start();
                }
                for (MeshService s : chosen()) {
                    services.get(s).awaitReady(readyTimeout);
                }
                Instances more = (s, id) -> {
                    Map<MeshService, Integer> own = new HashMap<>(ports);
                    taken.add(own.get(s));
                    int port;
                    try {
                        port = KafkaBroker.freePort(taken.stream().mapToInt(Integer::intValue).toArray());
                    } catch (IOException e) {
                        throw new KafkaBrokerException("no free port for another " + s.module() + ": " + e.getMessage(), e);
                    }
                    taken.add(port);
                    own.put(s, port);
                    Map<String, String> p = serviceProperties(s, broker.bootstrapServers(), own, dir, staging);
                    p.put("manta.kafka.instance-id", Integer.toString(id));
                    p.put("manta.streams.state-dir", dir.resolve(s.module() + "-" + id + "-state").toString());
                    return new ServiceProcess(s, java, s.jarIn(root), port, jvmOptions, p,
                            dir.resolve(s.module() + "-" + id + ".log"));
                };
                return new LocalMesh(broker, services, more, dir, workDir == null);
            } catch (IOException | RuntimeException e) {
                services.values().forEach(ServiceProcess::kill);
                broker.close();
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new KafkaBrokerException("cannot start the local mesh: " + e.getMessage(), e);
            }
        }
    }
}
