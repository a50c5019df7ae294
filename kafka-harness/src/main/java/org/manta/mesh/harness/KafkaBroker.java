package org.manta.mesh.harness;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.manta.mesh.TopicSpec;

/**
 * A real Apache Kafka broker (4.2.1, KRaft combined mode: one node is broker and controller) running
 * in its own JVM on loopback, for tests and the local mesh (stack.md §3.5).
 *
 * <p>{@link #start()} picks two free loopback ports, writes {@code server.properties} into a fresh
 * temporary directory, formats the storage ({@code kafka.tools.StorageTool format}), launches
 * {@code kafka.Kafka} and returns once the broker answers an Admin request. {@link #close()} stops the
 * process (SIGTERM, then SIGKILL after the stop timeout) and deletes the temporary directory. A JVM
 * shutdown hook stops a broker that was never closed.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     kafka.createTopics(Topics.all());
 *     Map<String, Object> config = kafka.clientConfig();   // bootstrap.servers=127.0.0.1:<port>
 *     ...
 * }
 * }</pre>
 *
 * A Quarkus test resource is a few lines:
 * <pre>{@code
 * public class KafkaResource implements QuarkusTestResourceLifecycleManager {
 *     private KafkaBroker kafka;
 *     public Map<String, String> start() {
 *         kafka = KafkaBroker.start();
 *         kafka.createTopics(Topics.all());
 *         return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
 *     }
 *     public void stop() { kafka.close(); }
 * }
 * }</pre>
 *
 * {@link #kill()} ({@code kill -9}) or {@link #stop()} end the broker process but keep its data;
 * {@link #restart()} launches it again on the same log dirs and ports (clients reconnect by themselves).
 *
 * <p>The broker's stdout and stderr go to {@link #logFile()}; failures to start quote its tail.
 * Topics are not auto-created ({@code auto.create.topics.enable=false}): create them with
 * {@link #createTopics}, so every topic gets its declared configs.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final String BROKER_MAIN = "kafka.Kafka";
    private static final int LOG_TAIL_LINES = 40;

    private final Builder launcher;
    private final String classpath;
    private volatile Process process;
    private final Path dataDir;
    private final boolean deleteDataDir;
    private final Path logFile;
    private final int port;
    private final int controllerPort;
    private final Duration stopTimeout;
    private Duration startupTime;
    private final Thread shutdownHook;
    private Admin admin;
    private boolean closed;

    private KafkaBroker(Builder launcher, String classpath, Process process, Path dataDir, boolean deleteDataDir, Path logFile, int port,
                        int controllerPort, Duration stopTimeout, Duration startupTime, boolean ownShutdownHook) {
        this.launcher = launcher;
        this.classpath = classpath;
        this.process = process;
        this.dataDir = dataDir;
        this.deleteDataDir = deleteDataDir;
        this.logFile = logFile;
        this.port = port;
        this.controllerPort = controllerPort;
        this.stopTimeout = stopTimeout;
        this.startupTime = startupTime;
        this.shutdownHook = ownShutdownHook ? new Thread(this::stopProcessAndCleanUp, "kafka-broker-shutdown-" + port) : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Starts a broker with the defaults of {@link Builder}. */
    public static KafkaBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client (PLAINTEXT) port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The KRaft controller port on 127.0.0.1 (not for clients). */
    public int controllerPort() {
        return controllerPort;
    }

    /** The minimal client configuration: {@code bootstrap.servers}. Copy it into producer/consumer configs. */
    public Map<String, Object> clientConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** Holds {@code server.properties}, the logs and {@code kafka-logs/} (the broker's data). */
    public Path dataDir() {
        return dataDir;
    }

    /** The broker JVM's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Process id of the broker JVM. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** From launching the storage format (or, after {@link #restart()}, the process) to the broker answering an Admin request. */
    public synchronized Duration startupTime() {
        return startupTime;
    }

    /** {@code kill -9} of the broker process: no clean shutdown; the data stays for {@link #restart()}. */
    public synchronized void kill() {
        Process p = process;
        if (p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A clean shutdown (SIGTERM, then SIGKILL after the stop timeout); the data stays for {@link #restart()}. */
    public synchronized void stop() {
        stop(process, stopTimeout);
    }

    /**
     * Launches the broker again after {@link #kill()} or {@link #stop()}: the same {@code server.properties}
     * (log dirs, client and controller ports), so its topics, committed records, consumer offsets and
     * transaction state are back; waits until it answers as {@link Builder#start()} does.
     *
     * @throws IllegalStateException if it is running or closed
     * @throws KafkaBrokerException  if it does not come up within the start timeout, with the log tail
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Kafka broker on port " + port + " is closed");
        }
        if (process.isAlive()) {
            throw new IllegalStateException("Kafka broker on port " + port + " is running (pid " + process.pid() + ")");
        }
        long t0 = System.nanoTime();
        process = launcher.launch(classpath, dataDir, port, t0 + launcher.startTimeout.toNanos());
        startupTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The last {@code lines} lines of the broker log. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /**
     * Creates topics with their partitions and configs; topics that already exist are left as they are
     * (so a restarted local mesh can call this again).
     *
     * @throws KafkaBrokerException if the broker rejects a topic (e.g. an invalid config)
     */
    public void createTopics(Collection<TopicSpec> topics) {
        CreateTopicsResult result = admin().createTopics(topics.stream().map(TopicSpec::toNewTopic).toList());
        for (Map.Entry<String, KafkaFuture<Void>> e : result.values().entrySet()) {
            try {
                e.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw new KafkaBrokerException("creating topic " + e.getKey() + " failed: " + ex.getCause().getMessage(), ex.getCause());
                }
            } catch (TimeoutException ex) {
                throw new KafkaBrokerException("creating topic " + e.getKey() + " timed out after 30 s\n" + logTail(LOG_TAIL_LINES), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new KafkaBrokerException("interrupted while creating topic " + e.getKey(), ex);
            }
        }
    }

    public void createTopics(TopicSpec... topics) {
        createTopics(Arrays.asList(topics));
    }

    /** An Admin client on this broker, owned by the broker object (closed by {@link #close()}; do not close it). */
    public synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("Kafka broker on port " + port + " is closed");
        }
        if (admin == null) {
            admin = Admin.create(clientConfig());
        }
        return admin;
    }

    /**
     * Stops the broker: SIGTERM (a clean shutdown), then SIGKILL if it is still alive after the stop
     * timeout; then deletes the temporary data directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        stopProcessAndCleanUp();
        try {
            if (shutdownHook != null) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private synchronized void stopProcessAndCleanUp() {
        stop(process, stopTimeout);
        if (deleteDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private static void stop(Process p, Duration timeout) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Options of a broker; every one has a default. */
    public static final class Builder {
        private List<Path> classpath;
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        private Path dataDir;
        private int port;
        private int controllerPort;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private List<String> jvmOptions = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(15);
        private Path logDir;
        private Launched launched = new Launched();
        private boolean ownShutdownHook = true;

        private Builder() {
        }

        /** The broker JVM's jars; default {@link BrokerClasspath#resolve()}. */
        public Builder classpath(List<Path> jars) {
            this.classpath = List.copyOf(jars);
            return this;
        }

        /** The {@code java} to run the broker with; default this JVM's. */
        public Builder javaExecutable(Path java) {
            this.javaExecutable = java;
            return this;
        }

        /**
         * A directory to keep the broker's data in (created if missing, kept on close; an already
         * formatted one is reused as it is). Default: a fresh temporary directory, deleted on close.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The client port; default 0: a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The controller port; default 0: a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Adds or overrides a {@code server.properties} entry, e.g. {@code log.cleaner.backoff.ms}. */
        public Builder brokerProperty(String key, String value) {
            extraProperties.put(key, value);
            return this;
        }

        /** Options of the broker JVM; default a small heap, serial GC and C1 only (fast start, little CPU). */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Where the broker's log ({@code broker.log}) and its storage format's ({@code format.log}) go (created if
         * missing, never deleted); default the data directory.
         */
        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        /**
         * Records the processes this broker launches with those of a mesh, whose shutdown hook stops them (after the
         * services: the broker then has none of its own).
         */
        Builder launched(Launched processes) {
            this.launched = processes;
            this.ownShutdownHook = false;
            return this;
        }

        /** How long formatting plus start-up may take; default 60 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** How long a clean shutdown may take before the process is killed; default 15 s. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * Formats storage, launches the broker and waits until it answers.
         *
         * @throws KafkaBrokerException if it does not come up within the start timeout, with the log tail
         */
        public KafkaBroker start() {
            List<Path> jars = classpath != null ? classpath : BrokerClasspath.resolve();
            String cp = jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
            boolean temporary = dataDir == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("manta-kafka-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new KafkaBrokerException("cannot create the Kafka data directory " + dataDir, e);
            }
            Process process = null;
            try {
                Path logs = Files.createDirectories(logDir != null ? logDir : dir);
                int clientPort = port > 0 ? port : freePort();
                int ctrlPort = controllerPort > 0 ? controllerPort : freePort(clientPort);
                Path config = dir.resolve("server.properties");
                Files.writeString(config, serverProperties(dir.resolve("kafka-logs"), clientPort, ctrlPort), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("log4j2.properties"), LOG4J2_PROPERTIES, StandardCharsets.UTF_8);

                long t0 = System.nanoTime();
                long deadline = t0 + startTimeout.toNanos();
                if (!Files.exists(dir.resolve("kafka-logs").resolve("meta.properties"))) {
                    format(cp, config, dir.resolve("log4j2.properties"), logs.resolve("format.log"), deadline);
                }
                process = launch(cp, dir, clientPort, deadline);
                Duration startup = Duration.ofNanos(System.nanoTime() - t0);
                return new KafkaBroker(this, cp, process, dir, temporary, brokerLog(dir), clientPort, ctrlPort,
                        stopTimeout, startup, ownShutdownHook);
            } catch (IOException e) {
                if (process != null) {
                    stop(process, Duration.ZERO);
                }
                cleanUpAfterFailure(dir, temporary);
                throw new KafkaBrokerException("cannot start the Kafka broker: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (process != null) {
                    stop(process, Duration.ZERO);
                }
                cleanUpAfterFailure(dir, temporary);
                throw e;
            }
        }

        /**
         * Launches {@code kafka.Kafka} on the {@code server.properties} in {@code dir} and waits until it
         * answers; a process that does not is killed.
         */
        private Process launch(String cp, Path dir, int clientPort, long deadline) {
            Path log = brokerLog(dir);
            Process p;
            try {
                p = launched.start(java(cp, dir.resolve("log4j2.properties"), BROKER_MAIN,
                        dir.resolve("server.properties").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())), "the Kafka broker");
            } catch (IOException e) {
                throw new KafkaBrokerException("cannot start the Kafka broker: " + e.getMessage(), e);
            }
            try {
                awaitPort(p, clientPort, log, deadline);
                awaitAdmin(clientPort, log, deadline);
                return p;
            } catch (RuntimeException e) {
                stop(p, Duration.ZERO);
                throw e;
            }
        }

        private Path brokerLog(Path dataDir) {
            return (logDir != null ? logDir : dataDir).resolve("broker.log");
        }

        private void cleanUpAfterFailure(Path dir, boolean temporary) {
            if (temporary) {
                deleteRecursively(dir);
            }
        }

        private ProcessBuilder java(String cp, Path log4j, String mainClass, String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaExecutable.toString());
            cmd.addAll(jvmOptions);
            cmd.add("-Dlog4j2.configurationFile=" + log4j.toUri());
            cmd.add("-cp");
            cmd.add(cp);
            cmd.add(mainClass);
            cmd.addAll(List.of(args));
            return new ProcessBuilder(cmd);
        }

        /** {@code kafka.tools.StorageTool format} with a fresh cluster id. */
        private void format(String cp, Path config, Path log4j, Path formatLog, long deadline) throws IOException {
            Process p = launched.start(java(cp, log4j, STORAGE_TOOL, "format", "--cluster-id",
                    Uuid.randomUuid().toString(), "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(formatLog.toFile()), "the Kafka storage format");
            try {
                if (!p.waitFor(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new KafkaBrokerException("formatting Kafka storage did not finish within " + startTimeout.toSeconds()
                            + " s\n" + tail(formatLog, LOG_TAIL_LINES));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new KafkaBrokerException("interrupted while formatting Kafka storage", e);
            }
            if (p.exitValue() != 0) {
                throw new KafkaBrokerException("formatting Kafka storage failed (exit code " + p.exitValue() + ", "
                        + STORAGE_TOOL + ")\n" + tail(formatLog, LOG_TAIL_LINES));
            }
        }

        private void awaitPort(Process p, int clientPort, Path log, long deadline) {
            while (true) {
                if (!p.isAlive()) {
                    throw new KafkaBrokerException("the Kafka broker exited with code " + p.exitValue()
                            + " before listening on 127.0.0.1:" + clientPort + "\n" + tail(log, LOG_TAIL_LINES));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort), 200);
                    return;
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new KafkaBrokerException("the Kafka broker did not listen on 127.0.0.1:" + clientPort
                            + " within " + startTimeout.toSeconds() + " s\n" + tail(log, LOG_TAIL_LINES));
                }
                sleep(50);
            }
        }

        private void awaitAdmin(int clientPort, Path log, long deadline) {
            Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + clientPort);
            try (Admin a = Admin.create(config)) {
                a.describeCluster().nodes().get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new KafkaBrokerException("the Kafka broker listens on 127.0.0.1:" + clientPort
                        + " but did not answer within " + startTimeout.toSeconds() + " s: " + e + "\n" + tail(log, LOG_TAIL_LINES), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaBrokerException("interrupted while waiting for the Kafka broker", e);
            }
        }

        private String serverProperties(Path logDirs, int clientPort, int ctrlPort) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + ctrlPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            p.put("log.dirs", logDirs.toString());
            p.put("num.partitions", "1");
            p.put("default.replication.factor", "1");
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "4");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("share.coordinator.state.topic.num.partitions", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            p.putAll(extraProperties);
            StringBuilder sb = new StringBuilder("# written by org.manta.mesh.harness.KafkaBroker\n");
            p.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
            return sb.toString();
        }
    }

    /** WARN and above, plus the broker's own start/stop INFO lines, to stdout (the log file). */
    private static final String LOG4J2_PROPERTIES = """
            status = warn
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = warn
            rootLogger.appenderRef.stdout.ref = STDOUT
            logger.kafka.name = kafka
            logger.kafka.level = info
            logger.server.name = org.apache.kafka.server
            logger.server.level = info
            """;

    /** A free port on the loopback interface, different from {@code avoid}. */
    static int freePort(int... avoid) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                if (Arrays.stream(avoid).noneMatch(a -> a == p)) {
                    return p;
                }
            }
        }
        throw new IOException("no free loopback port found");
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /** The last lines of a log file (reads at most its last 64 KiB), or a note that it cannot be read. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = lastLines(file);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
        } catch (IOException e) {
            return "(no log: " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * The last {@code lines} lines of a log file that say what went wrong: ERROR, FATAL and SEVERE entries and the
     * exceptions (and their causes) they quote, without the stack frames; the last lines when none does.
     */
    static String errorTail(Path file, int lines) {
        try {
            List<String> all = lastLines(file);
            List<String> errors = all.stream().filter(l -> ERROR_LINE.matcher(l).find()).toList();
            List<String> chosen = errors.isEmpty() ? all : errors;
            List<String> last = chosen.subList(Math.max(0, chosen.size() - lines), chosen.size());
            return "--- " + (errors.isEmpty() ? "last lines" : "last errors") + " of " + file + " ---\n"
                    + String.join("\n", last);
        } catch (IOException e) {
            return "(no log: " + file + ": " + e.getMessage() + ")";
        }
    }

    /** A log line that reports a failure rather than progress or a stack frame. */
    private static final java.util.regex.Pattern ERROR_LINE = java.util.regex.Pattern.compile(
            "\\b(ERROR|FATAL|SEVERE)\\b|^Caused by: |^\\S*(Exception|Error)\\b");

    /** The lines of the last 64 KiB of a file. */
    private static List<String> lastLines(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(length, 64 * 1024);
            byte[] buf = new byte[n];
            f.seek(length - n);
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8).lines().toList();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete Kafka data directory " + dir + ": " + e.getMessage());
        }
    }
}
