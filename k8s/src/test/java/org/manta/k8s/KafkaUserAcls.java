package org.manta.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ACLs of a Strimzi {@code KafkaUser} ({@code spec.authorization.acls}, simple authorization), and what they
 * allow as Kafka's authorizer decides it: a literal resource matches its name, a prefix resource every name that
 * starts with it; {@code All} allows every operation, and Read, Write, Delete or Alter imply Describe.
 *
 * @param user the KafkaUser's name
 * @param acls its ACL entries
 */
record KafkaUserAcls(String user, List<Acl> acls) {
    private static final Set<String> IMPLY_DESCRIBE = Set.of("Read", "Write", "Delete", "Alter", "All");

    /** One ACL entry: resource type ({@code topic}, {@code group}, {@code transactionalId}, {@code cluster}). */
    record Acl(String type, String name, boolean prefix, Set<String> operations) {
        boolean allows(String operation) {
            return operations.contains(operation) || operations.contains("All")
                    || operation.equals("Describe") && operations.stream().anyMatch(IMPLY_DESCRIBE::contains);
        }

        /** Whether this entry's resource pattern covers every name that starts with {@code prefix}. */
        boolean coversPrefix(String prefix) {
            return this.prefix && prefix.startsWith(name);
        }

        boolean matches(String resource) {
            return prefix ? resource.startsWith(name) : resource.equals(name);
        }
    }

    static KafkaUserAcls of(JsonNode kafkaUser) {
        List<Acl> acls = new ArrayList<>();
        for (JsonNode a : kafkaUser.path("spec").path("authorization").path("acls")) {
            JsonNode r = a.path("resource");
            Set<String> ops = new TreeSet<>();
            a.path("operations").forEach(o -> ops.add(o.asText()));
            if (a.has("operation")) {
                ops.add(a.path("operation").asText());
            }
            acls.add(new Acl(r.path("type").asText(), r.path("name").asText("kafka-cluster"),
                    "prefix".equals(r.path("patternType").asText("literal")), ops));
        }
        return new KafkaUserAcls(Manifests.name(kafkaUser), List.copyOf(acls));
    }

    /** Whether an ACL allows the operation on the named resource of this type. */
    boolean allows(String type, String resource, String operation) {
        return acls.stream().anyMatch(a -> a.type().equals(type) && a.matches(resource) && a.allows(operation));
    }

    /** Whether an ACL allows the operation on every resource of this type whose name starts with {@code prefix}. */
    boolean allowsPrefix(String type, String prefix, String operation) {
        return acls.stream().anyMatch(a -> a.type().equals(type) && a.coversPrefix(prefix) && a.allows(operation));
    }

    /** The literal resources of a type with an ACL that allows the operation itself (not only implied). */
    Set<String> literalsGranted(String type, String operation) {
        Set<String> names = new TreeSet<>();
        acls.stream().filter(a -> a.type().equals(type) && !a.prefix()
                        && (a.operations().contains(operation) || a.operations().contains("All")))
                .forEach(a -> names.add(a.name()));
        return names;
    }

    /** Every resource name of a type that has an ACL entry. */
    Set<String> names(String type) {
        Set<String> names = new TreeSet<>();
        acls.stream().filter(a -> a.type().equals(type)).forEach(a -> names.add(a.name()));
        return names;
    }
}
