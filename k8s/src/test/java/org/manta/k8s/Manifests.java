package org.manta.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes objects read from YAML (a manifest file, or what {@code kubectl kustomize} renders), with the
 * few look-ups the manifest tests need: by kind and name, label selectors, named ports.
 *
 * @param objects every document, in file order
 */
record Manifests(List<JsonNode> objects) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** How long one {@code kubectl kustomize} may take, s (it renders in well under a second). */
    private static final long RENDER_TIMEOUT_S = 60;

    /** Every document of a YAML file. */
    static Manifests read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    /**
     * What {@code kubectl kustomize dir} renders.
     *
     * @param kubectl the kubectl executable
     */
    static Manifests render(Path kubectl, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(RENDER_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kubectl kustomize " + dir + " took more than " + RENDER_TIMEOUT_S + " s");
        }
        assertEquals(0, p.exitValue(), () -> "kubectl kustomize " + dir + " failed: " + err.strip());
        return parse(new java.io.ByteArrayInputStream(out));
    }

    /** kubectl on PATH, if any. */
    static Optional<Path> kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Manifests parse(InputStream in) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            }
        }
        return new Manifests(List.copyOf(docs));
    }

    /** Every object of a kind, e.g. {@code StatefulSet}. */
    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** The one object of a kind with that name; fails naming what exists. */
    JsonNode get(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail(kind + " '" + name + "': expected one of "
                + ofKind(kind).stream().map(Manifests::name).toList()));
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    /** The Services (in the workload's namespace) whose selector picks the workload's pods. */
    List<JsonNode> servicesSelecting(JsonNode workload) {
        Map<String, String> pod = podLabels(workload);
        return ofKind("Service").stream()
                .filter(s -> namespace(s).equals(namespace(workload)))
                .filter(s -> selects(s.path("spec").path("selector"), pod))
                .toList();
    }

    /** The workloads (StatefulSets, Deployments) of the mesh's own services. */
    List<JsonNode> workloads() {
        List<JsonNode> w = new ArrayList<>(ofKind("StatefulSet"));
        w.addAll(ofKind("Deployment"));
        return w;
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    static Map<String, String> podLabels(JsonNode workload) {
        return strings(workload.path("spec").path("template").path("metadata").path("labels"));
    }

    /** The first (the service's) container of a workload's pods. */
    static JsonNode container(JsonNode workload) {
        JsonNode c = workload.path("spec").path("template").path("spec").path("containers").path(0);
        assertTrue(c.isObject(), () -> name(workload) + ": expected a container");
        return c;
    }

    /** A container's port by name or number, as a number; fails when the container has no such port. */
    static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (port.asText().equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return fail("container " + container.path("name").asText() + ": no port named '" + port.asText() + "'");
    }

    /** The value of a plain {@code env} entry of a container (not from a ConfigMap), if set. */
    static Optional<String> env(JsonNode container, String variable) {
        for (JsonNode e : container.path("env")) {
            if (variable.equals(e.path("name").asText()) && e.has("value")) {
                return Optional.of(e.path("value").asText());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a label selector picks objects with these labels: either a plain map (a Service's selector)
     * or a {@code matchLabels} selector; an empty selector picks everything. {@code matchExpressions}
     * are not used by the manifests and fail here, so a new one is not silently ignored.
     */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        assertTrue(selector.path("matchExpressions").isMissingNode(), "matchExpressions are not checked: " + selector);
        JsonNode match = selector.has("matchLabels") ? selector.path("matchLabels") : selector;
        return labels.entrySet().containsAll(strings(match).entrySet());
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }
}
