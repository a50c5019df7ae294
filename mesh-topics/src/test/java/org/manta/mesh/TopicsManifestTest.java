package org.manta.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes topics (Strimzi KafkaTopic CRs in k8s/base/kafka/topics.yaml) say what {@link Topics}
 * declares: the same names, partitions and configs. Topics stay declared once; the manifest is a copy
 * that this test keeps honest.
 */
class TopicsManifestTest {
    private static final Path MANIFEST = Path.of("..", "k8s", "base", "kafka", "topics.yaml");

    @Test
    void kubernetesTopicsMatchTheDeclaredTopics() throws IOException {
        Map<String, JsonNode> manifest = new TreeMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            while (docs.hasNext()) {
                JsonNode d = docs.next();
                assertEquals("KafkaTopic", d.get("kind").asText());
                manifest.put(d.get("spec").get("topicName").asText(), d.get("spec"));
            }
        }
        assertEquals(Topics.all().stream().map(TopicSpec::name).sorted().toList(), manifest.keySet().stream().toList());
        for (TopicSpec t : Topics.all()) {
            JsonNode spec = manifest.get(t.name());
            assertEquals(t.partitions(), spec.get("partitions").asInt(), t.name() + " partitions");
            Map<String, String> config = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = spec.get("config").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                config.put(e.getKey(), e.getValue().asText());
            }
            assertEquals(new TreeMap<>(t.configs()), config, t.name() + " configs");
        }
    }
}
