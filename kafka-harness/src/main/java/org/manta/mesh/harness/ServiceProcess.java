package org.manta.mesh.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One mesh service running as its own JVM ({@code java -jar quarkus-run.jar}) on a loopback port (gRPC,
 * TLS for ingest and reduce) and a management port (plain HTTP: health, metrics), its output appended to a
 * log file. Started with {@link #start()}, ready when {@code /q/health/ready} answers 200 on the management port; {@link #kill()} is {@code kill -9}, {@link #stop()} a clean
 * shutdown (SIGTERM). The same object can be started again after it stopped or was killed: same
 * port, same configuration (so the same Kafka transactional ids and state directory).
 */
public final class ServiceProcess {
    /** How many error lines of its log a service that did not come up quotes. */
    private static final int LOG_ERROR_LINES = 8;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final MeshService service;
    private final Path java;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final List<String> jvmOptions;
    private final Map<String, String> properties;
    private final Path log;
    private final Launched launched;
    private Process process;

    ServiceProcess(MeshService service, Path java, Path jar, int port, int managementPort, List<String> jvmOptions,
                   Map<String, String> properties, Path log, Launched launched) {
        this.service = service;
        this.java = java;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.properties = Map.copyOf(properties);
        this.log = log;
        this.launched = launched;
    }

    public MeshService service() {
        return service;
    }

    /** The public port: gRPC (TLS) for ingest and reduce. */
    public int port() {
        return port;
    }

    /** The management port: {@code /q/health}, {@code /q/metrics} (plain HTTP on loopback). */
    public int managementPort() {
        return managementPort;
    }

    public Path logFile() {
        return log;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Launches the JVM (does not wait for readiness). */
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException(service + " is running already (pid " + process.pid() + ")");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        try {
            process = launched.start(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())), service.module());
        } catch (IOException e) {
            throw new KafkaBrokerException("cannot start " + service.module() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws KafkaBrokerException if the process dies or the timeout passes, with the errors its log ends with
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            Process p;
            synchronized (this) {
                p = process;
            }
            if (p == null || !p.isAlive()) {
                throw new KafkaBrokerException(service.module() + " exited" + (p == null ? "" : " with code " + p.exitValue())
                        + " before it was ready\n" + KafkaBroker.errorTail(log, LOG_ERROR_LINES));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaBrokerException("interrupted while waiting for " + service.module(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaBrokerException(service.module() + " was not ready within " + timeout.toSeconds() + " s on management port "
                        + managementPort + "\n" + KafkaBroker.errorTail(log, LOG_ERROR_LINES));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaBrokerException("interrupted while waiting for " + service.module(), e);
            }
        }
    }

    /** {@code kill -9}: no shutdown hooks, no clean close of Kafka clients, open transactions left behind. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A clean shutdown (SIGTERM), then {@code kill -9} after {@code timeout}. */
    public synchronized void stop(Duration timeout) {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Scrapes {@code /q/metrics} (Prometheus text). */
    public String metrics() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new KafkaBrokerException(service.module() + " metrics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return service.module() + " (port " + port + ", pid " + pid() + ")";
    }
}
