package org.manta.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.Topics;

/**
 * What a mesh service does with Kafka, read from its code: its main sources, the mesh-common classes they use
 * (transitively, by name, outside comments) and its {@code application.properties}. The constructs that make
 * Kafka clients say it:
 * <ul>
 *   <li>a Streams topology's {@code addSource(..., Topics.X)} reads X, {@code addSink(..., Topics.X, ...)} writes
 *       X; {@code quarkus.kafka-streams.application-id} is its consumer group, the prefix of its internal topics
 *       and of its transactional ids (exactly_once_v2), and Quarkus waits for {@code quarkus.kafka-streams.topics};</li>
 *   <li>a topic view ({@code new KeyedTopicView}, {@code new CompactedTopicReader}) reads its topic, without a group;</li>
 *   <li>{@code consumerConfig(..., GROUP, ...)} joins the group {@code GROUP} (a constant of that file), and
 *       {@code .subscribe(List.of(Topics.X))} reads X;</li>
 *   <li>{@code producerConfig(..., Topics.X_TOPIC...)} and {@code new ProducerRecord<>(Topics.X, ...)} write X;</li>
 *   <li>a transactional loop's {@code new TransactionalBatchLoop.Settings(name, GROUP, Topics.S, List.of(Topics.W...))}
 *       reads S and writes W in the group {@code GROUP} (a constant of that file); {@code new UnitWorker("p" + ...)}
 *       runs one with transactional ids that start with {@code p}.</li>
 * </ul>
 *
 * @param reads                  topics read
 * @param writes                 topics written
 * @param awaited                topics Quarkus waits for before starting a Streams stage (Describe)
 * @param groups                 consumer groups
 * @param transactionalPrefixes  prefixes of the transactional ids
 * @param streamsApplicationId   the Kafka Streams application id, or empty
 */
record KafkaUses(Set<String> reads, Set<String> writes, Set<String> awaited, Set<String> groups,
                 Set<String> transactionalPrefixes, String streamsApplicationId) {
    private static final Pattern TOPIC = Pattern.compile("Topics\\.([A-Z_]+)");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b([A-Z][A-Za-z0-9]+)\\b");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern UNIT_WORKER = Pattern.compile("new UnitWorker\\(\\s*\"([^\"]+)\"");
    private static final Pattern GROUP_CONSTANT = Pattern.compile("String GROUP = \"([^\"]+)\"");

    /**
     * @param repository the repository root
     * @param module     the service's module directory, e.g. {@code fft-service}
     */
    static KafkaUses of(Path repository, String module) {
        Map<String, Path> common = javaFiles(repository.resolve("mesh-common/src/main/java"));
        Map<String, String> code = new LinkedHashMap<>();
        javaFiles(repository.resolve(module).resolve("src/main/java")).forEach((name, file) -> code.put(name, source(file)));
        Properties app = properties(repository.resolve(module).resolve("src/main/resources/application.properties"));
        Deque<String> used = new ArrayDeque<>(code.values());
        used.add(String.join("\n", app.stringPropertyNames().stream().map(app::getProperty).toList()));
        while (!used.isEmpty()) {      // the mesh-common classes the service's code uses, and those they use
            Matcher m = CLASS_NAME.matcher(used.pop());
            while (m.find()) {
                String c = m.group(1);
                if (common.containsKey(c) && !code.containsKey(c)) {
                    code.put(c, source(common.get(c)));
                    used.add(code.get(c));
                }
            }
        }
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (String src : code.values()) {
            for (String statement : src.split(";")) {
                List<String> topics = TOPIC.matcher(statement).results().flatMap(r -> topic(r.group(1)).stream()).toList();
                if (statement.contains("addSource(") || statement.contains("new KeyedTopicView")
                        || statement.contains("new CompactedTopicReader")) {
                    reads.addAll(topics);
                } else if (statement.contains("addSink(") || statement.contains("producerConfig(")
                        || statement.contains("new ProducerRecord<>(Topics.")) {
                    writes.addAll(topics);
                } else if (statement.contains(".subscribe(")) {
                    reads.addAll(topics);
                } else if (statement.contains("consumerConfig(") && statement.contains("GROUP")) {
                    Matcher g = GROUP_CONSTANT.matcher(src);
                    assertTrue(g.find(), "expected the constant GROUP beside " + statement.strip());
                    groups.add(g.group(1));
                } else if (statement.contains("new TransactionalBatchLoop.Settings(")) {
                    assertTrue(!topics.isEmpty() && statement.contains("GROUP"),
                            "a transactional loop without a source topic or GROUP: " + statement.strip());
                    reads.add(topics.getFirst());
                    writes.addAll(topics.subList(1, topics.size()));
                    Matcher g = GROUP_CONSTANT.matcher(src);
                    assertTrue(g.find(), "expected the constant GROUP beside " + statement.strip());
                    groups.add(g.group(1));
                }
                Matcher w = UNIT_WORKER.matcher(statement);
                if (w.find()) {
                    prefixes.add(w.group(1));
                }
            }
        }
        String applicationId = app.getProperty("quarkus.kafka-streams.application-id", "");
        Set<String> awaited = new TreeSet<>();
        if (!applicationId.isEmpty()) {
            groups.add(applicationId);
            prefixes.add(applicationId);
            for (String t : app.getProperty("quarkus.kafka-streams.topics", "").split(",")) {
                awaited.add(Topics.spec(t.strip()).name());
            }
        }
        return new KafkaUses(reads, writes, awaited, groups, prefixes, applicationId);
    }

    /**
     * The name of the topic a {@code Topics} constant ({@code JOBS} or {@code JOBS_TOPIC}) stands for; empty for the
     * other constants (partition counts, {@code UNCOMPRESSED}).
     */
    private static Optional<String> topic(String constant) {
        Object v;
        try {
            v = Topics.class.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Topics." + constant + ": no such constant", e);
        }
        if (v instanceof TopicSpec spec) {
            return Optional.of(spec.name());
        }
        return Topics.all().stream().map(TopicSpec::name).filter(n -> n.equals(v)).findFirst();
    }

    /** The Java files under a source root, by simple class name. */
    private static Map<String, Path> javaFiles(Path root) {
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".java")).sorted()
                    .forEach(p -> files.put(p.getFileName().toString().replace(".java", ""), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A Java file without its comments. */
    private static String source(Path file) {
        try {
            return COMMENTS.matcher(Files.readString(file)).replaceAll(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }
}
