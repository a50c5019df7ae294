package org.manta.mesh.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop in the middle of a start (what the shutdown hook of {@link LocalMesh} does on Ctrl-C) ends every process
 * launched so far and lets none start after it; a service that did not come up is reported with its log's errors.
 * Plain {@code sleep} processes stand in for the broker and services.
 */
class LaunchedTest {
    @Test
    void stopEndsWhatWasLaunchedAndRefusesMore() throws IOException, InterruptedException {
        Launched launched = new Launched();
        Process polite = launched.start(new ProcessBuilder("sleep", "60"), "the broker");
        Process deaf = launched.start(new ProcessBuilder("bash", "-c", "trap '' TERM; sleep 60 & wait"), "a service");
        launched.start(new ProcessBuilder("true"), "a format").waitFor();
        assertEquals(2, launched.stop(Duration.ofMillis(500)), "the two still running");
        assertFalse(polite.isAlive(), "SIGTERM");
        assertFalse(deaf.isAlive(), "SIGKILL after the timeout");
        assertTrue(launched.stopped());
        KafkaBrokerException e = assertThrows(KafkaBrokerException.class,
                () -> launched.start(new ProcessBuilder("sleep", "60"), "ingest-service"));
        assertEquals("not starting ingest-service: the mesh is stopping", e.getMessage());
        assertEquals(0, launched.stop(Duration.ZERO), "idempotent");
    }

    @Test
    void aServiceThatExitsEarlyQuotesTheErrorsOfItsLog(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("ingest-service.log");
        Files.writeString(log, """
                2026-12-07 23:00:01,000 INFO  [io.quarkus] (main) starting
                2026-12-07 23:00:02,000 ERROR [io.qua.run.Application] (main) Failed to start application
                java.lang.RuntimeException: Unable to start HTTP server
                \tat io.quarkus.vertx.http.runtime.VertxHttpRecorder.doServerStart(VertxHttpRecorder.java:1)
                Caused by: java.net.BindException: Address already in use
                \tat java.base/sun.nio.ch.Net.bind0(Native Method)
                2026-12-07 23:00:02,100 INFO  [io.quarkus] (main) stopped
                """);
        Launched launched = new Launched();
        ServiceProcess p = new ServiceProcess(MeshService.INGEST, Path.of("/bin/false"), Path.of("x.jar"), 1, 1,
                java.util.List.of(), java.util.Map.of(), dir.resolve("run.log"), launched);
        p.start();
        Files.move(log, dir.resolve("run.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        KafkaBrokerException e = assertThrows(KafkaBrokerException.class, () -> p.awaitReady(Duration.ofSeconds(30)));
        assertEquals("""
                ingest-service exited with code 1 before it was ready
                --- last errors of %s ---
                2026-12-07 23:00:02,000 ERROR [io.qua.run.Application] (main) Failed to start application
                java.lang.RuntimeException: Unable to start HTTP server
                Caused by: java.net.BindException: Address already in use""".formatted(dir.resolve("run.log")),
                e.getMessage());
    }
}
