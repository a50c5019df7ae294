package org.manta.mesh.harness;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the jars of the Kafka broker JVM (kafka_2.13 4.2.1, Scala, slf4j 2, log4j 2; 45 jars).
 *
 * <p>In order: the system property {@value #PROPERTY}, the environment variable {@value #ENV}
 * (either one: a directory of jars, or a list of jars separated by {@link File#pathSeparator}), then
 * the resource {@value #RESOURCE} that the {@code kafka-broker} module writes at build time (absolute
 * paths in the local Maven repository).
 */
public final class BrokerClasspath {
    public static final String PROPERTY = "manta.kafka.broker.classpath";
    public static final String ENV = "MANTA_KAFKA_BROKER_CLASSPATH";
    public static final String RESOURCE = "META-INF/manta/kafka-broker.classpath";

    private BrokerClasspath() {
    }

    /**
     * The broker classpath, every entry checked to exist.
     *
     * @throws KafkaBrokerException naming the source and the first missing jar
     */
    public static List<Path> resolve() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return parse(configured, "system property " + PROPERTY);
        }
        configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            return parse(configured, "environment variable " + ENV);
        }
        try (InputStream in = BrokerClasspath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new KafkaBrokerException("Kafka broker classpath: resource " + RESOURCE
                        + " not found; expected the manta-kafka-broker jar on the classpath (build it with"
                        + " ./mvnw -pl kafka-broker package) or " + PROPERTY + " / " + ENV + " set");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim(), "resource " + RESOURCE);
        } catch (IOException e) {
            throw new KafkaBrokerException("Kafka broker classpath: cannot read resource " + RESOURCE, e);
        }
    }

    /** A directory (all its {@code *.jar}) or a {@link File#pathSeparator}-separated list of jars. */
    static List<Path> parse(String text, String source) {
        List<Path> jars = new ArrayList<>();
        Path single = Path.of(text.trim());
        if (Files.isDirectory(single)) {
            try (Stream<Path> files = Files.list(single)) {
                files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new KafkaBrokerException("Kafka broker classpath from " + source + ": cannot list " + single, e);
            }
        } else {
            for (String entry : text.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(Path.of(entry.trim()));
                }
            }
        }
        if (jars.isEmpty()) {
            throw new KafkaBrokerException("Kafka broker classpath from " + source + " is empty: expected the broker jars");
        }
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new KafkaBrokerException("Kafka broker classpath from " + source + ": " + jar
                        + " does not exist (was the local Maven repository moved or cleaned? rebuild with"
                        + " ./mvnw -pl kafka-broker package)");
            }
        }
        return List.copyOf(jars);
    }
}
