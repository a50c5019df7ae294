package org.manta.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.manta.k8s.Manifests.container;
import static org.manta.k8s.Manifests.containerPort;
import static org.manta.k8s.Manifests.name;
import static org.manta.k8s.Manifests.namespace;
import static org.manta.k8s.Manifests.podLabels;
import static org.manta.k8s.Manifests.selects;
import static org.manta.k8s.Manifests.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.Topics;

/**
 * The Kubernetes manifests say what the code does. Every overlay under {@code k8s/overlays} is rendered with
 * {@code kubectl kustomize} (skipped, with a message, where kubectl is absent) and checked: the topics and
 * their partitions are {@link Topics}'; KEDA scales fft-service on fft-service's consumer group and topic
 * through a broker address that resolves from KEDA's namespace, and never past the partitions; the
 * addresses in the ConfigMap name Services that exist; every service has health probes, requests and a
 * memory limit, a non-root read-only pod, a headless governing Service, a disruption budget and network
 * policies; where the broker authenticates clients (prod), each service logs in over TLS as a KafkaUser of its
 * own whose ACLs allow exactly what its code does with Kafka ({@link KafkaUses}), and so does KEDA. The base's
 * topics and image names are checked without kubectl.
 */
class K8sManifestsTest {
    /** The module directory (Surefire's working directory) is {@code k8s/}. */
    private static final Path K8S = Path.of("").toAbsolutePath();
    /** fft-service's (and gpu-service's) consumer group is declared in their shared worker (UnitWorker.GROUP). */
    private static final Path FFT_WORKER = K8S.resolveSibling("mesh-common")
            .resolve("src/main/java/org/manta/mesh/common/fold/UnitWorker.java");
    /** The repository root: the services' sources, which say what each does with Kafka ({@link KafkaUses}). */
    private static final Path REPOSITORY = K8S.getParent();
    /** What a Kafka Streams application does with its internal topics (changelogs): create, use, delete, check. */
    private static final List<String> STREAMS_INTERNAL_TOPIC_OPERATIONS =
            List.of("Create", "Read", "Write", "Delete", "Describe", "DescribeConfigs");
    /** Quarkus SmallRye Health's endpoints (quarkus-smallrye-health in every service). */
    private static final Map<String, String> HEALTH = Map.of(
            "startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
    private static final Map<Path, Manifests> RENDERED = new HashMap<>();

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            List<String> names = dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertFalse(names.isEmpty(), "expected overlays with a kustomization.yaml under " + K8S.resolve("overlays"));
            return names.stream();
        }
    }

    private static Manifests render(String overlay) throws IOException, InterruptedException {
        Optional<Path> kubectl = Manifests.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not on PATH: overlay '" + overlay + "' is not rendered or checked"
                + " (install kubectl >= 1.27, which has kustomize replacements)");
        Path dir = K8S.resolve("overlays").resolve(overlay);
        synchronized (RENDERED) {
            Manifests m = RENDERED.get(dir);
            if (m == null) {
                m = Manifests.render(kubectl.get(), dir);
                RENDERED.put(dir, m);
            }
            return m;
        }
    }

    @Test
    void baseTopicsAreTheDeclaredTopics() throws IOException {
        assertTopicsAreTheCodes(Manifests.read(K8S.resolve("base/kafka/topics.yaml")).ofKind("KafkaTopic"));
    }

    /**
     * The base names the images as {@code ./mvnw -Pimages package} builds them: the module named like the
     * workload builds an image (declares jib-maven-plugin) called {@code <registry>/<prefix><artifactId>:<version>}
     * (the parent POM's properties, passed by Surefire).
     */
    @Test
    void baseImagesAreTheBuiltImages() throws IOException {
        String registry = System.getProperty("manta.image.registry");
        String prefix = System.getProperty("manta.image.prefix", "");
        String tag = System.getProperty("manta.image.tag");
        assumeTrue(registry != null && tag != null,
                "manta.image.* system properties unset (run through Maven): the base's image names are not checked");
        int services = 0;
        try (Stream<Path> files = Files.list(K8S.resolve("base"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode w : Manifests.read(f).workloads()) {
                    Path pom = K8S.resolveSibling(name(w)).resolve("pom.xml");
                    assertTrue(Files.isRegularFile(pom), f.getFileName() + ": no module " + name(w) + " builds its image");
                    String module = Files.readString(pom);
                    assertTrue(module.contains("<artifactId>jib-maven-plugin</artifactId>"), pom + ": expected jib-maven-plugin");
                    Matcher artifact = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(module);
                    assertTrue(artifact.find(), pom + ": expected an artifactId after the parent");
                    assertEquals(registry + "/" + prefix + artifact.group(1) + ":" + tag, container(w).path("image").asText(),
                            f.getFileName() + ": " + name(w) + "'s image");
                    services++;
                }
            }
        }
        assertTrue(services >= 4, "expected the four mesh services in k8s/base, found " + services);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void topicsAreTheDeclaredTopics(String overlay) throws Exception {
        Manifests m = render(overlay);
        List<JsonNode> topics = m.ofKind("KafkaTopic");
        assertTopicsAreTheCodes(topics);
        JsonNode kafka = theKafka(m);
        int brokers = m.ofKind("KafkaNodePool").stream()
                .filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        int minIsr = kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt();
        for (JsonNode t : topics) {
            String topic = t.path("spec").path("topicName").asText();
            assertEquals(name(kafka), t.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    topic + ": strimzi.io/cluster must name the Kafka");
            int replicas = t.path("spec").path("replicas").asInt();
            assertTrue(replicas <= brokers, topic + " replicas " + replicas + ": expected at most the " + brokers + " brokers");
            assertTrue(minIsr <= replicas, topic + " replicas " + replicas + ": expected at least min.insync.replicas " + minIsr);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kedaScalesFftServiceOnItsGroupAndTopicThroughAResolvableBroker(String overlay) throws Exception {
        Manifests m = render(overlay);
        JsonNode scaled = m.get("ScaledObject", "fft-service");
        JsonNode ref = scaled.path("spec").path("scaleTargetRef");
        JsonNode target = m.get(ref.path("kind").asText("Deployment"), ref.path("name").asText());
        assertTrue(target.path("spec").path("replicas").isMissingNode(),
                name(target) + " sets replicas " + target.path("spec").path("replicas") + ": expected none, KEDA owns the count");

        List<JsonNode> kafkaTriggers = new ArrayList<>();
        scaled.path("spec").path("triggers").forEach(t -> {
            if ("kafka".equals(t.path("type").asText())) {
                kafkaTriggers.add(t.path("metadata"));
            }
        });
        assertEquals(1, kafkaTriggers.size(), "expected one kafka trigger on " + name(scaled));
        JsonNode trigger = kafkaTriggers.getFirst();
        assertEquals(fftConsumerGroup(), trigger.path("consumerGroup").asText(), "KEDA's consumerGroup");
        assertEquals(Topics.UNITS, trigger.path("topic").asText(), "KEDA's topic");

        // KEDA's operator runs in its own namespace: <kafka>-kafka-bootstrap.<namespace>.svc[.cluster.local]:<port>
        JsonNode kafka = theKafka(m);
        String address = trigger.path("bootstrapServers").asText();
        String[] hostPort = address.split(":");
        String[] host = hostPort[0].split("\\.");
        assertTrue(host.length >= 3 && host[2].equals("svc"),
                "KEDA's bootstrapServers '" + address + "': expected <service>.<namespace>.svc:<port>");
        assertEquals(strimziBootstrapService(kafka), host[0], "KEDA's bootstrapServers service");
        assertEquals(namespace(kafka), host[1], "KEDA's bootstrapServers namespace");
        assertTrue(listenerPorts(kafka).contains(Integer.parseInt(hostPort[1])),
                "KEDA's bootstrapServers port " + hostPort[1] + ": expected a listener port " + listenerPorts(kafka));

        // every busy pod has a partition per worker thread: pods × threads ≤ the partitions of manta.units
        int threads = Manifests.env(container(target), "MANTA_FFT_WORKERS").map(Integer::parseInt)
                .orElseThrow(() -> new AssertionError(name(target) + ": expected MANTA_FFT_WORKERS set (the default"
                        + " is the node's processors, which the pod does not control)"));
        int maxPods = scaled.path("spec").path("maxReplicaCount").asInt();
        assertTrue(maxPods * threads <= Topics.UNITS_TOPIC.partitions(), "maxReplicaCount " + maxPods + " × "
                + threads + " workers: expected at most the " + Topics.UNITS_TOPIC.partitions() + " partitions of " + Topics.UNITS);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void addressesInTheConfigMapNameExistingServices(String overlay) throws Exception {
        Manifests m = render(overlay);
        Map<String, String> config = strings(m.get("ConfigMap", "manta-mesh").path("data"));
        JsonNode kafka = theKafka(m);
        String[] broker = config.get("KAFKA_BOOTSTRAP").split(":");
        assertEquals(strimziBootstrapService(kafka), broker[0].split("\\.")[0], "KAFKA_BOOTSTRAP service");
        assertTrue(listenerPorts(kafka).contains(Integer.parseInt(broker[1])), "KAFKA_BOOTSTRAP port " + broker[1]
                + ": expected a listener port " + listenerPorts(kafka));

        String[] reduce = config.get("MANTA_INGEST_REDUCE_TARGET").split(":");
        JsonNode service = m.get("Service", reduce[0]);
        JsonNode port = null;
        for (JsonNode p : service.path("spec").path("ports")) {
            if (p.path("port").asInt() == Integer.parseInt(reduce[1])) {
                port = p;
            }
        }
        assertTrue(port != null, "Service " + reduce[0] + " has no port " + reduce[1]);
        JsonNode reduceService = m.get("StatefulSet", "reduce-service");
        assertTrue(selects(service.path("spec").path("selector"), podLabels(reduceService)),
                "Service " + reduce[0] + " does not select reduce-service's pods");
        assertEquals(Integer.parseInt(reduce[1]), containerPort(container(reduceService), port.path("targetPort")),
                "MANTA_INGEST_REDUCE_TARGET's port on reduce-service's container");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasHealthProbesRequestsAndAMemoryLimit(String overlay) throws Exception {
        Manifests m = render(overlay);
        assertTrue(m.workloads().size() >= 4, "expected the four mesh services in " + overlay);
        for (JsonNode w : m.workloads()) {
            JsonNode c = container(w);
            HEALTH.forEach((probe, path) -> {
                JsonNode get = c.path(probe).path("httpGet");
                assertEquals(path, get.path("path").asText(), name(w) + " " + probe + " path");
                containerPort(c, get.path("port"));
            });
            JsonNode resources = c.path("resources");
            for (String r : List.of("cpu", "memory")) {
                assertFalse(resources.path("requests").path(r).asText().isEmpty(), name(w) + ": expected a " + r + " request");
            }
            long request = bytes(resources.path("requests").path("memory").asText());
            long limit = bytes(resources.path("limits").path("memory").asText(""));
            assertTrue(limit >= request, name(w) + " memory limit " + resources.path("limits")
                    + ": expected one of at least the request " + request + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsAsNonRootOnAReadOnlyRootWithoutPrivileges(String overlay) throws Exception {
        Manifests m = render(overlay);
        for (JsonNode w : m.workloads()) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            JsonNode security = container(w).path("securityContext");
            assertTrue(podSecurity.path("runAsNonRoot").asBoolean(), name(w) + ": expected runAsNonRoot");
            assertTrue(podSecurity.path("runAsUser").asLong(0) > 0, name(w) + ": expected a non-zero runAsUser");
            assertEquals("RuntimeDefault", podSecurity.path("seccompProfile").path("type").asText(), name(w) + " seccomp");
            assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name(w) + ": expected readOnlyRootFilesystem");
            assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), name(w) + ": expected allowPrivilegeEscalation false");
            assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), name(w) + " capabilities dropped");

            Map<String, JsonNode> volumes = new TreeMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            Map<String, String> mounts = new TreeMap<>();
            container(w).path("volumeMounts").forEach(v -> mounts.put(v.path("mountPath").asText(), v.path("name").asText()));
            assertTrue(mounts.containsKey("/tmp") && volumes.get(mounts.get("/tmp")).has("emptyDir"),
                    name(w) + ": expected /tmp on an emptyDir (the root is read-only), mounts " + mounts);
            for (String volume : mounts.values()) {
                JsonNode v = volumes.get(volume);
                assertTrue(v != null, name(w) + " mounts volume '" + volume + "': expected one of " + volumes.keySet());
                if (v.has("persistentVolumeClaim")) {
                    m.get("PersistentVolumeClaim", v.path("persistentVolumeClaim").path("claimName").asText());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void statefulSetsHaveHeadlessGoverningServicesAndDisruptionBudgets(String overlay) throws Exception {
        Manifests m = render(overlay);
        for (JsonNode s : m.ofKind("StatefulSet")) {
            JsonNode governing = m.get("Service", s.path("spec").path("serviceName").asText());
            assertEquals("None", governing.path("spec").path("clusterIP").asText(), name(s) + "'s governing Service clusterIP");
            assertTrue(selects(governing.path("spec").path("selector"), podLabels(s)),
                    "Service " + name(governing) + " does not select " + name(s) + "'s pods");
            long budgets = m.ofKind("PodDisruptionBudget").stream()
                    .filter(b -> selects(b.path("spec").path("selector"), podLabels(s))).count();
            assertEquals(1, budgets, name(s) + ": expected one PodDisruptionBudget");
        }
        for (JsonNode service : m.ofKind("Service")) {
            assertTrue(m.workloads().stream().anyMatch(w -> m.servicesSelecting(w).contains(service)),
                    "Service " + name(service) + " selects no pods");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesLetEachServiceReachOnlyWhatItNeeds(String overlay) throws Exception {
        Manifests m = render(overlay);
        JsonNode kafka = theKafka(m);
        Map<String, String> brokerPod = Map.of("strimzi.io/cluster", name(kafka), "strimzi.io/kind", "Kafka");
        Map<String, String> ingestPod = podLabels(m.get("StatefulSet", "ingest-service"));
        Map<String, String> reducePod = podLabels(m.get("StatefulSet", "reduce-service"));
        for (JsonNode w : m.workloads()) {
            Map<String, String> pod = podLabels(w);
            List<JsonNode> policies = m.ofKind("NetworkPolicy").stream()
                    .filter(p -> selects(p.path("spec").path("podSelector"), pod)).toList();
            Set<String> isolated = new TreeSet<>();
            policies.forEach(p -> p.path("spec").path("policyTypes").forEach(t -> isolated.add(t.asText())));
            assertEquals(Set.of("Egress", "Ingress"), isolated, name(w) + ": expected isolated both ways");
            assertTrue(egressAllows(policies, brokerPod, listenerPorts(kafka).getFirst()), name(w) + ": no egress to the broker");
            assertTrue(peersSelect(kafka.path("spec").path("kafka").path("listeners").path(0).path("networkPolicyPeers"), pod),
                    "the broker's networkPolicyPeers do not admit " + name(w));
            boolean edge = name(w).equals("ingest-service");
            assertEquals(edge, ingressOpenToAll(policies), name(w) + ": only ingest-service is open to every client");
        }
        List<JsonNode> ingest = m.ofKind("NetworkPolicy").stream()
                .filter(p -> selects(p.path("spec").path("podSelector"), ingestPod)).toList();
        assertTrue(egressAllows(ingest, reducePod, 8084), "ingest-service cannot reach reduce-service's gRPC");
        List<JsonNode> reduce = m.ofKind("NetworkPolicy").stream()
                .filter(p -> selects(p.path("spec").path("podSelector"), reducePod)).toList();
        assertTrue(ingressAllows(reduce, ingestPod, 8084), "reduce-service does not admit ingest-service's gRPC");
        assertFalse(ingressAllows(reduce, podLabels(m.get("StatefulSet", "fft-service")), 8084),
                "reduce-service admits fft-service: expected ingest-service only");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesAreTaggedAndOutsideTheUnownedMantaNamespace(String overlay) throws Exception {
        for (JsonNode w : render(overlay).workloads()) {
            String image = container(w).path("image").asText();
            assertFalse(image.startsWith("manta/"), name(w) + " image " + image + ": manta/ is a namespace nobody owns");
            String tag = image.substring(image.lastIndexOf('/') + 1);
            assertTrue(tag.contains(":") && !tag.endsWith(":latest"), name(w) + " image " + image + ": expected a pinned tag");
        }
    }

    /**
     * Where the listener that the services use authenticates with SCRAM: the broker authorizes (simple) and runs
     * the User Operator; each service's pod gets the protocol, the mechanism, the login from its own KafkaUser's
     * Secret and the cluster CA as its trust store; the user's ACLs allow what the service's code reads, writes,
     * waits for, the groups it consumes in, its transactional ids and Streams' internal topics, and nothing else.
     * Where it does not (dev), the services stay plaintext.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceLogsInToKafkaAsItsOwnUserAllowedWhatItsCodeDoes(String overlay) throws Exception {
        Manifests m = render(overlay);
        JsonNode kafka = theKafka(m);
        JsonNode listener = servicesListener(m, kafka);
        boolean scram = "scram-sha-512".equals(listener.path("authentication").path("type").asText());
        Set<String> users = new TreeSet<>();
        for (JsonNode w : m.workloads()) {
            Map<String, JsonNode> env = environment(m, w);
            String protocol = env.getOrDefault("MANTA_KAFKA_SECURITY_PROTOCOL", TextNode.valueOf("PLAINTEXT")).asText();
            if (!scram) {
                assertEquals(listener.path("tls").asBoolean() ? "SSL" : "PLAINTEXT", protocol,
                        name(w) + "'s security protocol on listener " + listener.path("name").asText());
                continue;
            }
            assertEquals(listener.path("tls").asBoolean() ? "SASL_SSL" : "SASL_PLAINTEXT", protocol, name(w) + "'s security protocol");
            assertEquals("SCRAM-SHA-512", env.getOrDefault("MANTA_KAFKA_SASL_MECHANISM", TextNode.valueOf("")).asText(),
                    name(w) + "'s SASL mechanism");
            JsonNode login = env.getOrDefault("MANTA_KAFKA_SASL_JAAS_CONFIG", TextNode.valueOf("")).path("secretKeyRef");
            assertEquals("sasl.jaas.config", login.path("key").asText(),
                    name(w) + ": expected MANTA_KAFKA_SASL_JAAS_CONFIG from a KafkaUser's Secret, key sasl.jaas.config");
            JsonNode user = m.get("KafkaUser", login.path("name").asText());
            assertEquals(name(kafka), user.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    "KafkaUser " + name(user) + "'s strimzi.io/cluster");
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText(),
                    "KafkaUser " + name(user) + "'s authentication");
            assertTrue(users.add(name(user)), name(w) + " logs in as " + name(user) + ", which another service uses too");
            if (listener.path("tls").asBoolean()) {
                assertTrustsTheClusterCa(m, kafka, w, env);
            }
            assertAclsAreTheCodes(KafkaUserAcls.of(user), KafkaUses.of(REPOSITORY, name(w)), name(w));
        }
        if (scram) {
            assertEquals("simple", kafka.path("spec").path("kafka").path("authorization").path("type").asText(),
                    "the Kafka's authorization (the KafkaUsers' ACLs need it)");
            assertTrue(kafka.path("spec").path("entityOperator").has("userOperator"),
                    "the Kafka's entityOperator has no userOperator: the KafkaUsers would never be created");
        }
    }

    /** Where the broker authenticates, KEDA reads fft-service's lag as a KafkaUser allowed to, trusting the cluster CA. */
    @ParameterizedTest
    @MethodSource("overlays")
    void kedaLogsInWhereTheBrokerAuthenticates(String overlay) throws Exception {
        Manifests m = render(overlay);
        JsonNode kafka = theKafka(m);
        JsonNode trigger = m.get("ScaledObject", "fft-service").path("spec").path("triggers").path(0);
        int port = Integer.parseInt(trigger.path("metadata").path("bootstrapServers").asText().replaceAll(".*:", ""));
        JsonNode listener = listener(kafka, port);
        if (!listener.has("authentication")) {
            return;
        }
        JsonNode auth = m.get("TriggerAuthentication", trigger.path("authenticationRef").path("name").asText());
        Map<String, JsonNode> params = new TreeMap<>();
        auth.path("spec").path("secretTargetRef").forEach(r -> params.put(r.path("parameter").asText(), r));
        Map<String, String> settings = new TreeMap<>();
        params.forEach((param, ref) -> m.find("Secret", ref.path("name").asText())
                .ifPresent(secret -> settings.put(param, secret.path("stringData").path(ref.path("key").asText()).asText())));
        assertEquals("scram_sha512", settings.get("sasl"), "KEDA's sasl");
        assertEquals(listener.path("tls").asBoolean() ? "enable" : "disable", settings.getOrDefault("tls", "disable"), "KEDA's tls");
        JsonNode user = m.get("KafkaUser", settings.get("username"));
        assertEquals(name(user), params.get("password").path("name").asText(), "KEDA's password: the Secret of its KafkaUser");
        assertEquals("password", params.get("password").path("key").asText(), "KEDA's password key");
        if (listener.path("tls").asBoolean()) {
            assertEquals(name(kafka) + "-cluster-ca-cert", params.get("ca").path("name").asText(), "KEDA's ca Secret");
            assertEquals("ca.crt", params.get("ca").path("key").asText(), "KEDA's ca key");
        }
        KafkaUserAcls acls = KafkaUserAcls.of(user);
        assertTrue(acls.allows("topic", trigger.path("metadata").path("topic").asText(), "Describe"), name(user) + ": Describe the topic");
        assertTrue(acls.allows("group", trigger.path("metadata").path("consumerGroup").asText(), "Describe"),
                name(user) + ": Describe the group");
        assertEquals(Set.of(), acls.literalsGranted("topic", "Read"), name(user) + " reads topics: it only needs their offsets");
    }

    /** The listener whose port the services' KAFKA_BOOTSTRAP names. */
    private static JsonNode servicesListener(Manifests m, JsonNode kafka) {
        String bootstrap = strings(m.get("ConfigMap", "manta-mesh").path("data")).get("KAFKA_BOOTSTRAP");
        return listener(kafka, Integer.parseInt(bootstrap.replaceAll(".*:", "")));
    }

    private static JsonNode listener(JsonNode kafka, int port) {
        for (JsonNode l : kafka.path("spec").path("kafka").path("listeners")) {
            if (l.path("port").asInt() == port) {
                return l;
            }
        }
        throw new AssertionError("port " + port + ": expected a listener port " + listenerPorts(kafka));
    }

    /**
     * A container's environment: its ConfigMaps' entries ({@code envFrom}), then its own {@code env} (which win), each
     * as the value or its {@code valueFrom}.
     */
    private static Map<String, JsonNode> environment(Manifests m, JsonNode workload) {
        Map<String, JsonNode> env = new TreeMap<>();
        for (JsonNode from : container(workload).path("envFrom")) {
            if (from.has("configMapRef")) {
                m.get("ConfigMap", from.path("configMapRef").path("name").asText()).path("data").fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            }
        }
        for (JsonNode e : container(workload).path("env")) {
            env.put(e.path("name").asText(), e.has("valueFrom") ? e.path("valueFrom") : e.path("value"));
        }
        return env;
    }

    /** The trust store file is the cluster CA's certificate (Strimzi's Secret {@code <kafka>-cluster-ca-cert}, {@code ca.crt}). */
    private static void assertTrustsTheClusterCa(Manifests m, JsonNode kafka, JsonNode w, Map<String, JsonNode> env) {
        String location = env.getOrDefault("MANTA_KAFKA_SSL_TRUSTSTORE_LOCATION", TextNode.valueOf("")).asText();
        assertFalse(location.isEmpty(), name(w) + ": expected MANTA_KAFKA_SSL_TRUSTSTORE_LOCATION (the cluster CA)");
        assertEquals("PEM", env.getOrDefault("MANTA_KAFKA_SSL_TRUSTSTORE_TYPE", TextNode.valueOf("PEM")).asText(),
                name(w) + "'s trust store type (ca.crt is PEM)");
        Path file = Path.of(location);
        JsonNode mount = null;
        for (JsonNode v : container(w).path("volumeMounts")) {
            if (Path.of(v.path("mountPath").asText()).equals(file.getParent())) {
                mount = v;
            }
        }
        assertTrue(mount != null, name(w) + ": no volume mounted at " + file.getParent() + " for the trust store " + location);
        String volumeName = mount.path("name").asText();
        JsonNode volume = null;
        for (JsonNode v : w.path("spec").path("template").path("spec").path("volumes")) {
            if (v.path("name").asText().equals(volumeName)) {
                volume = v.path("secret");
            }
        }
        assertTrue(volume != null, name(w) + ": no Secret volume " + volumeName);
        assertEquals(name(kafka) + "-cluster-ca-cert", volume.path("secretName").asText(), name(w) + "'s trust store Secret");
        boolean caCrt = false;
        for (JsonNode item : volume.path("items")) {
            caCrt |= item.path("key").asText().equals("ca.crt") && item.path("path").asText().equals(file.getFileName().toString());
        }
        assertTrue(caCrt, name(w) + ": " + location + " is not the Secret's key ca.crt");
        m.find("Secret", name(kafka) + "-cluster-ca-cert").ifPresent(s -> fail("the cluster CA Secret is Strimzi's, not the manifests'"));
    }

    /** The KafkaUser allows what the service's code does with Kafka, and nothing more. */
    private static void assertAclsAreTheCodes(KafkaUserAcls acls, KafkaUses uses, String service) {
        String who = service + " (KafkaUser " + acls.user() + ")";
        assertFalse(uses.reads().isEmpty() && uses.writes().isEmpty(), service + ": found no Kafka use in its code");
        uses.reads().forEach(t -> assertTrue(acls.allows("topic", t, "Read"), who + ": its code reads " + t));
        uses.writes().forEach(t -> assertTrue(acls.allows("topic", t, "Write"), who + ": its code writes " + t));
        uses.awaited().forEach(t -> assertTrue(acls.allows("topic", t, "Describe"), who + ": Quarkus waits for " + t));
        uses.groups().forEach(g -> assertTrue(acls.allows("group", g, "Read"), who + ": its code consumes in group " + g));
        uses.transactionalPrefixes().forEach(p -> assertTrue(acls.allowsPrefix("transactionalId", p, "Write"),
                who + ": its transactional ids start with " + p));
        if (!uses.streamsApplicationId().isEmpty()) {
            STREAMS_INTERNAL_TOPIC_OPERATIONS.forEach(op -> assertTrue(acls.allowsPrefix("topic", uses.streamsApplicationId(), op),
                    who + ": Kafka Streams' internal topics " + uses.streamsApplicationId() + "-*: " + op));
        }
        if (!uses.writes().isEmpty()) {
            assertTrue(acls.allows("cluster", "kafka-cluster", "IdempotentWrite"), who + ": its producers are idempotent");
        }
        // nothing more: no topic, group or transactional id the code does not use
        assertEquals(uses.reads(), acls.literalsGranted("topic", "Read"), who + ": topics it may read");
        assertEquals(uses.writes(), acls.literalsGranted("topic", "Write"), who + ": topics it may write");
        assertEquals(uses.groups(), acls.names("group"), who + ": groups");
        assertEquals(uses.transactionalPrefixes(), acls.names("transactionalId"), who + ": transactional id prefixes");
        Set<String> topics = new TreeSet<>(uses.reads());
        topics.addAll(uses.writes());
        topics.addAll(uses.awaited());
        if (!uses.streamsApplicationId().isEmpty()) {
            topics.add(uses.streamsApplicationId());   // the prefix ACL of its internal topics
        }
        assertEquals(topics, acls.names("topic"), who + ": topics with an ACL");
    }

    private static void assertTopicsAreTheCodes(List<JsonNode> topics) {
        Map<String, JsonNode> manifest = new TreeMap<>();
        topics.forEach(t -> manifest.put(t.path("spec").path("topicName").asText(), t.path("spec")));
        assertEquals(Topics.all().stream().map(TopicSpec::name).sorted().toList(), List.copyOf(manifest.keySet()), "topics");
        for (TopicSpec t : Topics.all()) {
            JsonNode spec = manifest.get(t.name());
            assertEquals(t.partitions(), spec.path("partitions").asInt(), t.name() + " partitions");
            assertEquals(new TreeMap<>(t.configs()), strings(spec.path("config")), t.name() + " configs");
        }
    }

    private static JsonNode theKafka(Manifests m) {
        List<JsonNode> kafkas = m.ofKind("Kafka");
        assertEquals(1, kafkas.size(), "expected one Kafka");
        return kafkas.getFirst();
    }

    /** The Service Strimzi creates for a Kafka's bootstrap address. */
    private static String strimziBootstrapService(JsonNode kafka) {
        return name(kafka) + "-kafka-bootstrap";
    }

    private static List<Integer> listenerPorts(JsonNode kafka) {
        List<Integer> ports = new ArrayList<>();
        kafka.path("spec").path("kafka").path("listeners").forEach(l -> ports.add(l.path("port").asInt()));
        return ports;
    }

    /** fft-service's consumer group, as its source declares it. */
    private static String fftConsumerGroup() throws IOException {
        Matcher g = Pattern.compile("String GROUP = \"([^\"]+)\"").matcher(Files.readString(FFT_WORKER));
        assertTrue(g.find(), FFT_WORKER + ": expected the constant GROUP");
        return g.group(1);
    }

    private static boolean egressAllows(List<JsonNode> policies, Map<String, String> pod, int port) {
        return rulesAllow(policies, "egress", "to", pod, port);
    }

    private static boolean ingressAllows(List<JsonNode> policies, Map<String, String> pod, int port) {
        return rulesAllow(policies, "ingress", "from", pod, port);
    }

    /** Whether a rule admits pods with these labels (in the same namespace) on this port. */
    private static boolean rulesAllow(List<JsonNode> policies, String direction, String peers,
                                      Map<String, String> pod, int port) {
        for (JsonNode p : policies) {
            for (JsonNode rule : p.path("spec").path(direction)) {
                boolean peer = !rule.has(peers) || peersSelect(rule.path(peers), pod);
                boolean onPort = !rule.has("ports");
                for (JsonNode q : rule.path("ports")) {
                    onPort |= q.path("port").asInt() == port;
                }
                if (peer && onPort) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a list of peers admits pods with these labels in the same namespace. */
    private static boolean peersSelect(JsonNode peers, Map<String, String> pod) {
        for (JsonNode peer : peers) {
            if (peer.has("podSelector") && !peer.has("namespaceSelector") && selects(peer.path("podSelector"), pod)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ingressOpenToAll(List<JsonNode> policies) {
        for (JsonNode p : policies) {
            for (JsonNode rule : p.path("spec").path("ingress")) {
                if (!rule.has("from")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A memory quantity in bytes ({@code 512Mi}, {@code 2Gi}, a plain number); 0 for none. */
    private static long bytes(String quantity) {
        if (quantity.isEmpty()) {
            return 0;
        }
        Matcher q = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti)?").matcher(quantity);
        assertTrue(q.matches(), "memory quantity '" + quantity + "': expected <n>[Ki|Mi|Gi|Ti]");
        int shift = switch (q.group(2) == null ? "" : q.group(2)) {
            case "Ki" -> 10;
            case "Mi" -> 20;
            case "Gi" -> 30;
            case "Ti" -> 40;
            default -> 0;
        };
        return Long.parseLong(q.group(1)) << shift;
    }
}
